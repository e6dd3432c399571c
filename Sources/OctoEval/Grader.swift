// Grader: the public entry point — extract the final answer from a response, then decide
// whether it is equivalent to the gold answer. Pure Swift, Foundation only. The extractor is
// OctoData's AnswerExtraction, the one the RL rewards and the problem loader use too.

import OctoData

/// The verdict on one response.
public struct GradeResult: Sendable, Equatable, Codable {
    /// The extracted answer, or nil when the response has none (no answer, truncated).
    public var pred: String?
    /// Whether `pred` is equivalent to the gold answer (false when `pred` is nil).
    public var correct: Bool

    public init(pred: String?, correct: Bool) {
        self.pred = pred
        self.correct = correct
    }
}

/// Math answer grader: extraction and equivalence at Math-Verify level.
///
/// ```swift
/// let g = Grader()
/// g.grade(gold: "\\frac{7}{9}", response: "… so the answer is $\\boxed{\\frac{14}{18}}$.", style: .math)
/// // GradeResult(pred: "\\frac{14}{18}", correct: true)
/// ```
/// Rules and examples: Docs/Grading.md. Reference: huggingface/Math-Verify (`parse` + `verify`).
public struct Grader: Sendable {
    public init() {}

    /// Extracts the final answer of `response` and compares it with `gold`.
    /// - Parameters:
    ///   - gold: the reference answer as the benchmark stores it (`"1,234"`, `"\\frac{3}{4}"`, `"$n=29$"`).
    ///   - response: the model's full response.
    ///   - style: the benchmark's answer conventions.
    public func grade(gold: String, response: String, style: GradingStyle) -> GradeResult {
        guard let pred = Grader.extract(response, style: style) else {
            return GradeResult(pred: nil, correct: false)
        }
        return GradeResult(pred: pred, correct: equivalent(gold, pred))
    }

    /// The final answer of a response, or nil when there is none. Every style extracts alike
    /// (Math-Verify's priorities, `AnswerExtraction`); the style is kept for callers.
    public static func extract(_ response: String, style: GradingStyle) -> String? {
        AnswerExtraction.extract(response)
    }

    /// Whether the answer `pred` is equivalent to `gold` (both answers, not whole responses).
    public func equivalent(_ gold: String, _ pred: String) -> Bool {
        AnswerEquivalence.equivalent(gold: gold, pred: pred)
    }

    /// The normalised form of an answer, as compared (for display and debugging).
    public static func normalize(_ answer: String) -> String {
        AnswerNormalizer.normalize(answer)
    }
}
