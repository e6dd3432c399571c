// A structured lab problem: the parameters that define it, the rendered question, the
// worked steps, a second-method check, and the exact answer.

/// A problem family of the synthetic math lab.
public enum LabFamily: String, CaseIterable, Codable, Sendable {
    /// Multi-step arithmetic word problems (GSM8K-like: stories, shopping, rates, ages).
    case word
    /// Fractions and percentages.
    case fraction
    /// Linear equations in one unknown.
    case linear
    /// 2×2 linear systems.
    case system
    /// Modular arithmetic (remainders, powers, congruences, CRT).
    case modular
    /// Counting and probability (answers as reduced fractions).
    case counting
    /// Arithmetic and geometric sequences.
    case sequence
}

/// One generated problem. `kind` + `parameters` define it completely; names and objects in
/// the question are surface only and are not part of `canonicalKey`.
public struct LabProblem: Hashable, Sendable {
    /// The family.
    public let family: LabFamily
    /// Difficulty 1–5 (more steps, larger numbers, fractions).
    public let level: Int
    /// The sub-kind, e.g. "word.chain", "modular.crt".
    public let kind: String
    /// The numbers that define the problem (meaning fixed per kind, see `LabVerifier`).
    public let parameters: [Int]
    /// The question text.
    public let question: String
    /// The worked solution, one step per line.
    public let steps: [String]
    /// A second way to reach or check the answer (used by long chains of thought).
    public let check: [String]
    /// The exact answer.
    public let answer: LabAnswer

    /// Identity of the mathematical content: `kind:p1,p2,…`.
    public var canonicalKey: String { kind + ":" + parameters.map(String.init).joined(separator: ",") }

    /// Recomputes the answer from `kind` and `parameters` by an independent route
    /// (substitution, brute force, iteration, closed form) and compares.
    public func verify() -> Bool { LabVerifier.recompute(kind: kind, parameters: parameters) == answer }
}
