// The one error type of the language: kind + message + location, rendered by one function.

/// An error raised while lexing, parsing or running OctoScript.
///
/// Every error a user can cause carries a `location`; `render(sources:)` prints it as
/// `file:line:col: error: message`, the source line, and a caret under the column.
public struct ScriptError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, coarsely (the message says precisely).
    public enum Kind: String, Sendable {
        case syntax, name, type, value, index, key, attribute, argument
        case zeroDivision = "division by zero"
        case overflow, recursion, budget, interrupted, io, runtime
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation?
    /// An extra line such as "did you mean 'loss'?".
    public var note: String?
    /// The user-function calls the error passed through, innermost first (`in g() called at 3:5`).
    public var trace: [TraceFrame] = []

    /// One call on the way out of an error: the function's name and where it was called.
    public struct TraceFrame: Sendable, Equatable {
        public var function: String
        public var call: SourceLocation
        public init(function: String, call: SourceLocation) { self.function = function; self.call = call }
    }

    /// Traces longer than this show their innermost and outermost calls around a count.
    static let traceShown = 8

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil, note: String? = nil) {
        self.kind = kind; self.message = message; self.location = location; self.note = note
    }

    /// The error raised when Ctrl-C interrupts a running cell.
    public static func interrupted(at location: SourceLocation?) -> ScriptError {
        ScriptError(.interrupted, "stopped by Ctrl-C (variables are kept)", at: location)
    }

    /// A copy located at `location` unless it already has a location.
    public func located(_ location: SourceLocation) -> ScriptError {
        if self.location != nil { return self }
        var copy = self
        copy.location = location
        return copy
    }

    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(kind == .syntax ? "syntax error" : "error"): \(message)"
        if let note { text += " (\(note))" }
        return text
    }

    /// The full message: header line, the source line, a caret under the column, a note.
    public func render(sources: SourceRegistry?) -> String {
        var lines: [String] = []
        let head = kind == .syntax ? "syntax error" : (kind == .interrupted ? "interrupted" : "error")
        if let location {
            lines.append("\(location): \(head): \(message)")
            if let source = sources?.line(location.line, of: location.file) {
                lines.append("    " + source)
                var caret = ""
                for (i, ch) in source.enumerated() where i < location.column - 1 {
                    caret.append(ch == "\t" ? "\t" : " ")
                }
                lines.append("    " + caret + "^")
            }
        } else {
            lines.append("\(head): \(message)")
        }
        if let note { lines.append("note: \(note)") }
        lines += renderTrace(sources: sources)
        return lines.joined(separator: "\n")
    }

    /// `  in g() called at 3:5: y = g(2)` per call, innermost first; a call in another cell or
    /// file than the error names it (`<cell 4>:1:1`). A deep recursion shows its ends.
    func renderTrace(sources: SourceRegistry?) -> [String] {
        func line(_ frame: TraceFrame) -> String {
            let place = frame.call.file == location?.file ? frame.call.short : frame.call.description
            var text = "  in \(frame.function)() called at \(place)"
            if let source = sources?.line(frame.call.line, of: frame.call.file)?.trimmingCharacters(in: .whitespaces), !source.isEmpty {
                text += ": " + (source.count > 60 ? String(source.prefix(59)) + "…" : source)
            }
            return text
        }
        guard trace.count > ScriptError.traceShown else { return trace.map(line) }
        let head = ScriptError.traceShown / 2, tail = ScriptError.traceShown - head - 1
        return trace.prefix(head).map(line) + ["  … \(trace.count - head - tail) more calls …"] + trace.suffix(tail).map(line)
    }
}
