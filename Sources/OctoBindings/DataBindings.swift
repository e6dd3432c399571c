// Bindings of OctoData: corpora (lab or jsonl), weighted mixtures, benchmark problems.
// Corpora stay text until a phase needs tokens; then they are tokenised with the model's
// tokenizer and packed. A data recipe (JSON) records how to rebuild them on resume.
import Foundation
import OctoTensor
import OctoTokenizer
import OctoData
import OctoBase

/// A text source: the synthetic lab (with its seed) or a jsonl file.
public final class CorpusHandle: Codable {
    public enum Source: Codable { case lab(kind: String, seed: UInt64), file(path: String, field: String) }
    public let name: String
    public let source: Source
    init(name: String, source: Source) { self.name = name; self.source = source }

    /// Documents tokenised with `tok`, stopping once `targetTokens` are reached (lab) or the
    /// whole file (jsonl, cached beside the file).
    func tokenized(_ tok: Tokenizer, targetTokens: Int) throws -> [[Int]] {
        switch source {
        case let .lab(kind, seed):
            let k = try LabCorpusKind(name: kind)
            var stream = MathLab(seed: seed).stream(kind: k)
            var docs: [[Int]] = [], total = 0
            while total < targetTokens {
                let ids = tok.encode(stream.nextDocument(), addSpecialTokens: false)
                total += ids.count + 1
                docs.append(ids)
            }
            return docs
        case let .file(path, field):
            let corpus = TextCorpus(url: URL(fileURLWithPath: path), field: field, policy: .skip)
            let hash = String(format: "%016llx", FNV1a.hash64(bytes: tok.jsonData))
            let tc = try corpus.tokenize(tokenizerHash: hash) { tok.encode($0, addSpecialTokens: false) }
            return try (0..<tc.documentCount).map { try tc.document($0).map(Int.init) }
        }
    }

    /// A few documents as text (for looking at, and for tokenizer training).
    func sampleTexts(count: Int) throws -> [String] {
        switch source {
        case let .lab(kind, seed): return MathLab(seed: seed).documents(kind: try LabCorpusKind(name: kind), count: count)
        case let .file(path, field):
            return Array(try TextCorpus(url: URL(fileURLWithPath: path), field: field, policy: .skip).readTexts().texts.prefix(count))
        }
    }
}

/// A weighted list of corpora.
public final class MixHandle: Codable {
    public let parts: [Part]
    public struct Part: Codable { public let corpus: CorpusHandle; public let weight: Double }
    init(parts: [Part]) { self.parts = parts }

    /// Builds the engine mixture: every part tokenised and packed into `seqLen` windows.
    func build(tokenizer tok: Tokenizer, seqLen: Int, totalTokens: Int, seed: UInt64) throws -> Mixture {
        let wsum = parts.reduce(0) { $0 + $1.weight }
        let eos = tok.eosId ?? 0
        let comps = try parts.map { p -> MixtureComponent in
            // Enough text for this part's share of the budget (capped: the mixture cycles).
            let target = min(max(Int(Double(totalTokens) * p.weight / wsum * 1.1), seqLen * 8), 3_000_000)
            let docs = try p.corpus.tokenized(tok, targetTokens: target)
            return MixtureComponent(name: p.corpus.name, weight: p.weight, sequences: try PackedSequences(documents: docs, eos: eos, seqLen: seqLen))
        }
        return try Mixture(components: comps, seed: seed)
    }
}

/// A benchmark or prompt problem.
public final class ProblemBox { public let problem: Problem; init(_ p: Problem) { problem = p } }

enum DataBindings {
    static let corpusType: NativeType<CorpusHandle> = NativeType("Corpus", doc: "A text corpus: a lab generator or a jsonl file.") { t in
        t.attribute("name", .string, doc: "the corpus name") { .string($0.name) }
        t.method("sample", params: [Param("n", .int, default: 3)], doc: "The first n documents as text.") { c, a, _ in
            .strings(try bridge("sample") { try c.sampleTexts(count: max(0, a.intArg("n"))) })
        }
        t.repr { "<Corpus \($0.name)>" }
    }
    static let mixType: NativeType<MixHandle> = NativeType("Mixture", doc: "Weighted corpora, sampled deterministically.") { t in
        t.attribute("weights", .dict, doc: "normalised weight per corpus") { m in
            let s = m.parts.reduce(0) { $0 + $1.weight }
            return .record(m.parts.map { ($0.corpus.name, .float($0.weight / s)) })
        }
        t.repr { m in
            let s = m.parts.reduce(0) { $0 + $1.weight }
            return "<Mixture " + m.parts.map { "\($0.corpus.name)=\(fmt($0.weight / s, 3))" }.joined(separator: " ") + ">"
        }
    }
    static let problemType: NativeType<ProblemBox> = NativeType("Problem", doc: "A math problem with its gold answer.") { t in
        t.attribute("id", .string, doc: "identifier") { .string($0.problem.id) }
        t.attribute("prompt", .string, doc: "the question") { .string($0.problem.prompt) }
        t.attribute("gold", .string, doc: "the gold answer") { .string($0.problem.gold) }
        t.attribute("source", .string, doc: "benchmark name") { .string($0.problem.source) }
        t.attribute("level", doc: "difficulty level, or nil") { $0.problem.level.map(Value.int) ?? .null }
        t.attribute("solution", doc: "reference solution, or nil") { $0.problem.solution.map(Value.string) ?? .null }
        t.repr { p in
            let q = p.problem.prompt.count > 50 ? String(p.problem.prompt.prefix(50)) + "…" : p.problem.prompt
            return "<Problem \(p.problem.id) \(String(reflecting: q)) gold=\(p.problem.gold)>"
        }
    }

