// Problem sets of the arithmetic world: held-out benchmark stand-ins by difficulty (number of
// operations) and the RL prompt set. Each set has its own fixed seed stream and accepts only
// problems whose key hashes into its reserved partition, so no set problem occurs in any
// training text; sets drawn from the evaluation partition are disjoint from the RL prompts.
import OctoBase

/// The definition of one arithmetic problem set.
public struct ArithSetSpec: Sendable {
    /// "arith:gsm", …
    public let name: String
    /// Numbers of operations drawn from (uniformly).
    public let levels: [Int]
    /// The reserved partition its keys must hash into.
    public let partition: LabPartition
    /// Size when no count is given.
    public let defaultCount: Int
}

public enum ArithBenchmarks {
    /// Seed of the set streams: fixed, so `arith:gsm` is one set everywhere.
    static let seed: UInt64 = 0xA217_4B3C_5E7D_0001

    /// `arith:gsm` (2 operations), `arith:math` (3), `arith:amc` (4), `arith:olympiad` (5),
    /// 300 problems each; `arith:rl` (RL prompts, 1–4 operations, 4000).
    public static let sets: [ArithSetSpec] = [
        ArithSetSpec(name: "arith:gsm", levels: [2], partition: .evaluation, defaultCount: 300),
        ArithSetSpec(name: "arith:math", levels: [3], partition: .evaluation, defaultCount: 300),
        ArithSetSpec(name: "arith:amc", levels: [4], partition: .evaluation, defaultCount: 300),
        ArithSetSpec(name: "arith:olympiad", levels: [5], partition: .evaluation, defaultCount: 300),
        ArithSetSpec(name: "arith:rl", levels: [1, 2, 3, 4], partition: .rlPrompts, defaultCount: 4000),
    ]

    /// The spec of a named set ("arith:gsm" or "gsm").
    /// - Throws: `DataError.unknownName` listing the valid names.
    public static func spec(_ name: String) throws -> ArithSetSpec {
        let full = name.hasPrefix("arith:") ? name : "arith:" + name
        guard let s = sets.first(where: { $0.name == full }) else { throw DataError.unknownName(name: name, valid: sets.map(\.name)) }
        return s
    }

    /// The first `count` structured problems of a set (distinct keys).
    /// - Throws: `DataError.unknownName`, `.invalidArgument` for a negative count, or
    ///   `.generationExhausted` if the set's space runs out of distinct problems.
    public static func structured(_ name: String, count: Int? = nil) throws -> [ArithProblem] {
        let s = try spec(name)
        let n = count ?? s.defaultCount
        guard n >= 0, n <= 100_000 else { throw DataError.invalidArgument("count \(n) must be in 0...100000") }
        var rng = RNG(seed: seed, stream: s.name)
        var seen = Set<String>(), out: [ArithProblem] = []
        var misses = 0
        while out.count < n {
            let p = ArithProblem.draw(level: rng.pick(s.levels), partition: s.partition, rng: &rng)
            if seen.insert(p.canonicalKey).inserted { out.append(p); misses = 0; continue }
            misses += 1
            if misses > 10_000 { throw DataError.generationExhausted(name: s.name, produced: out.count, requested: n) }
        }
        return out
    }

    /// A set as `Problem`s: gold is the integer, the solution the short chain.
    public static func problems(_ name: String, count: Int? = nil) throws -> [Problem] {
        let s = try spec(name)
        let tag = s.name.dropFirst(6)
        return try structured(name, count: count).enumerated().map { i, p in
            Problem(id: "arith-\(tag)-\(i + 1)", prompt: p.question, gold: String(p.answer), source: s.name,
                    solution: p.shortSolution, level: p.level)
        }
    }

    /// Worked examples for few-shot prompts: training-partition problems (levels 1–4) with the
    /// short chain, as (question, answer) pairs. A pure function of `seed`.
    public static func shots(count: Int, seed: UInt64) -> [(question: String, answer: String)] {
        var rng = RNG(seed: seed, stream: "arith:shots")
        return (0..<max(0, count)).map { i in
            let p = ArithProblem.draw(level: 1 + i % 4, partition: .training, rng: &rng)
            return (p.question, p.shortSolution)
        }
    }
}
