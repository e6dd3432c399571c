// `octorepl grade --in CASES.jsonl --out PRED.jsonl [--style S]`: grades the responses of any
// system (lines with id, gold, response and optional style) with OctoEval's grader.
import Foundation
import OctoEval

enum GradeCommand {
    static let usage = "usage: octorepl grade --in CASES.jsonl --out PRED.jsonl [--style gsm8k|math|amc|olympiad]\n"

    /// Exit status 0 when the run finished (malformed lines are reported on stderr with their
    /// line numbers and skipped), 1 when a file cannot be read or written, 2 for bad arguments.
    static let command = CLICommand(name: "grade", usage: "grade --in --out", summary: "grade a jsonl of responses (id, gold, response[, style])") { args, context in
        var input: String?, output: String?, styleName = "math"
        var i = 0
        while i < args.count {
            let arg = args[i]
            let value = i + 1 < args.count ? args[i + 1] : nil
            switch arg {
            case "--in", "--out", "--style":
                guard let value = value else { context.writeError("octorepl grade: \(arg) needs a value\n" + usage); return 2 }
                if arg == "--in" { input = value } else if arg == "--out" { output = value } else { styleName = value }
                i += 2
            case "--help", "-h":
                context.write(usage); return 0
            default:
                context.writeError("octorepl grade: unknown argument '\(arg)'\n" + usage); return 2
            }
        }
        guard let inPath = input, let outPath = output else { context.writeError(usage); return 2 }
        guard let style = GradingStyle(name: styleName) else {
            context.writeError("octorepl grade: unknown style '\(styleName)' (expected gsm8k, math, amc or olympiad)\n"); return 2
        }
        let summary: GradeSummary
        let outFile: URL
        do {
            let inURL = URL(fileURLWithPath: inPath), outURL = URL(fileURLWithPath: outPath)
            outFile = try GradeBatch.outputFile(for: outURL, input: inURL)
            summary = try GradeBatch.run(input: inURL, output: outURL, defaultStyle: style)
        } catch {
            context.writeError("octorepl grade: \(error)\n"); return 1
        }
        for bad in summary.malformed { context.writeError("\(inPath):\(bad.line): \(bad.reason)\n") }
        let styles = summary.perStyle.keys.sorted().compactMap { k in summary.perStyle[k].map { "\(k) \($0.correct)/\($0.graded)" } }
        context.write("graded \(summary.graded) of \(summary.lines) lines: \(summary.correct) correct ("
            + String(format: "%.1f%%", summary.accuracy * 100) + ")"
            + (styles.isEmpty ? "" : "; " + styles.joined(separator: ", "))
            + "; \(summary.malformed.count) malformed → \(outFile.path)\n")
        return 0
    }
}
