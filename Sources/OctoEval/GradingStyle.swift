// GradingStyle: which benchmark's answer conventions a response is graded under.

/// The answer conventions of a benchmark: where the final answer is looked for.
///
/// Every style extracts answers alike (`AnswerExtraction`, Math-Verify's priorities: `\boxed{…}`,
/// "The answer is …", "Final Answer: …", `#### n`, a last `$…$` math span, then the last plain
/// number or expression). `amc` answers may be a choice letter with or without the value.
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
}
