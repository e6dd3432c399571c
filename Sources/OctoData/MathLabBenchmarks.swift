// Held-out lab benchmarks and the RL prompt set. Each set draws from its own fixed seed
// stream and accepts only problems whose canonical key hashes into its reserved partition
// (see `LabPartition`), so no benchmark problem can occur in any lab training text.
import OctoBase

/// The definition of one lab problem set.
public struct LabBenchmarkSpec: Sendable {
    /// "lab:gsm", …
    public let name: String
    /// Families drawn from.
    public let families: [LabFamily]
    /// Difficulty levels drawn from.
    public let levels: ClosedRange<Int>
    /// The reserved partition its keys must hash into.
    public let partition: LabPartition
    /// Size when no count is given (the public set's size).
    public let defaultCount: Int
    /// The public format its sample file is written in.
    public let format: ProblemFormat
}

extension MathLab {
    /// Seed of the benchmark streams: fixed, so `lab:gsm` is one set everywhere.
    public static let benchmarkSeed: UInt64 = 0x0C70_7411_BE4C_4A11

    /// The lab sets: `lab:gsm` (word problems, levels 1–3, 1319), `lab:math` (all families,
    /// 2–5, 500), `lab:olympiad` (4–5, 675), `lab:amc` (several families, 3–5, 40) and the
    /// RL prompt set `lab:math8k` (all families, 3–5, 8000, its own partition).
    public static let benchmarks: [LabBenchmarkSpec] = [
        LabBenchmarkSpec(name: "lab:gsm", families: [.word], levels: 1...3, partition: .evaluation, defaultCount: 1319, format: .gsm8k),
        LabBenchmarkSpec(name: "lab:math", families: LabFamily.allCases, levels: 2...5, partition: .evaluation, defaultCount: 500, format: .math),
        LabBenchmarkSpec(name: "lab:olympiad", families: LabFamily.allCases, levels: 4...5, partition: .evaluation, defaultCount: 675, format: .olympiad),
        LabBenchmarkSpec(name: "lab:amc", families: [.fraction, .linear, .system, .modular, .counting, .sequence], levels: 3...5,
                         partition: .evaluation, defaultCount: 40, format: .amc),
        LabBenchmarkSpec(name: "lab:math8k", families: LabFamily.allCases, levels: 3...5, partition: .rlPrompts, defaultCount: 8000, format: .math8k),
    ]

    /// The spec of a named set ("lab:gsm" or "gsm").
    /// - Throws: `DataError.unknownName` listing the valid names.
    public static func benchmarkSpec(_ name: String) throws -> LabBenchmarkSpec {
        let full = name.hasPrefix("lab:") ? name : "lab:" + name
        guard let spec = benchmarks.first(where: { $0.name == full }) else {
            throw DataError.unknownName(name: name, valid: benchmarks.map(\.name))
        }
        return spec
    }

    /// The first `count` structured problems of a set (distinct canonical keys).
    /// - Throws: `DataError.unknownName`, `.invalidArgument` for a negative count, or
    ///   `.generationExhausted` if the set's space runs out of distinct problems.
    public static func benchmarkProblems(_ name: String, count: Int? = nil) throws -> [LabProblem] {
        let spec = try benchmarkSpec(name)
        let n = count ?? spec.defaultCount
        guard n >= 0 else { throw DataError.invalidArgument("count \(n) must be ≥ 0") }
        var rng = RNG(seed: benchmarkSeed, stream: spec.name)
        var seen = Set<String>(), out: [LabProblem] = []
        out.reserveCapacity(n)
        while out.count < n {
            guard let p = LabProblemFactory.tryDraw(families: spec.families, levels: spec.levels, partition: spec.partition,
                                                    rng: &rng, rounds: 200, accept: { !seen.contains($0.canonicalKey) }) else {
                throw DataError.generationExhausted(name: spec.name, produced: out.count, requested: n)
            }
            seen.insert(p.canonicalKey)
            out.append(p)
        }
        return out
    }

    /// A lab set as `Problem`s: gold is the integer for `lab:gsm` and LaTeX otherwise; the
    /// solution is the worked steps (GSM style) or steps plus `\boxed{}` (MATH style).
    public static func benchmark(_ name: String, count: Int? = nil) throws -> [Problem] {
        let spec = try benchmarkSpec(name)
        let problems = try benchmarkProblems(name, count: count)
        let tag = spec.name.dropFirst(4)
        return problems.enumerated().map { i, p in
            let steps = LabQA.workSteps(p)
            let gsm = spec.format == .gsm8k
            let solution = gsm ? steps.joined(separator: "\n")
                               : (steps + ["The final answer is $\\boxed{\(p.answer.latex)}$."]).joined(separator: "\n")
            return Problem(id: "lab-\(tag)-\(String(i + 1))", prompt: p.question, gold: gsm ? p.answer.plain : p.answer.latex,
                           source: spec.name, solution: solution, level: p.level)
        }
    }
}
