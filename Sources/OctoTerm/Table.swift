// A table of text and numbers rendered with aligned columns, box-drawing or ASCII borders.

/// A table: columns with headers, rows of cells, rendered as aligned text, Markdown or CSV.
///
///     var t = Table(headers: ["model", "gsm", "math"])
///     try t.append(["base", 0.127, 0.05])
///     print(t.render())
///
/// Columns whose cells are all numbers are right-aligned and their decimal points line up;
/// doubles are shown with `Column.format` (4 significant digits by default).
public struct Table: Sendable, Equatable {
    /// One cell of a table.
    public enum Cell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
        case text(String)
        case integer(Int)
        case number(Double)
        case empty

        public init(stringLiteral value: String) { self = .text(value) }
        public init(floatLiteral value: Double) { self = .number(value) }
        public init(integerLiteral value: Int) { self = .integer(value) }

        var isNumeric: Bool {
            switch self { case .integer, .number: return true; default: return false }
        }
    }

    /// How a column shows doubles.
    public enum NumberStyle: Sendable, Equatable {
        /// At most this many significant digits ("0.1235", "1e-3").
        case significant(Int)
        /// Exactly this many decimals ("-0.012").
        case fixed(Int)
        /// As a percentage with this many decimals (0.1234 → "12.3%").
        case percent(Int)
    }

    /// A column: header, alignment (nil = numbers right, text left) and number style.
    public struct Column: Sendable, Equatable {
        public var header: String
        public var alignment: Alignment?
        public var format: NumberStyle
        public init(_ header: String, alignment: Alignment? = nil, format: NumberStyle = .significant(4)) {
            self.header = header; self.alignment = alignment; self.format = format
        }
    }

    /// Border characters.
    public enum Style: Sendable, Equatable {
        /// ┌─┬─┐ box drawing.
        case box
        /// +-+-+ plain ASCII.
        case ascii
    }

    public var columns: [Column]
    public private(set) var rows: [[Cell]] = []
    /// A line shown above the table.
    public var title: String?
    /// Headers of the columns to drop first when the table must fit a narrow width (TableFit.swift).
    public var dropOrder: [String] = []

    public init(columns: [Column], title: String? = nil) {
        self.columns = columns; self.title = title
    }

    public init(headers: [String], title: String? = nil) {
        self.init(columns: headers.map { Column($0) }, title: title)
    }

    /// Appends a row.
    /// - Throws: `TermError.rowLength` when the row does not have one cell per column.
    public mutating func append(_ row: [Cell]) throws {
        guard row.count == columns.count else {
            throw TermError.rowLength(row: rows.count, expected: columns.count, got: row.count)
        }
        rows.append(row)
    }

    // MARK: - Cell text

    /// The text of a cell as the table shows it (CSV uses full precision instead).
    public func text(of cell: Cell, column: Int) -> String {
        let style = columns.indices.contains(column) ? columns[column].format : .significant(4)
        switch cell {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .empty: return ""
        case .number(let x):
            switch style {
            case .significant(let d): return NumberFormat.significant(x, digits: d)
            case .fixed(let d): return NumberFormat.fixed(x, decimals: d)
            case .percent(let d): return x.isFinite ? NumberFormat.fixed(x * 100, decimals: d) + "%" : NumberFormat.fixed(x, decimals: d)
            }
        }
    }

    /// The effective alignment of column `index`.
    public func alignment(of index: Int) -> Alignment {
        guard columns.indices.contains(index) else { return .left }
        if let a = columns[index].alignment { return a }
        let cells = rows.map { $0[index] }.filter { $0 != .empty }
        return !cells.isEmpty && cells.allSatisfy(\.isNumeric) ? .right : .left
    }

    /// Cell texts per row, with decimal points lined up in right-aligned numeric columns.
    func alignedBody() -> [[String]] {
        var body = rows.map { row in row.indices.map { text(of: row[$0], column: $0) } }
        for c in columns.indices where alignment(of: c) == .right && columns[c].alignment == nil {
            let split = body.map { row -> (Substring, Substring) in
                let s = row[c]
                guard let dot = s.firstIndex(where: { $0 == "." || $0 == "e" }) else { return (Substring(s), "") }
                return (s[..<dot], s[dot...])
            }
            let fraction = split.map { TextWidth.of(String($0.1)) }.max() ?? 0
            for r in body.indices {
                body[r][c] = String(split[r].0) + TextWidth.pad(String(split[r].1), to: fraction, alignment: .left)
            }
        }
        return body
    }

    func widths(_ body: [[String]]) -> [Int] {
        columns.indices.map { c in
            max(TextWidth.of(columns[c].header), body.map { TextWidth.of($0[c]) }.max() ?? 0)
        }
    }

    // MARK: - Rendering

    /// The table as aligned text, one line per row plus borders, ending in a newline.
    /// - Parameters:
    ///   - style: box drawing or ASCII borders.
    ///   - color: `.off` for plain text; otherwise a bold header and dim borders.
    public func render(style: Style = .box, color: ColorMode = .off) -> String {
        let body = alignedBody()
        let widths = widths(body)
        let g: (h: String, v: String, tl: String, tm: String, tr: String, ml: String, mm: String, mr: String, bl: String, bm: String, br: String) =
            style == .box ? ("─", "│", "┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘")
                          : ("-", "|", "+", "+", "+", "+", "+", "+", "+", "+", "+")
        func rule(_ l: String, _ m: String, _ r: String) -> String {
            ANSI.dim(l + widths.map { String(repeating: g.h, count: $0 + 2) }.joined(separator: m) + r, mode: color)
        }
        func line(_ cells: [String], header: Bool) -> String {
            let bar = ANSI.dim(g.v, mode: color)
            let parts = cells.indices.map { c -> String in
                let padded = TextWidth.pad(cells[c], to: widths[c], alignment: alignment(of: c))
                return " " + (header ? ANSI.bold(padded, mode: color) : padded) + " "
            }
            return bar + parts.joined(separator: bar) + bar
        }
        var lines: [String] = []
        if let title { lines.append(ANSI.bold(title, mode: color)) }
        lines.append(rule(g.tl, g.tm, g.tr))
        lines.append(line(columns.map(\.header), header: true))
        lines.append(rule(g.ml, g.mm, g.mr))
        lines += body.map { line($0, header: false) }
        lines.append(rule(g.bl, g.bm, g.br))
        return lines.joined(separator: "\n") + "\n"
    }
}
