// A session: one interpreter with every binding, the transcript of cells that succeeded,
// and the `:magics`. The REPL, piped input, `-c`, `run` and `:load` all go through it, so
// each behaves the same and is testable without a terminal.
import Foundation
import OctoBindings
import OctoScript

/// The version string shown by `--version` and written into saved sessions.
public let octoreplVersion = "0.1.0"

/// How a submitted cell ended.
public enum CellOutcome: Equatable {
    case ok
    case failed
    case quit
}

/// One interactive or batch session.
public final class Session {
    public private(set) var interpreter: Interpreter
    public private(set) var transcript = SessionTranscript()
    /// Standard output and standard error (the REPL may colour them).
    public var write: (String) -> Void
    public var writeError: (String) -> Void
    /// The REPL's input history, for `:history`.
    public var history: () -> [String] = { [] }
    /// Whether to colour error headers (TTY without NO_COLOR).
    public var color = false
    private let limits: InterpreterLimits
    var cellNumber = 0
    /// What the last cell printed, kept when it failed.
    private var partialOutput = ""
    /// Interrupted cells saved as comments (they may make later outputs differ on replay).
    var interruptedCellsLeftOut = 0

    public init(limits: InterpreterLimits = InterpreterLimits(),
                write: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
                writeError: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.limits = limits; self.write = write; self.writeError = writeError
        interpreter = Bindings.makeInterpreter(limits: limits)
    }

    /// Runs one REPL input: a `:magic` or a cell. Errors are printed (located, with a caret).
    public func submit(_ input: String, name: String? = nil) -> CellOutcome {
        let trimmed = CellSplitter.trimmed(input)  // on bytes: cells can be 100 MB (#19)
        if trimmed.isEmpty { return .ok }
        if trimmed.hasPrefix(":") { return magic(String(trimmed)) }
        do {
            _ = try runCell(input, name: name)
            return .ok
        } catch let error as ScriptError {
            if error.kind == .interrupted { keepInterrupted(input) }
            report(error)
            return .failed
        } catch {
            writeError("error: \(error)\n")
            return .failed
        }
    }

    /// Runs a cell, printing as it goes; returns its output lines (value repr included) and
    /// appends it to the transcript when it succeeds.
    /// - Throws: `ScriptError`, located.
    @discardableResult
    public func runCell(_ input: String, name: String? = nil, firstLine: Int = 1) throws -> [String] {
        let source = Session.helpQuery(String(CellSplitter.trimmed(input))).map { "help(\($0))" } ?? input
        cellNumber += 1
        var captured = ""
        let forward = write
        interpreter.output = { text in captured += text; forward(text) }
        defer { interpreter.output = forward; partialOutput = captured }
        Interrupt.clear()
        PausedRuns.lastInterruptedSteps = nil
        InspectBindings.recordedStepCommands = nil
        let value = try interpreter.run(source, name: name ?? "<cell \(cellNumber)>", firstLine: firstLine)
        if let value {
            if case .null = value {} else {
                let text = value.repr + "\n"
                captured += text
                write(text)
                // `_` is the last value shown, as in Python's REPL.
                interpreter.setGlobal("_", value)
            }
        }
        let lines = outputLines(plainText(captured))
        transcript.entries.append(.init(source: replayable(source), output: lines))
        return lines
    }

    /// `source` as the transcript keeps it: an interactive `step(r)` gets the keys pressed
    /// (`commands="n n q"`), so replay and `:load` never wait for input.
    func replayable(_ source: String) -> String {
        guard let keys = InspectBindings.recordedStepCommands else { return source }
        InspectBindings.recordedStepCommands = nil
        return CallRewrite.setArgument("commands", to: "\"\(keys)\"", inCallOf: "step", in: source) ?? source
    }