    /// A corpus from a value: a Corpus object or a name ("lab:…" or a jsonl path).
    static func corpus(from v: Value, interp: Interpreter) throws -> CorpusHandle {
        if let c = corpusType.unwrap(v) { return c }
        guard let name = v.stringValue else { throw ScriptError(.type, "expected a Corpus or a corpus name, got \(v.typeName)") }
        return try makeCorpus(name, field: "text", interp: interp)
    }

    static func makeCorpus(_ name: String, field: String, interp: Interpreter) throws -> CorpusHandle {
        // `lab_web` (as in mix(lab_web=1)) and `lab:web` name the same corpus; so do `arith_…` and `arith:…`.
        if LabCorpusKind.isGenerated(name) && !FileManager.default.fileExists(atPath: name) {
            let kind: LabCorpusKind
            do { kind = try LabCorpusKind(name: name) } catch {
                let names = LabCorpusKind.allCases.map(\.rawValue)
                let hint = closestName(to: name, among: names).map { "did you mean '\($0)'? " } ?? ""
                throw ScriptError(.value, "unknown lab corpus '\(name)'; \(hint)lab corpora: \(names.joined(separator: ", "))")
            }
            return CorpusHandle(name: kind.rawValue, source: .lab(kind: kind.rawValue, seed: interp.random.next()))
        }
        guard FileManager.default.fileExists(atPath: name) else {
            throw ScriptError(.io, "no such corpus file: \(name) (lab corpora are named lab:web, lab:math_web, … or lab_web, …)")
        }
        return CorpusHandle(name: (name as NSString).lastPathComponent, source: .file(path: name, field: field))
    }

    /// A mixture from a Corpus, a Mixture, a name, or a dict {name: weight}.
    static func mixture(from v: Value, interp: Interpreter) throws -> MixHandle {
        if let m = mixType.unwrap(v) { return m }
        if case .dict(let d) = v {
            return MixHandle(parts: try d.entries.map { k, w in
                guard case .string(let name) = k, let weight = w.doubleValue else { throw ScriptError(.type, "mix: keys must be corpus names and values numbers") }
                return .init(corpus: try makeCorpus(name, field: "text", interp: interp), weight: weight)
            })
        }
        return MixHandle(parts: [.init(corpus: try corpus(from: v, interp: interp), weight: 1)])
    }

    static func register(in r: Registry) {
        r.describe(corpusType); r.describe(mixType); r.describe(problemType)
        r.function("corpus", params: [Param("source", .string, doc: "lab:math_web, lab:math_web_low, lab:web, lab:qa_short, lab:qa_long, lab:qa_hybrid, arith:math_web, arith:math_web_low, arith:qa_short, arith:qa_long, arith:qa_hybrid, or a .jsonl path"),
                                      Param("field", .string, default: "text", doc: "jsonl field holding the text")],
                   doc: "A text corpus (lab corpora are generated on demand from the session seed).") { a, interp in
            corpusType.wrap(try makeCorpus(a.stringArg("source"), field: a.stringArg("field"), interp: interp))
        }
        r.function("mix", params: [Param("weights", .optional(.dict), default: .null, doc: "{corpus name: weight}")],
                   extraKeywords: .number,
                   doc: "A weighted mixture: mix(lab_math_web=0.7, lab_qa_short=0.3) or mix({\"lab:web\": 1, \"data.jsonl\": 2}).") { a, interp in
            var parts: [MixHandle.Part] = []
            if case .dict = a["weights"] { parts += try mixture(from: a["weights"], interp: interp).parts }
            for (k, v) in a.extraKeywords {
                guard let w = v.doubleValue, w > 0 else { throw a.error("mix: weight of \(k) must be a positive number") }
                let name = k.hasPrefix("lab_") ? "lab:" + k.dropFirst(4) : k.hasPrefix("arith_") ? "arith:" + k.dropFirst(6) : k
                parts.append(.init(corpus: try makeCorpus(name, field: "text", interp: interp), weight: w))
            }
            guard !parts.isEmpty else { throw a.error("mix: give at least one corpus with a weight") }
            if let bad = parts.first(where: { !($0.weight > 0) }) { throw a.error("mix: weight of \(bad.corpus.name) must be > 0") }
            return mixType.wrap(MixHandle(parts: parts))
        }
        r.function("problems", params: [Param("source", .string, doc: "lab:gsm, lab:math, lab:olympiad, lab:amc, lab:math8k, arith:gsm, arith:math, arith:olympiad, arith:amc, arith:rl, or a jsonl file (GSM8K, MATH, AMC23, OlympiadBench, MATH8K formats)"),
                                        Param("n", .optional(.int), default: .null, doc: "how many (lab sets: default size)")],
                   doc: "A list of Problem.") { a, _ in
            let src = a.stringArg("source")
            let n = a.int("n")
            let list: [Problem]
            if src.hasPrefix("arith:") {
                list = try bridge("problems") { try ArithBenchmarks.problems(src, count: n) }
            } else if src.hasPrefix("lab:") {
                list = try bridge("problems") { try MathLab.benchmark(src, count: n) }
            } else {
                let set = try bridge("problems \(src)") { try ProblemLoader.load(URL(fileURLWithPath: src)) }
                list = n.map { Array(set.problems.prefix($0)) } ?? set.problems
            }
            return .makeList(list.map { problemType.wrap(ProblemBox($0)) })
        }
    }
}
