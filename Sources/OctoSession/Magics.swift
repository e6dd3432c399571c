// The REPL's `:magics`: :help :vars :time :timeit (Timeit.swift) :save :load :step :reset :clear :history :quit.
import Foundation
import OctoBindings
import OctoScript
import OctoTerm

extension Session {
    /// Magic names with one-line docs (for `:help` and completion).
    public static let magics: [(String, String)] = [
        (":help", "this list, and an overview of the language"),
        (":vars", "the session's variables with their types and values"),
        (":time CELL", "runs CELL and prints how long it took"),
        (":timeit CELL", "runs CELL many times (-n LOOPS, -r RUNS, else about 1 s in all): best and mean per loop"),
        (":save PATH", "writes the cells that succeeded, with their outputs, as a session script"),
        (":load PATH", "runs a script into the session"),
        (":step EXPR", "walks a response token by token (n, p, j N, q): same as step(EXPR)"),
        (":reset", "forgets every variable and the transcript"),
        (":clear", "clears the screen"),
        (":history", "the input history"),
        (":quit", "leaves (so does Ctrl-D)"),
    ]

    /// Columns the magics' listings fit in: the view width (terminal or saved session), else 80.
    static var viewWidth: Int { max(40, InspectBindings.viewWidth() ?? 80) }

    /// `:vars`: one line per variable (name, full type name, the first line of its value, cut
    /// to `width`; a multi-line value such as a table or plot says how many lines it has).
    func varsListing(width: Int) -> String {
        let entries = interpreter.globalNames.filter { $0 != "_" }.compactMap { name in interpreter.global(name).map { (name, $0) } }
        let nameWidth = max(12, entries.map { TextWidth.of($0.0) }.max() ?? 0)
        let typeWidth = max(8, entries.map { TextWidth.of($0.1.typeName) }.max() ?? 0)
        var out = ""
        for (name, value) in entries {
            let lines = value.repr.split(separator: "\n", omittingEmptySubsequences: true)
            // The first line that says something (a table's header rather than its top border).
            var shown = String(lines.first { $0.contains { $0.isLetter || $0.isNumber } } ?? lines.first ?? "")
            let suffix = lines.count > 1 ? " (\(lines.count) lines)" : ""
            // Bytes that are not whole UTF-8 characters (inside token texts) show as "?".
            shown = shown.replacingOccurrences(of: "\u{FFFD}", with: "?")
            let head = "  " + TextWidth.pad(name, to: nameWidth, alignment: .left) + " " + TextWidth.pad(value.typeName, to: typeWidth, alignment: .left) + " "
            out += head + TextWidth.truncate(shown, to: max(10, width - TextWidth.of(head) - suffix.count)) + suffix + "\n"
        }
        return out
    }

    func magic(_ line: String) -> CellOutcome {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let command = parts.first ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch command {
        case ":help", ":h", ":?":
            let width = Session.viewWidth
            for (command, doc) in Session.magics {
                let lines = TextWidth.wrap("  \(command.padding(toLength: 12, withPad: " ", startingAt: 0)) \(doc)", width: width, indent: String(repeating: " ", count: 16))
                write(lines.joined(separator: "\n") + "\n")
            }
            // Paragraphs broken between words at the terminal width (never mid-word).
            let help = Help.text(for: .null, interpreter).split(separator: "\n", omittingEmptySubsequences: false)
            write(help.flatMap { TextWidth.wrap(String($0), width: width, indent: "  ") }.joined(separator: "\n") + "\n")
        case ":vars":
            write(varsListing(width: Session.viewWidth))
        case ":time":
            guard !argument.isEmpty else { writeError("usage: :time CELL\n"); return .failed }
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = submit(argument)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            writeError(String(format: "time: %.3f s\n", seconds))
            return outcome
        case ":timeit":
            return timeit(argument)
        case ":save":
            guard !argument.isEmpty else { writeError("usage: :save PATH\n"); return .failed }
            do {
                try Data(sessionText().utf8).write(to: URL(fileURLWithPath: argument))
                writeError("saved \(transcript.entries.count) cell\(transcript.entries.count == 1 ? "" : "s") to \(argument)\n")
                if interruptedCellsLeftOut > 0 {
                    writeError("warning: \(interruptedCellsLeftOut) interrupted cell\(interruptedCellsLeftOut == 1 ? " is" : "s are") saved as comments; outputs after them may differ on replay\n")
                }
            } catch {
                writeError("error: cannot write \(argument): \(error.localizedDescription)\n"); return .failed
            }
        case ":load":
            guard !argument.isEmpty else { writeError("usage: :load PATH\n"); return .failed }
            guard let data = FileManager.default.contents(atPath: argument) else {
                writeError("error: cannot read \(argument)\n"); return .failed
            }
            let result = replay(String(decoding: data, as: UTF8.self), file: argument, check: false)
            if let failure = result.failure { writeError(failure + "\n"); return .failed }
        case ":step":
            guard !argument.isEmpty else { writeError("usage: :step EXPR (a Sample, Rollout or EvalSample)\n"); return .failed }
            return submit("step(\(argument))")
        case ":clear":
            write("\u{1B}[H\u{1B}[2J")
        case ":reset":
            reset()
            writeError("session reset\n")
        case ":history":
            // A multi-line cell is one entry; its later lines are indented under the first.
            for (i, entry) in history().enumerated() {
                let text = entry.replacingOccurrences(of: "\n", with: "\n      ")
                write("\(String(i + 1).padding(toLength: 5, withPad: " ", startingAt: 0)) \(text)\n")
            }
        case ":quit", ":q", ":exit":
            return .quit
        default:
            let names = Session.magics.map { String($0.0.split(separator: " ")[0]) }
            let suggestion = closestName(to: command, among: names)
            writeError("error: unknown command \(command)\(suggestion.map { " (did you mean \($0)?)" } ?? "") — :help lists them\n")
            return .failed
        }
        return .ok
    }
}
