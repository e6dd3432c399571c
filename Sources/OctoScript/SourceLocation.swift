// Where a token, node or error sits in the source: cell (or file) name, line, column, offset.

/// A position in a named piece of source text (a REPL cell or a script file).
///
/// Lines and columns count from 1; `offset` counts UTF-8 bytes from 0.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// The cell or file name, e.g. `<cell 3>` or `sessions/tour.octo`.
    public var file: String
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.file = file; self.line = line; self.column = column; self.offset = offset
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
    /// `line:column`, for messages that point back into the same cell.
    public var short: String { "\(line):\(column)" }
}

/// The text of every cell or file seen so far, so that an error raised later (say inside a
/// function defined three cells ago) can still show its source line.
public final class SourceRegistry {
    private var texts: [String: String] = [:]
    private var firstLines: [String: Int] = [:]
    public init() {}
    /// Records `text` of source `name`, whose first line is line `firstLine` of its file.
    public func register(_ name: String, text: String, firstLine: Int = 1) {
        texts[name] = text
        firstLines[name] = firstLine
    }
    public func text(of name: String) -> String? { texts[name] }

    /// The 1-based `line` of source `name`, when known.
    public func line(_ line: Int, of name: String) -> String? {
        guard let text = texts[name], line >= 1 else { return nil }
        // Counted on UTF-8 bytes: a syntax error near the top of a 100 MB file must not
        // split the whole file into lines.
        let u = text.utf8
        var current = firstLines[name] ?? 1
        guard line >= current else { return nil }
        var start = u.startIndex
        while current < line {
            guard let newline = u[start...].firstIndex(of: 10) else { return nil }
            start = u.index(after: newline)
            current += 1
        }
        let end = u[start...].firstIndex(of: 10) ?? u.endIndex
        return String(text[start..<end])
    }
}
