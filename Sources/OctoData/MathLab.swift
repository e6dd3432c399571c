// The synthetic math lab: seeded generators of math problems and of the text kinds the
// study mixes (web-like math, general web prose, QA with short and long chains of thought).
// Everything is a pure function of the seed, so two labs with one seed give the same bytes.
import OctoBase

/// A text corpus the lab can write.
public enum LabCorpusKind: String, CaseIterable, Codable, Sendable {
    /// Web-like math pages: expository paragraphs, worked examples, light markup and noise.
    case mathWeb = "lab:math_web"
    /// A weaker math corpus: fewer steps, more boilerplate, some wrong or missing steps.
    case mathWebLow = "lab:math_web_low"
    /// General web-like prose about everyday topics (no math problems).
    case web = "lab:web"
    /// "Question: … Answer: <2–4 lines> … \boxed{}".
    case qaShort = "lab:qa_short"
    /// Long exploratory chains of thought with self-checks, backtracking, a second method.
    case qaLong = "lab:qa_long"
    /// Short and long QA mixed half and half.
    case qaHybrid = "lab:qa_hybrid"
    /// The arithmetic world of the study (ArithProblem): math web pages with fact drills and
    /// worked chains, every step right.
    case arithMathWeb = "arith:math_web"
    /// The same pages with boilerplate, skipped steps and wrong facts.
    case arithMathWebLow = "arith:math_web_low"
    /// "Question: … Answer: 7 + 5 = 12. … The answer is \boxed{N}." (one equation a step).
    case arithQAShort = "arith:qa_short"
    /// Scratchpad traces: one-digit facts per step, restatements, a backwards check.
    case arithQALong = "arith:qa_long"
    /// Short and long arithmetic QA, half and half.
    case arithQAHybrid = "arith:qa_hybrid"

    /// Accepts "lab:math_web", "math_web", "lab_math_web", "arith:qa_long" or "arith_qa_long".
    /// - Throws: `DataError.unknownName` listing the valid names.
    public init(name: String) throws {
        var n = name
        var world = "lab:"
        if n.hasPrefix("lab:") || n.hasPrefix("lab_") { n.removeFirst(4) }
        else if n.hasPrefix("arith:") || n.hasPrefix("arith_") { n.removeFirst(6); world = "arith:" }
        guard let k = LabCorpusKind(rawValue: world + n) else {
            throw DataError.unknownName(name: name, valid: LabCorpusKind.allCases.map(\.rawValue))
        }
        self = k
    }

    /// Whether `name` names a generated corpus ("lab:…", "lab_…", "arith:…", "arith_…").
    public static func isGenerated(_ name: String) -> Bool {
        ["lab:", "lab_", "arith:", "arith_"].contains { name.hasPrefix($0) }
    }
}

/// Which use a problem's canonical key is reserved for. The key's FNV-1a hash, mixed, picks
/// a bucket 0..<100: 0–79 training text, 80–87 RL prompts (`lab:math8k`), 88–99 evaluation
/// benchmarks. Generators reject problems outside their partition, so benchmark problems
/// never appear in training text, for any seed.
public enum LabPartition: String, Sendable {
    case training, rlPrompts, evaluation

    /// The partition of a canonical key.
    public static func of(key: String) -> LabPartition {
        let b = HashSplit.bucket(FNV1a.hash64(key), buckets: 100)
        return b < 80 ? .training : b < 88 ? .rlPrompts : .evaluation
    }
}

/// The lab: `MathLab(seed: 1).documents(kind: .qaShort, count: 100)`.
public struct MathLab: Sendable {
    /// The seed every training stream derives from.
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// `count` documents of a kind (the first `count` of `stream(kind:)`).
    public func documents(kind: LabCorpusKind, count: Int) -> [String] {
        var s = stream(kind: kind)
        return (0..<max(0, count)).map { _ in s.nextDocument() }
    }

    /// Documents of a kind until their total length reaches `approxChars` characters
    /// (UTF-8 bytes; about 4 per token for a small BPE).
    public func text(kind: LabCorpusKind, approxChars: Int) -> [String] {
        var s = stream(kind: kind)
        var out: [String] = [], total = 0
        while total < approxChars { let d = s.nextDocument(); total += d.utf8.count; out.append(d) }
        return out
    }

    /// An endless, deterministic stream of documents of one kind.
    public func stream(kind: LabCorpusKind) -> LabDocumentStream {
        LabDocumentStream(kind: kind, rng: RNG(seed: seed, stream: kind.rawValue))
    }

