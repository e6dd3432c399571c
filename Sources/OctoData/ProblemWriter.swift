// Writing problems and texts as jsonl lines in the public formats, with a small JSON string
// escaper so the output is byte-for-byte deterministic on every platform.
import OctoBase

/// Renders problems and texts as jsonl lines.
public enum ProblemWriter {
    /// One jsonl line (no newline) for `problem` in `format`.
    ///
    /// GSM8K writes `answer` as the solution followed by `#### gold`; MATH writes `problem`,
    /// `solution`, `answer`, `level` ("Level n") and `unique_id`; AMC23 `id`, `problem`,
    /// `answer`; OlympiadBench `id`, `question`, `final_answer` (a one-item list, in `$…$`),
    /// `solution` (a list); MATH8K `problem`, `answer`.
    public static func line(_ problem: Problem, format: ProblemFormat) -> String {
        var fields: [(String, JSONScalar)] = []
        let solution = problem.solution ?? ""
        switch format {
        case .gsm8k:
            fields = [("question", .string(problem.prompt)),
                      ("answer", .string(solution.isEmpty ? "#### \(problem.gold)" : "\(solution)\n#### \(problem.gold)"))]
        case .math:
            fields = [("problem", .string(problem.prompt)), ("solution", .string(solution)),
                      ("answer", .string(problem.gold)), ("level", .string("Level \(problem.level ?? 1)")),
                      ("unique_id", .string(problem.id))]
        case .amc:
            fields = [("id", .string(problem.id)), ("problem", .string(problem.prompt)), ("answer", .string(problem.gold))]
        case .olympiad:
            fields = [("id", .string(problem.id)), ("question", .string(problem.prompt)),
                      ("final_answer", .list(["$\(problem.gold)$"])), ("solution", .list([solution]))]
        case .math8k:
            fields = [("problem", .string(problem.prompt)), ("answer", .string(problem.gold))]
        }
        return object(fields)
    }

    /// A jsonl line `{"<field>": text}`.
    public static func textLine(_ text: String, field: String = "text") -> String {
        object([(field, .string(text))])
    }

    enum JSONScalar { case string(String), list([String]) }

    static func object(_ fields: [(String, JSONScalar)]) -> String {
        var out = "{"
        for (i, (key, value)) in fields.enumerated() {
            if i > 0 { out += ", " }
            out += JSONQuote.quoted(key) + ": "
            switch value {
            case .string(let s): out += JSONQuote.quoted(s)
            case .list(let items): out += "[" + items.map(JSONQuote.quoted).joined(separator: ", ") + "]"
            }
        }
        return out + "}"
    }
}
