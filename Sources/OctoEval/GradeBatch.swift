// GradeBatch: grades a jsonl file of responses (`octorepl grade --in CASES.jsonl --out PRED.jsonl`).
// Input lines: {"id", "gold", "response", "style"?}; output lines: {"id", "pred", "correct"}.
// A malformed line is reported (line number + what is wrong) and skipped; the run goes on.

import Foundation
import OctoData
import OctoModel
import OctoBase

/// One input line that could not be graded.
public struct MalformedLine: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number in the input file.
    public var line: Int
    /// What is wrong ("not JSON", "missing field 'gold'", …).
    public var reason: String

    public var description: String { "line \(line): \(reason)" }
}

/// The outcome of a batch run.
public struct GradeSummary: Sendable, Equatable {
    /// Non-empty input lines.
    public var lines = 0
    /// Lines graded (written to the output).
    public var graded = 0
    /// Graded lines whose answer is correct.
    public var correct = 0
    /// Lines skipped, in input order.
    public var malformed: [MalformedLine] = []
    /// Graded and correct counts per style name.
    public var perStyle: [String: (graded: Int, correct: Int)] = [:]

    /// correct / graded (0 when nothing was graded).
    public var accuracy: Double { graded == 0 ? 0 : Double(correct) / Double(graded) }

    public static func == (a: GradeSummary, b: GradeSummary) -> Bool {
        a.lines == b.lines && a.graded == b.graded && a.correct == b.correct && a.malformed == b.malformed
            && a.perStyle.mapValues { [$0.graded, $0.correct] } == b.perStyle.mapValues { [$0.graded, $0.correct] }
    }
}

/// Errors that stop a batch run (unreadable input, unwritable output).
public enum GradeBatchError: Error, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    /// `--out` names the input file (directly or through a link).
    case outputIsInput(path: String)
    /// The input holds no lines at all.
    case emptyInput(path: String)

    public var description: String {
        switch self {
        case .outputIsInput(let path): return "the output \(path) is the input file; refusing to overwrite the cases"
        case .emptyInput(let path): return "\(path) is empty: nothing to grade"
        case .cannotRead(let path, let reason): return "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}

/// Batch grading of jsonl files.
public enum GradeBatch {
    /// Grades every line of `input` and writes one `{"id","pred","correct"}` line per graded line.
    /// - Parameters:
    ///   - input: jsonl with `id`, `gold`, `response` and optional `style` (gsm8k|math|amc|olympiad).
    ///   - output: where the predictions go (overwritten).
    ///   - defaultStyle: the style of lines without a `style` field.
    /// - Throws: `GradeBatchError` when a file cannot be read or written; bad lines do not throw.
    public static func run(input: URL, output: URL, defaultStyle: GradingStyle = .math) throws -> GradeSummary {
        let output = try OutputPath.resolve(output, input: input)
        let data: Data
        do {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: input.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw GradeBatchError.cannotRead(path: input.path, reason: "it is a folder, not a jsonl file")
            }
            // FileHandle reads pipes and devices too (/dev/stdin, /dev/null).
            let handle = try FileHandle(forReadingFrom: input)
            defer { try? handle.close() }
            data = try handle.readToEnd() ?? Data()
        } catch let error as GradeBatchError { throw error } catch {
            throw GradeBatchError.cannotRead(path: input.path, reason: error.localizedDescription)
        }
        guard !data.isEmpty else { throw GradeBatchError.emptyInput(path: input.path) }
        let (out, summary) = grade(data: data, defaultStyle: defaultStyle)
        do { try HFFolder.writeFileAtomically(Data(out.utf8), to: output) } catch {
            throw GradeBatchError.cannotWrite(path: output.path, reason: "\(error)")
        }
        return summary
    }

    /// Grades jsonl text; returns the output jsonl text and the summary.
    public static func grade(jsonl: String, defaultStyle: GradingStyle = .math) -> (output: String, summary: GradeSummary) {
        grade(data: Data(jsonl.utf8), defaultStyle: defaultStyle)
    }

    /// Grades jsonl bytes: a line that is not UTF-8, or starts with a byte-order mark after
    /// the first line, is reported like any other bad line.
    public static func grade(data: Data, defaultStyle: GradingStyle = .math) -> (output: String, summary: GradeSummary) {
        let grader = Grader()
        var summary = GradeSummary()
        var out = ""
        var lineNumber = 0
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        for rawBytes in data.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            var bytes = Array(rawBytes)
            if bytes.starts(with: bom) {
                if lineNumber == 1 { bytes.removeFirst(3) } else {
                    summary.lines += 1
                    summary.malformed.append(MalformedLine(line: lineNumber, reason: "byte-order mark (U+FEFF) in the middle of the file"))
                    continue
                }
            }
            guard let text = String(bytes: bytes, encoding: .utf8) else {
                summary.lines += 1
                summary.malformed.append(MalformedLine(line: lineNumber, reason: "not valid UTF-8"))
                continue
            }
            let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            summary.lines += 1
            switch parse(line, defaultStyle: defaultStyle) {
            case .failure(let reason):
                summary.malformed.append(MalformedLine(line: lineNumber, reason: reason))
            case .success(let item):
                let result = grader.grade(gold: item.gold, response: item.response, style: item.style)
                summary.graded += 1
                if result.correct { summary.correct += 1 }
                var s = summary.perStyle[item.style.rawValue] ?? (0, 0)
                s.graded += 1
                if result.correct { s.correct += 1 }
                summary.perStyle[item.style.rawValue] = s
                out += "{\"id\": \(item.idJSON), \"pred\": \(result.pred.map(JSONQuote.quoted) ?? "null"), "
                    + "\"correct\": \(result.correct)}\n"
            }
        }
        return (out, summary)
    }

    // MARK: - Lines

    struct Item {
        var idJSON: String
        var gold: String
        var response: String
        var style: GradingStyle
    }

    enum LineResult { case success(Item), failure(String) }

    static func parse(_ line: String, defaultStyle: GradingStyle) -> LineResult {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) else {
            return .failure("not valid JSON")
        }
        guard let dict = object as? [String: Any] else { return .failure("not a JSON object") }
        let idJSON: String
        switch dict["id"] {
        case let s as String: idJSON = JSONQuote.quoted(s)
        case let n as NSNumber where !isBool(n): idJSON = n.stringValue
        case nil: return .failure("missing field 'id'")
        default: return .failure("field 'id' must be a string or a number")
        }
        let gold: String
        switch dict["gold"] {
        case let s as String: gold = s
        case let n as NSNumber where !isBool(n): gold = n.stringValue
        case nil: return .failure("missing field 'gold'")
        default: return .failure("field 'gold' must be a string or a number")
        }
        guard dict["response"] != nil else { return .failure("missing field 'response'") }
        guard let response = dict["response"] as? String else { return .failure("field 'response' must be a string") }
        var style = defaultStyle
        if let raw = dict["style"], !(raw is NSNull) {
            guard let name = raw as? String, let s = GradingStyle(name: name) else {
                return .failure("unknown style \(String(describing: raw)) (expected gsm8k, math, amc or olympiad)")
            }
            style = s
        }
        return .success(Item(idJSON: idJSON, gold: gold, response: response, style: style))
    }

    static func isBool(_ n: NSNumber) -> Bool {
        String(cString: n.objCType) == "c" && (n == NSNumber(value: true) || n == NSNumber(value: false))
    }
}