    /// `count` training problems (all in the training partition), for inspection and tests.
    public func trainingProblems(count: Int, families: [LabFamily] = LabFamily.allCases,
                                 levels: ClosedRange<Int> = 1...5) -> [LabProblem] {
        var rng = RNG(seed: seed, stream: "problems")
        return (0..<max(0, count)).map { _ in LabProblemFactory.draw(families: families, levels: levels, partition: .training, rng: &rng) }
    }
}

/// An endless stream of lab documents; a value type, so copying it forks the stream.
public struct LabDocumentStream: Sequence, IteratorProtocol, Sendable {
    /// The kind of text produced.
    public let kind: LabCorpusKind
    /// The generator state (save it to resume the stream).
    public var rng: RNG

    public init(kind: LabCorpusKind, rng: RNG) { self.kind = kind; self.rng = rng }

    /// The next document.
    public mutating func nextDocument() -> String {
        switch kind {
        case .mathWeb: return LabWebText.document(lowQuality: false, rng: &rng)
        case .mathWebLow: return LabWebText.document(lowQuality: true, rng: &rng)
        case .web: return LabProse.document(rng: &rng)
        case .qaShort: return LabQA.short(LabProblemFactory.draw(partition: .training, rng: &rng), rng: &rng)
        case .qaLong: return LabQA.long(LabProblemFactory.draw(partition: .training, rng: &rng), rng: &rng)
        case .qaHybrid:
            let p = LabProblemFactory.draw(partition: .training, rng: &rng)
            return rng.chance(0.5) ? LabQA.short(p, rng: &rng) : LabQA.long(p, rng: &rng)
        case .arithMathWeb: return ArithText.mathWeb(lowQuality: false, rng: &rng)
        case .arithMathWebLow: return ArithText.mathWeb(lowQuality: true, rng: &rng)
        case .arithQAShort: return ArithText.qaShort(rng: &rng)
        case .arithQALong: return ArithText.qaLong(rng: &rng)
        case .arithQAHybrid: return rng.chance(0.5) ? ArithText.qaShort(rng: &rng) : ArithText.qaLong(rng: &rng)
        }
    }

    public mutating func next() -> String? { nextDocument() }
}

/// Picks a family and level and asks that family's generator for a problem.
public enum LabProblemFactory {
    /// One problem of a family at a level (1–5, clamped), in no particular partition.
    public static func make(family: LabFamily, level: Int, rng: inout RNG) -> LabProblem {
        let l = min(5, max(1, level))
        switch family {
        case .word: return LabWordProblems.make(level: l, rng: &rng)
        case .fraction: return LabNumberProblems.fraction(level: l, rng: &rng)
        case .linear: return LabAlgebraProblems.linear(level: l, rng: &rng)
        case .system: return LabAlgebraProblems.system(level: l, rng: &rng)
        case .modular: return LabNumberProblems.modular(level: l, rng: &rng)
        case .counting: return LabCountingProblems.counting(level: l, rng: &rng)
        case .sequence: return LabCountingProblems.sequence(level: l, rng: &rng)
        }
    }

    /// Whether a problem may appear in training text (its key hashes to `.training`).
    public static func admitsTraining(_ problem: LabProblem) -> Bool {
        LabPartition.of(key: problem.canonicalKey) == .training
    }

    /// A problem from random families/levels whose key lies in `partition`. Problems in other
    /// partitions are rejected; after 64 rejections the family and level are drawn again (so
    /// small parameter spaces that hash elsewhere cannot stall the draw).
    public static func draw(families: [LabFamily] = LabFamily.allCases, levels: ClosedRange<Int> = 1...5,
                            partition: LabPartition, rng: inout RNG,
                            accept: (LabProblem) -> Bool = { _ in true }) -> LabProblem {
        while true {
            if let p = tryDraw(families: families, levels: levels, partition: partition, rng: &rng, rounds: 1_000, accept: accept) {
                return p
            }
        }
    }

    /// Like `draw`, but gives up (nil) after `rounds` family/level draws.
    static func tryDraw(families: [LabFamily], levels: ClosedRange<Int>, partition: LabPartition, rng: inout RNG,
                        rounds: Int, accept: (LabProblem) -> Bool) -> LabProblem? {
        for _ in 0..<rounds {
            let family = rng.pick(families), level = rng.int(levels)
            for _ in 0..<64 {
                let p = make(family: family, level: level, rng: &rng)
                if LabPartition.of(key: p.canonicalKey) == partition && accept(p) { return p }
            }
        }
        return nil
    }
}
