// The arithmetic world of the study in miniature: chains of small integer operations with a
// difficulty knob (the number of operations), where writing the intermediate steps can
// help a small model. Every value stays in 1...30, operands are one digit (× by 2 or 3), so a
// step is one fact a toy model can learn; the difficulty is in chaining them.
//
// Three ways to write a solution share one answer line, "The answer is \boxed{N}.":
//   short — one equation per operation ("27 + 5 = 32.");
//   long  — each operation with its running value restated, then a check that undoes the
//           chain ("Wait, let me check by going backwards", the reflection of long-CoT data);
//   low   — the short form with missing or wrong steps (stands in for a low-quality corpus).
import OctoBase

/// One operation of a chain.
public enum ArithOp: Hashable, Sendable {
    case add(Int), sub(Int), mul(Int)

    /// The value after applying the operation to `x`.
    public func apply(_ x: Int) -> Int {
        switch self {
        case .add(let k): return x + k
        case .sub(let k): return x - k
        case .mul(let m): return x * m
        }
    }

    /// "+ 5", "- 3", "* 2".
    var symbol: String {
        switch self {
        case .add(let k): return "+ \(k)"
        case .sub(let k): return "- \(k)"
        case .mul(let m): return "* \(m)"
        }
    }

    /// The operation that undoes this one, as the check line writes it.
    var inverseSymbol: String {
        switch self {
        case .add(let k): return "- \(k)"
        case .sub(let k): return "+ \(k)"
        case .mul(let m): return "/ \(m)"
        }
    }

    var key: String {
        switch self {
        case .add(let k): return "a\(k)"
        case .sub(let k): return "s\(k)"
        case .mul(let m): return "m\(m)"
        }
    }
}

/// A chain problem: a start value and operations. `level` = number of operations (1–6).
public struct ArithProblem: Hashable, Sendable {
    public let start: Int
    public let ops: [ArithOp]
    /// The question text (surface only: not part of the key).
    public let question: String

    public var level: Int { ops.count }
    /// The values after each operation (the last is the answer).
    public var values: [Int] { ops.reduce(into: [start]) { $0.append($1.apply($0[$0.count - 1])) } }
    public var answer: Int { values[values.count - 1] }
    /// Defines the problem: start value and operations, not the wording.
    public var canonicalKey: String { "arith|\(start)|" + ops.map(\.key).joined(separator: ",") }

    /// Largest value any step may reach.
    public static let maxValue = 30

    /// A random chain of `level` operations (1...6). Values stay in 1...`maxValue`.
    public static func make(level: Int, rng: inout RNG) -> ArithProblem {
        let steps = min(6, max(1, level))
        let start = rng.int(2...15)
        var x = start
        var ops: [ArithOp] = []
        while ops.count < steps {
            let r = rng.uniformDouble()
            let op: ArithOp
            if r < 0.4 { op = .add(rng.int(2...9)) } else if r < 0.75 { op = .sub(rng.int(2...9)) } else { op = .mul(rng.int(2...3)) }
            let y = op.apply(x)
            guard y >= 1, y <= maxValue else { continue }
            ops.append(op)
            x = y
        }
        return ArithProblem(start: start, ops: ops, question: ArithWording.question(start: start, ops: ops, rng: &rng))
    }

    /// The partition its key hashes into (training text, RL prompts or benchmarks).
    public var partition: LabPartition { LabPartition.of(key: canonicalKey) }

    /// A problem of `level` whose key lies in `partition` (drawn again until it does).
    public static func draw(level: Int, partition: LabPartition, rng: inout RNG) -> ArithProblem {
        while true {
            let p = make(level: level, rng: &rng)
            if p.partition == partition { return p }
        }
    }

    /// "The answer is \boxed{N}." — the one answer line of every corpus, prompt set and shot.
    public var answerLine: String { "The answer is \\boxed{\(answer)}." }

    /// One equation per operation, then the answer line.
    public var shortSolution: String {
        let v = values
        return ops.enumerated().map { i, op in "\(v[i]) \(op.symbol) = \(v[i + 1])." }.joined(separator: " ") + " " + answerLine
    }

    /// The long (reflective) trace: an opener, each operation with its running value restated,
    /// always a check that undoes the chain ("Wait, let me check …", the reflection of long-CoT
    /// data), then the answer line — about twice the tokens of the short form, with the same
    /// one-step facts and their inverses.
    public func longSolution(rng: inout RNG) -> String {
        let v = values
        var lines = [rng.pick(["Let me solve this step by step.", "Okay, step by step."]) + " We start with \(start)."]
        for (i, op) in ops.enumerated() {
            let lead = i == 0 ? "First" : i == ops.count - 1 ? "Finally" : rng.pick(["Next", "Then", "Now"])
            lines.append("\(lead), \(v[i]) \(op.symbol) = \(v[i + 1]). So now we have \(v[i + 1]).")
        }
        lines.append(rng.pick(["Wait, let me check by going backwards.", "Let me double-check this by undoing each step."]))
        var back: [String] = []
        for i in stride(from: ops.count - 1, through: 0, by: -1) { back.append("\(v[i + 1]) \(ops[i].inverseSymbol) = \(v[i])") }
        lines.append(back.joined(separator: ", ") + ". " + rng.pick(["Yes, we are back at \(start).", "That gives \(start) again, so it checks out."]))
        lines.append(answerLine)
        return lines.joined(separator: "\n")
    }

    /// The short form with its usual faults: a skipped step or a wrong result (the chain then
    /// carries the error to the answer, which keeps the answer line's format).
    public func lowQualitySolution(rng: inout RNG) -> String {
        var v = values
        var parts: [String] = []
        for (i, op) in ops.enumerated() {
            var y = op.apply(v[i])
            if rng.chance(0.3) { y = max(1, y + (rng.chance(0.5) ? 1 : -1) * rng.int(1...3)) }
            v[i + 1] = y
            if ops.count > 1 && rng.chance(0.35) { continue }
            parts.append("\(v[i]) \(op.symbol) = \(y).")
        }
        return parts.joined(separator: " ") + (parts.isEmpty ? "" : " ") + "The answer is \\boxed{\(v[v.count - 1])}."
    }

    /// One operation as one-digit facts: "27 + 5 = 20 + 7 + 5 = 20 + 12 = 32".
    static func expand(_ x: Int, _ op: ArithOp) -> String {
        let tens = x / 10 * 10, ones = x % 10
        let y = op.apply(x)
        switch op {
        case .add(let k):
            if tens == 0 { return "\(x) + \(k) = \(y)" }
            return "\(x) + \(k) = \(tens) + \(ones) + \(k) = \(tens) + \(ones + k) = \(y)"
        case .sub(let k):
            if tens == 0 || x == 10 { return "\(x) - \(k) = \(y)" }
            if ones == 0 { return "\(x) - \(k) = \(x - 10) + 10 - \(k) = \(x - 10) + \(10 - k) = \(y)" }
            if ones >= k { return "\(x) - \(k) = \(tens) + \(ones) - \(k) = \(tens) + \(ones - k) = \(y)" }
            return "\(x) - \(k) = \(x) - \(ones) - \(k - ones) = \(tens) - \(k - ones) = \(y)"
        case .mul(let m):
            if tens == 0 { return "\(x) * \(m) = \(y)" }
            return "\(x) * \(m) = \(tens) * \(m) + \(ones) * \(m) = \(tens * m) + \(ones * m) = \(y)"
        }
    }
}
