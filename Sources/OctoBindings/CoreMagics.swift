// The REPL's `:magics`: :help :vars :time :save :load :reset :history :quit.
import Foundation

extension Session {
    /// Magic names with one-line docs (for `:help` and completion).
    public static let magics: [(String, String)] = [
        (":help", "this list, and an overview of the language"),
        (":vars", "the session's variables with their types and values"),
        (":time CELL", "runs CELL and prints how long it took"),
        (":save PATH", "writes the cells that succeeded, with their outputs, as a session script"),
        (":load PATH", "runs a script into the session"),
        (":step EXPR", "walks a response token by token (n, p, j N, q): same as step(EXPR)"),
        (":reset", "forgets every variable and the transcript"),
        (":history", "the input history"),
        (":quit", "leaves (so does Ctrl-D)"),
    ]

    func magic(_ line: String) -> CellOutcome {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let command = parts.first ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch command {
        case ":help", ":h", ":?":
            write(Session.magics.map { "  \($0.0.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.1)" }.joined(separator: "\n") + "\n")
            write(Help.text(for: .null, interpreter) + "\n")
        case ":vars":
            for name in interpreter.globalNames {
                guard let value = interpreter.global(name) else { continue }
                var shown = value.repr
                if shown.count > 70 { shown = String(shown.prefix(67)) + "..." }
                write("  \(name.padding(toLength: max(12, name.count), withPad: " ", startingAt: 0)) \(value.typeName.padding(toLength: 8, withPad: " ", startingAt: 0)) \(shown)\n")
            }
        case ":time":
            guard !argument.isEmpty else { writeError("usage: :time CELL\n"); return .failed }
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = submit(argument)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            writeError(String(format: "time: %.3f s\n", seconds))
            return outcome
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
        case ":reset":
            reset()
            writeError("session reset\n")
        case ":history":
            for (i, entry) in history().enumerated() { write("\(String(i + 1).padding(toLength: 5, withPad: " ", startingAt: 0)) \(entry)\n") }
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
