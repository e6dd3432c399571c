// The public jsonl formats of math benchmark and prompt files, and how a file's format is
// recognised from its first valid line.

/// A public problem file format.
public enum ProblemFormat: String, CaseIterable, Codable, Sendable {
    /// GSM8K: `question`, `answer` = worked solution ending in `#### n`.
    case gsm8k
    /// MATH / MATH-500: `problem`, `solution`, optional `answer`, `level`, `unique_id`.
    case math
    /// AMC23: `question` or `problem`, `answer` (string or number), optional `id`.
    case amc = "amc23"
    /// OlympiadBench: `question`, `final_answer` (a list), optional `solution` list, `id`.
    case olympiad = "olympiadbench"
    /// MATH8K-style RL prompts: `problem` or `question`, `answer`.
    case math8k

    /// Guesses the format of a file from one parsed line and the file name.
    ///
    /// Order: `final_answer` → OlympiadBench; `answer` containing `####` → GSM8K; a
    /// `solution` string → MATH; otherwise `problem`/`question` + `answer` is AMC23 when the
    /// file name contains "amc", else MATH8K-style prompts. Nil when nothing fits.
    public static func detect(_ line: JSONLine, fileName: String) -> ProblemFormat? {
        if line.has("final_answer") { return .olympiad }
        let hasQuestion = line.has("question") || line.has("problem")
        if line.has("question"), let a = line.optionalText("answer"), a.contains("####") { return .gsm8k }
        if line.has("problem"), line.object["solution"] is String { return .math }
        if hasQuestion && line.has("answer") {
            return fileName.lowercased().contains("amc") ? .amc : .math8k
        }
        return nil
    }
}
