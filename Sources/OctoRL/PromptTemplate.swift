// Prompt templates for RL from a base model: the R1-Zero conversation and the plain
// "Let's think step by step" instruction, both asking for the final answer in \boxed{}.

/// How a question becomes the text the policy continues.
public enum PromptTemplate: Codable, Equatable, Sendable {
    /// R1-Zero style conversation (DeepSeek-R1-Zero, SimpleRL-Zoo), ending "Assistant:".
    case r1zero
    /// "{q}\nLet's think step by step and output the final answer within \boxed{}."
    case stepByStep
    /// The question as is.
    case plain
    /// A template with `{q}` where the question goes.
    case custom(String)

    /// The R1-Zero preamble (text before the question).
    public static let r1zeroPreamble = "A conversation between User and Assistant. The user asks a question, and the Assistant "
        + "solves it. The Assistant first thinks about the reasoning process step by step and then provides the user "
        + "with the answer. The final answer is put within \\boxed{}.\nUser: "

    /// The prompt text for `question`.
    public func render(_ question: String) -> String {
        switch self {
        case .r1zero: return PromptTemplate.r1zeroPreamble + question + "\nAssistant:"
        case .stepByStep: return question + "\nLet's think step by step and output the final answer within \\boxed{}."
        case .plain: return question
        case .custom(let t): return t.replacingOccurrences(of: "{q}", with: question)
        }
    }

    /// Parses "r1zero" / "r1-zero", "step" / "stepbystep" / "cot", "plain"; any text holding
    /// `{q}` is a custom template. Nil otherwise.
    public init?(name: String) {
        if name.contains("{q}") { self = .custom(name); return }
        switch name.lowercased().filter({ $0.isLetter || $0.isNumber }) {
        case "r1zero", "r1", "zero": self = .r1zero
        case "step", "stepbystep", "cot": self = .stepByStep
        case "plain", "none", "raw": self = .plain
        default: return nil
        }
    }

    /// A short name ("r1zero", "step_by_step", "plain", or the custom text).
    public var name: String {
        switch self {
        case .r1zero: return "r1zero"
        case .stepByStep: return "step_by_step"
        case .plain: return "plain"
        case .custom(let t): return t
        }
    }
}
