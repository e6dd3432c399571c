// The frame around a text plot: title, y labels right-aligned at their ticks, the axis lines,
// x ticks under the axis with centred labels, the x-axis name and a legend.

/// Lays out a plot area of `plotWidth`×`rows` cells inside axes, as lines of text.
struct TextAxes {
    var title: String?
    var xLabel: String?
    var yLabel: String?
    /// Tick rows (0 = top row of the plot area) and their labels.
    var yTicks: [(row: Int, label: String)]
    /// Tick columns (0 = first column of the plot area) and their labels.
    var xTicks: [(column: Int, label: String)]
    var legend: String?

    /// Width of the y-label gutter (labels, then a space, then the axis).
    var gutter: Int { (yTicks.map { TextWidth.of($0.label) }.max() ?? 0) }

    /// Columns left for the plot area in a figure `width` columns wide, keeping room for half
    /// of the widest x label on the right.
    static func plotWidth(total width: Int, gutter: Int, xLabels: [String]) -> Int {
        let right = ((xLabels.map { TextWidth.of($0) }.max() ?? 0) + 1) / 2
        return max(4, width - gutter - 2 - right)
    }

    /// Lines the frame adds around the plot rows (title, axis, x labels, x name, legend).
    static func extraLines(title: String?, xLabel: String?, yLabel: String?, legend: Bool) -> Int {
        2 + (title == nil ? 0 : 1) + (xLabel == nil ? 0 : 1) + (yLabel == nil ? 0 : 1) + (legend ? 1 : 0)
    }

    /// The whole figure; `rows` are the plot-area lines (already coloured if need be).
    func compose(rows: [String], plotWidth: Int, color: ColorMode) -> String {
        let g = gutter
        let totalWidth = g + 2 + plotWidth
        var lines: [String] = []
        if let title {
            lines.append(TextWidth.pad(ANSI.bold(title, mode: color), to: max(TextWidth.of(title), totalWidth), alignment: .center)
                .replacingTrailingSpaces())
        }
        if let yLabel { lines.append(String(repeating: " ", count: max(0, g + 1 - TextWidth.of(yLabel) / 2)) + yLabel) }
        let labelAt = Dictionary(yTicks.map { ($0.row, $0.label) }, uniquingKeysWith: { first, _ in first })
        for (r, row) in rows.enumerated() {
            if let label = labelAt[r] {
                lines.append(TextWidth.pad(label, to: g, alignment: .right) + " ┤" + row)
            } else {
                lines.append(String(repeating: " ", count: g) + " │" + row)
            }
        }
        var axis = Array(repeating: "─", count: plotWidth)
        for t in xTicks where t.column >= 0 && t.column < plotWidth { axis[t.column] = "┬" }
        lines.append(String(repeating: " ", count: g + 1) + "└" + axis.joined())
        // x labels centred under their ticks, skipping any that would touch the previous one.
        var labelLine = ""
        var used = 0
        for t in xTicks {
            let w = TextWidth.of(t.label)
            let center = g + 2 + t.column
            let start = max(0, center - (w - 1) / 2)
            guard start >= used + (used == 0 ? 0 : 1) else { continue }
            labelLine += String(repeating: " ", count: start - used) + t.label
            used = start + w
        }
        lines.append(labelLine)
        if let xLabel {
            let pad = max(0, g + 2 + (plotWidth - TextWidth.of(xLabel)) / 2)
            lines.append(String(repeating: " ", count: pad) + xLabel)
        }
        if let legend { lines.append(String(repeating: " ", count: g + 2) + legend) }
        return lines.map { $0.replacingTrailingSpaces() }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string without trailing spaces (golden files and terminals do not need them).
    func replacingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.hasSuffix(" ") { s = s.dropLast() }
        return String(s)
    }
}