    /// After Ctrl-C stopped `source`: a training run paused at a step boundary is kept in the
    /// transcript as the call that reaches the same state (`pause_after=K`, see PausedRuns);
    /// any other interrupted cell is kept as a comment, and `:save` warns about it.
    func keepInterrupted(_ source: String) {
        if let steps = PausedRuns.lastInterruptedSteps, let call = PausedRuns.rewrite(source, steps: steps) {
            transcript.entries.append(.init(source: call, output: outputLines(plainText(partialOutput))))
        } else {
            let commented = source.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n")
            transcript.entries.append(.init(source: "# interrupted by Ctrl-C, left out (its effects cannot be replayed exactly):\n" + commented, output: []))
            interruptedCellsLeftOut += 1
        }
        PausedRuns.lastInterruptedSteps = nil
    }

    /// The name in `x?` or `?x` (IPython's help shortcut; also `x.attr?`), else nil.
    static func helpQuery(_ input: String) -> String? {
        guard input.hasSuffix("?") != input.hasPrefix("?"), input.utf8.count > 1 else { return nil }
        let name = input.hasSuffix("?") ? String(input.dropLast()) : String(input.dropFirst())
        guard let first = name.first, first.isLetter || first == "_",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }), !name.hasSuffix(".") else { return nil }
        return name
    }

    /// Prints an error with its source line and caret.
    public func report(_ error: ScriptError) {
        let text = error.render(sources: interpreter.sources)
        if color, let newline = text.firstIndex(of: "\n") {
            writeError("\u{1B}[1;31m" + text[..<newline] + "\u{1B}[0m" + text[newline...] + "\n")
        } else if color {
            writeError("\u{1B}[1;31m" + text + "\u{1B}[0m\n")
        } else {
            writeError(text + "\n")
        }
    }

    /// The session file `:save` writes.
    public func sessionText(date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        return transcript.render(version: octoreplVersion, seed: interpreter.seedValue, date: formatter.string(from: date),
                                 width: InspectBindings.terminal().width)
    }

    /// Replays a script file into this session (`:load`, `octorepl run`); with `check`,
    /// compares output with its `#=> ` lines. Output is printed unless `quiet`.
    public func replay(_ text: String, file: String, check: Bool, quiet: Bool = false) -> ReplayResult {
        let saved = write
        if quiet { write = { _ in } }
        defer { write = saved }
        return replaying(text) {
            SessionReplay.replay(text, file: file, check: check, sources: interpreter.sources) { cell in
                let source = String(CellSplitter.trimmed(cell.source))
                if source.hasPrefix(":") {
                    if magic(source) == .failed { throw ScriptError(.runtime, "command failed: \(source)", at: SourceLocation(file: file, line: cell.line, column: 1)) }
                    return []
                }
                return try runCell(cell.source, name: file, firstLine: cell.line)
            }
        }
    }

    /// Runs `body` (a replay of the script `text`) with views as wide as the script's
    /// `# width:` header says and interactive views that never wait for keys.
    func replaying<T>(_ text: String, _ body: () -> T) -> T {
        // Views are drawn as wide as they were when the session was saved.
        let savedTerminal = InspectBindings.terminal
        if let width = SessionTranscript.headerWidth(text) {
            InspectBindings.terminal = { var caps = savedTerminal(); caps.width = width; return caps }
        }
        defer { InspectBindings.terminal = savedTerminal }
        let savedViewWidth = InspectBindings.viewWidth
        if let width = SessionTranscript.headerWidth(text) { InspectBindings.viewWidth = { width } }
        defer { InspectBindings.viewWidth = savedViewWidth }
        // A script never stops to ask for keys (a `step` without commands shows its first token).
        let savedReadLine = InspectBindings.readLine
        InspectBindings.readLine = { _ in nil }
        defer { InspectBindings.readLine = savedReadLine }
        return body()
    }

    /// Starts over: a fresh interpreter and an empty transcript.
    public func reset() {
        interpreter = Bindings.makeInterpreter(limits: limits)
        transcript = SessionTranscript()
        interruptedCellsLeftOut = 0
    }
}
