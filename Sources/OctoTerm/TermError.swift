// Errors of the terminal layer: what was wrong with the input, and where.

/// An error raised while building or saving a view (table, plot, heat map).
public enum TermError: Error, CustomStringConvertible, Equatable {
    /// A table row had a different number of cells than the table has columns.
    case rowLength(row: Int, expected: Int, got: Int)
    /// Two parallel arrays (x and y, tokens and values, labels and values) differ in length.
    case lengthMismatch(what: String, first: Int, second: Int)
    /// A page index outside `0..<pageCount`.
    case pageOutOfRange(page: Int, pageCount: Int)
    /// An argument outside its allowed range (`bins` ≤ 0, `pageSize` ≤ 0, …).
    case invalidArgument(name: String, reason: String)
    /// Writing a file failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .rowLength(row, expected, got):
            return "table row \(row) has \(got) cells, expected \(expected) (one per column)"
        case let .lengthMismatch(what, first, second):
            return "\(what): lengths differ (\(first) vs \(second))"
        case let .pageOutOfRange(page, pageCount):
            return "page \(page) out of range: there are \(pageCount) pages (0..<\(pageCount))"
        case let .invalidArgument(name, reason):
            return "invalid argument '\(name)': \(reason)"
        case let .writeFailed(path, reason):
            return "cannot write '\(path)': \(reason)"
        }
    }
}
