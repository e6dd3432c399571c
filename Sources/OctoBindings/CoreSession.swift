// A session: one interpreter with every binding, the transcript of cells that succeeded,
// and the `:magics`. The REPL, piped input, `-c`, `run` and `:load` all go through it, so
// each behaves the same and is testable without a terminal.
import Foundation

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
    private var cellNumber = 0

    public init(limits: InterpreterLimits = InterpreterLimits(),
                write: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
                writeError: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.limits = limits; self.write = write; self.writeError = writeError
        interpreter = Bindings.makeInterpreter(limits: limits)
    }

    /// Runs one REPL input: a `:magic` or a cell. Errors are printed (located, with a caret).
    public func submit(_ input: String, name: String? = nil) -> CellOutcome {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .ok }
        if trimmed.hasPrefix(":") { return magic(trimmed) }
        do {
            _ = try runCell(input, name: name)
            return .ok
        } catch let error as ScriptError {
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
    public func runCell(_ source: String, name: String? = nil, firstLine: Int = 1) throws -> [String] {
        cellNumber += 1
        var captured = ""
        let forward = write
        interpreter.output = { text in captured += text; forward(text) }
        defer { interpreter.output = forward }
        Interrupt.clear()
        let value = try interpreter.run(source, name: name ?? "<cell \(cellNumber)>", firstLine: firstLine)
        if let value {
            if case .null = value {} else {
                let text = value.repr + "\n"
                captured += text
                write(text)
            }
        }
        let lines = outputLines(captured)
        transcript.entries.append(.init(source: source, output: lines))
        return lines
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
        return transcript.render(version: octoreplVersion, seed: interpreter.seedValue, date: formatter.string(from: date))
    }

    /// Replays a script file into this session (`:load`, `octorepl run`); with `check`,
    /// compares output with its `#=> ` lines. Output is printed unless `quiet`.
    public func replay(_ text: String, file: String, check: Bool, quiet: Bool = false) -> ReplayResult {
        let saved = write
        if quiet { write = { _ in } }
        defer { write = saved }
        return SessionReplay.replay(text, file: file, check: check, sources: interpreter.sources) { cell in
            let source = cell.source.trimmingCharacters(in: .whitespaces)
            if source.hasPrefix(":") {
                if magic(source) == .failed { throw ScriptError(.runtime, "command failed: \(source)", at: SourceLocation(file: file, line: cell.line, column: 1)) }
                return []
            }
            return try runCell(cell.source, name: file, firstLine: cell.line)
        }
    }

    /// Starts over: a fresh interpreter and an empty transcript.
    public func reset() {
        interpreter = Bindings.makeInterpreter(limits: limits)
        transcript = SessionTranscript()
    }
}
