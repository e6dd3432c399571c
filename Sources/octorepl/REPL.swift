// The interactive loop: prompts, multi-line cells (`...` while brackets or strings are
// open; remembered as one history entry), magics, Ctrl-C (clears the line at the prompt, interrupts a running cell) and
// Ctrl-D (quits).
import Foundation
import Glibc
import OctoBindings
import OctoScript
import OctoSession

enum REPL {
    static func run() -> Int32 {
        let env = ProcessInfo.processInfo.environment
        let color = isatty(1) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
        let editor = LineEditor()
        let session = Session()
        session.color = color
        session.history = { editor.entries() }
        completionSession = session
        // step(r) reads its n/p/j/q commands through readline too.
        InspectBindings.readLine = { prompt in
            if case .line(let line) = editor.readLine(prompt: prompt) { return line }
            return nil
        }
        let (green, reset) = color ? ("\u{01}\u{1B}[32m\u{02}", "\u{01}\u{1B}[0m\u{02}") : ("", "")
        FileHandle.standardOutput.write(Data("octorepl \(octoreplVersion) — :help for help, Ctrl-D to quit.\nNew here? Docs/Tutorial.md walks through the whole study.\n".utf8))
        var buffer: [String] = []
        while true {
            completionCellPrefix = buffer.isEmpty ? "" : buffer.joined(separator: "\n") + "\n"
            let prompt = buffer.isEmpty ? "\(green)>>> \(reset)" : "\(green)... \(reset)"
            switch editor.readLine(prompt: prompt) {
            case .endOfInput:
                FileHandle.standardOutput.write(Data("\n".utf8))
                return 0
            case .interrupted:
                // A cell abandoned half-way stays in the history, to be recalled and fixed.
                if !buffer.isEmpty { editor.remember(buffer.joined(separator: "\n")) }
                buffer = []
            case .line(let line):
                buffer.append(line)
                let cell = buffer.joined(separator: "\n")
                let isMagic = buffer.count == 1 && line.trimmingCharacters(in: .whitespaces).hasPrefix(":")
                if isMagic || CellSplitter.isComplete(cell + "\n") {
                    buffer = []
                    // The whole cell is one history entry: up-arrow brings a function back whole.
                    editor.remember(cell)
                    if session.submit(cell) == .quit { return 0 }
                    Interrupt.clear()
                }
            }
        }
    }
}
