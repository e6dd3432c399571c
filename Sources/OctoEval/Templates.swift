// Prompt templates: few-shot for base models (GSM8K 8-shot "Question:/Answer:", MATH 4-shot
// Minerva "Problem:/Solution:"), zero-shot for RL models (R1-Zero conversation, plain
// "step by step … \boxed{}"). Formats follow lm-evaluation-harness `gsm8k_cot` / `minerva_math`
// and the DeepSeek-R1-Zero / OctoThinker RL prompt.

import Foundation
import OctoBase

/// One worked example shown before the question.
public struct FewShotExample: Sendable, Equatable, Codable {
    public var question: String
    /// For GSM8K: the worked answer ending "The answer is 18." or "#### 18". For Minerva: the
    /// solution; `minerva(solution:finalAnswer:)` appends the "Final Answer: …" line.
    public var answer: String

    public init(question: String, answer: String) {
        self.question = question
        self.answer = answer
    }

    /// A Minerva shot: the solution followed by "Final Answer: The final answer is $x$. I hope it is correct."
    public static func minerva(question: String, solution: String, finalAnswer: String) -> FewShotExample {
        FewShotExample(question: question, answer: solution.trimmingCharacters(in: .whitespacesAndNewlines)
            + "\nFinal Answer: The final answer is $\(finalAnswer)$. I hope it is correct.")
    }
}

/// The prompt formats of the study, selectable by name and printable.
public enum PromptTemplate: String, CaseIterable, Sendable {
    /// GSM8K few-shot: "Question: …\nAnswer: …" blocks, 8 shots.
    case gsm8kFewShot = "gsm8k-8shot"
    /// MATH few-shot in Minerva's format: "Problem:\n…\n\nSolution:\n…", 4 shots.
    case minervaFewShot = "minerva-4shot"
    /// Zero-shot R1-Zero conversation asking for the answer in `\boxed{}`.
    case r1Zero = "r1-zero"
    /// Zero-shot: the question then "Let's think step by step and output the final answer within \boxed{}."
    case stepByStep = "step-by-step"

    /// The number of shots the format is usually run with.
    public var defaultShots: Int {
        switch self {
        case .gsm8kFewShot: return 8
        case .minervaFewShot: return 4
        case .r1Zero, .stepByStep: return 0
        }
    }

    /// Generation stops at the first of these strings (the start of a next shot, end markers).
    public var stopStrings: [String] {
        let ends = ["</s>", "<|im_end|>", "<|endoftext|>"]
        switch self {
        case .gsm8kFewShot: return ["Question:"] + ends
        case .minervaFewShot: return ["Problem:"] + ends
        case .r1Zero: return ["User:"] + ends
        case .stepByStep: return ends
        }
    }

    /// The grading style that matches this template's answer format.
    public var gradingStyle: GradingStyle { self == .gsm8kFewShot ? .gsm8k : .math }

    /// The prompt for `question`, with `shots` first for the few-shot formats (ignored otherwise).
    public func render(question: String, shots: [FewShotExample] = []) -> String {
        let q = question.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .gsm8kFewShot:
            let blocks = shots.map { "Question: \(trim($0.question))\nAnswer: \(trim($0.answer))\n\n" }
            return blocks.joined() + "Question: \(q)\nAnswer:"
        case .minervaFewShot:
            let blocks = shots.map { "Problem:\n\(trim($0.question))\n\nSolution:\n\(trim($0.answer))\n\n" }
            return blocks.joined() + "Problem:\n\(q)\n\nSolution:"
        case .r1Zero:
            return PromptTemplate.r1ZeroPreamble + "\nUser: \(q)\nAssistant: <think>"
        case .stepByStep:
            return q + "\nLet's think step by step and output the final answer within \\boxed{}."
        }
    }

    static let r1ZeroPreamble = "A conversation between User and Assistant. The User asks a question, and the "
        + "Assistant solves it. The Assistant first thinks about the reasoning process in the mind and then "
        + "provides the User with the answer. The reasoning process is enclosed within <think> </think> and "
        + "the final answer is put in \\boxed{} within the answer, i.e., <think> reasoning process here "
        + "</think> answer here with \\boxed{final answer}."

    /// `count` shots drawn without replacement from a train split, fixed by `seed`
    /// (a seeded `RNG` Fisher–Yates shuffle, so the same seed gives the same shots everywhere).
    public static func selectShots(from pool: [FewShotExample], count: Int, seed: UInt64) -> [FewShotExample] {
        var indices = Array(pool.indices)
        var rng = RNG(seed: seed)
        let n = min(max(count, 0), indices.count)
        for i in 0..<n {
            let j = i + Int(rng.next() % UInt64(indices.count - i))
            indices.swapAt(i, j)
        }
        return indices.prefix(n).map { pool[$0] }
    }

    private func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}
