// GradingStyle: which benchmark's answer conventions a response is graded under.

/// The answer conventions of a benchmark: where the final answer is looked for.
///
/// Every style accepts `\boxed{…}`, "The answer is …", "Final Answer: …", `#### n` and a last
/// `$…$` math span. `gsm8k` also accepts the last number of the final sentence (base models'
/// few-shot answers often end "… so she has 18 apples."). `amc` answers may be a choice letter
/// with or without the value.
public enum GradingStyle: String, CaseIterable, Sendable, Codable {
    case gsm8k
    case math
    case amc
    case olympiad

    /// Parses a style name case-insensitively ("GSM8K", "math500" → .math, "aime" → .amc).
    public init?(name: String) {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "gsm8k", "gsm": self = .gsm8k
        case "math", "math500", "minerva": self = .math
        case "amc", "amc23", "aime", "aime24": self = .amc
        case "olympiad", "olympiadbench": self = .olympiad
        default: return nil
        }
    }

    /// Whether the last number of the final sentence counts as an answer when nothing else does.
    var acceptsBareLastNumber: Bool { self == .gsm8k }
}
