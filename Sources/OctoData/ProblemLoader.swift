// Loading benchmark and prompt files in their public formats into `Problem`s.
import Foundation

/// Problems read from one file, with the format used and the load report.
public struct ProblemSet: Sendable {
    /// The problems in file order.
    public var problems: [Problem]
    /// The format the file was read as (given or detected).
    public var format: ProblemFormat
    /// Lines read, kept and skipped (with file:line:field).
    public var report: LoadReport
}

/// Reads GSM8K, MATH/MATH-500, AMC23, OlympiadBench and MATH8K-style jsonl files.
public enum ProblemLoader {
    /// Loads `url` as a list of problems.
    ///
    /// - Parameters:
    ///   - format: the file's format, or nil to detect it from the first valid line.
    ///   - source: the `source` of every problem; defaults to the format's name.
    ///   - policy: `.skip` collects bad lines in the report; `.fail` throws the first.
    /// - Throws: `DataError` naming file, line and field.
    public static func load(_ url: URL, format: ProblemFormat? = nil, source: String? = nil,
                            policy: BadLinePolicy = .skip) throws -> ProblemSet {
        let resolved = try format ?? detect(url)
        var report = LoadReport(file: url.path)
        var problems: [Problem] = []
        let base = url.deletingPathExtension().lastPathComponent
        try JSONLines.read(url, policy: policy, report: &report) { line in
            var p = try parse(line, format: resolved)
            p.source = source ?? resolved.rawValue
            if p.id.isEmpty { p.id = "\(base):\(line.line)" }
            problems.append(p)
        }
        return ProblemSet(problems: problems, format: resolved, report: report)
    }

    /// Detects the format from the first line that parses as a JSON object.
    public static func detect(_ url: URL) throws -> ProblemFormat {
        var report = LoadReport(file: url.path)
        var found: ProblemFormat?
        var sawObject = false
        struct Stop: Error {}
        do {
            try JSONLines.read(url, policy: .skip, report: &report) { line in
                sawObject = true
                found = ProblemFormat.detect(line, fileName: url.lastPathComponent)
                throw Stop()
            }
        } catch is Stop {}
        if let found { return found }
        throw DataError.unknownFormat(file: url.path, reason: sawObject
            ? "first object has none of the known field sets (question/answer with ####, problem/solution, question/final_answer, problem|question + answer)"
            : "no line is a JSON object")
    }

    /// Turns one line into a problem in the given format (id may be empty: filled by caller).
    public static func parse(_ line: JSONLine, format: ProblemFormat) throws -> Problem {
        let id = line.optionalText("id") ?? line.optionalText("unique_id") ?? line.optionalText("idx") ?? ""
        switch format {
        case .gsm8k:
            let question = try line.string("question")
            let answer = try line.string("answer")
            guard let range = answer.range(of: "####", options: .backwards) else {
                throw DataError.malformedField(file: line.file, line: line.line, field: "answer", reason: "no '#### n' final answer")
            }
            let gold = answer[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: ",", with: "")
            guard !gold.isEmpty else {
                throw DataError.malformedField(file: line.file, line: line.line, field: "answer", reason: "empty answer after '####'")
            }
            let solution = answer[..<range.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            return Problem(id: id, prompt: question, gold: gold, source: "", solution: solution, level: nil)
        case .math:
            let problem = try line.string("problem")
            let solution = line.optionalText("solution")
            let gold: String
            if line.has("answer") {
                gold = try line.scalarText("answer")
            } else {
                guard let solution else { throw DataError.missingField(file: line.file, line: line.line, field: "answer") }
                guard let boxed = AnswerExtraction.boxed(in: solution) else {
                    throw DataError.malformedField(file: line.file, line: line.line, field: "solution",
                                                   reason: "no 'answer' field and no \\boxed{} in the solution")
                }
                gold = boxed
            }
            return Problem(id: id, prompt: problem, gold: gold.trimmingCharacters(in: .whitespaces), source: "",
                           solution: solution, level: level(line.optionalText("level")))
        case .amc, .math8k:
            let prompt = line.has("problem") ? try line.string("problem") : try line.string("question")
            let gold = try line.scalarText("answer")
            return Problem(id: id, prompt: prompt, gold: gold.trimmingCharacters(in: .whitespaces), source: "",
                           solution: line.optionalText("solution"), level: level(line.optionalText("level")))
        case .olympiad:
            let question = try line.string("question")
            let finals = try line.textList("final_answer")
            guard !finals.isEmpty else {
                throw DataError.malformedField(file: line.file, line: line.line, field: "final_answer", reason: "empty list")
            }
            let solution = line.has("solution") ? (try? line.textList("solution"))?.joined(separator: "\n") : nil
            return Problem(id: id, prompt: question, gold: finals.joined(separator: ", "), source: "",
                           solution: solution, level: nil)
        }
    }

    /// "Level 3", "3" or 3 → 3; anything else → nil.
    static func level(_ text: String?) -> Int? {
        guard let text else { return nil }
        let digits = text.filter(\.isNumber)
        return Int(digits)
    }
}
