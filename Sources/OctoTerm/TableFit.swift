// Fitting a table into a terminal width without wrapping: text columns are cut first (the
// rightmost first, each down to 8 columns or its header, cells ending in "…"), then columns
// are dropped: those named in `dropOrder` first, then from the right (the first column always
// stays); a footer line names the dropped ones.

extension Table {
    /// Which columns to show and how wide, for a table whose natural column widths are
    /// `widths`, so that the box (borders and padding included) fits in `width` columns.
    func fit(_ widths: [Int], to width: Int) -> (kept: [Int], widths: [Int]) {
        func total(_ kept: [Int], _ w: [Int]) -> Int { kept.reduce(1) { $0 + w[$1] + 3 } }
        var w = widths
        var kept = Array(columns.indices)
        guard total(kept, w) > width else { return (kept, w) }
        // 1. Cut left-aligned (text) columns, rightmost first.
        for c in columns.indices.reversed() where alignment(of: c) == .left {
            let floor = min(w[c], max(8, TextWidth.of(columns[c].header)))
            let excess = total(kept, w) - width
            guard excess > 0 else { break }
            w[c] = max(floor, w[c] - excess)
        }
        // 2. Drop columns: `dropOrder` first, then from the right.
        for header in dropOrder where total(kept, w) > width {
            if let c = columns.firstIndex(where: { $0.header == header }), c > 0 { kept.removeAll { $0 == c } }
        }
        while total(kept, w) > width, kept.count > 1 { kept.removeLast() }
        return (kept, w)
    }

    /// The table drawn in at most `width` columns (see `fit`); a footer names dropped columns.
    public func render(style: Style = .box, color: ColorMode = .off, width: Int?) -> String {
        guard let width else { return render(style: style, color: color) }
        let natural = widths(alignedBody())
        let (kept, fitted) = fit(natural, to: width)
        if kept.count == columns.count && fitted == natural { return render(style: style, color: color) }
        var narrow = Table(columns: kept.map { c in
            var column = columns[c]
            column.header = TextWidth.truncate(column.header, to: fitted[c])
            column.alignment = alignment(of: c)
            return column
        }, title: title.map { TextWidth.truncate($0, to: width) })
        for row in rows {
            let cells: [Cell] = kept.map { c in
                switch row[c] {
                case .text(let s): return .text(TextWidth.truncate(s, to: fitted[c]))
                default: return row[c]
                }
            }
            try? narrow.append(cells)
        }
        var text = narrow.render(style: style, color: color)
        let dropped = columns.indices.filter { !kept.contains($0) }.map { columns[$0].header }
        if !dropped.isEmpty {
            text += TextWidth.truncate("(\(dropped.count) more column\(dropped.count == 1 ? "" : "s") at this width: \(dropped.joined(separator: ", ")))", to: width) + "\n"
        }
        return text
    }
}
