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
    /// The pieces of each source: a file replayed cell by cell (`run`, piped input) is
    /// registered one cell at a time under one name, and an error inside a function defined
    /// in an earlier cell still finds its line.
    private var chunks: [String: [(firstLine: Int, text: String)]] = [:]
    public init() {}
    /// Records `text` of source `name`, whose first line is line `firstLine` of its file; it
    /// replaces the latest piece when that starts at the same line (constant time: a file of
    /// 20,000 cells registers in linear time).
    public func register(_ name: String, text: String, firstLine: Int = 1) {
        if chunks[name]?.last?.firstLine == firstLine { chunks[name]?.removeLast() }
        chunks[name, default: []].append((firstLine, text))
    }
    /// The text last registered under `name`.
    public func text(of name: String) -> String? { chunks[name]?.last?.text }

    /// The 1-based `line` of source `name`, when known (the latest piece holding it).
    public func line(_ line: Int, of name: String) -> String? {
        guard line >= 1, let pieces = chunks[name] else { return nil }
        // Counted on UTF-8 bytes: a syntax error near the top of a 100 MB file must not
        // split the whole file into lines.
        search: for piece in pieces.reversed() where piece.firstLine <= line {
            let u = piece.text.utf8
            var current = piece.firstLine
            var start = u.startIndex
            while current < line {
                guard let newline = u[start...].firstIndex(of: 10) else { continue search }
                start = u.index(after: newline)
                current += 1
            }
            let end = u[start...].firstIndex(of: 10) ?? u.endIndex
            return String(piece.text[start..<end])
        }
        return nil
    }
}
