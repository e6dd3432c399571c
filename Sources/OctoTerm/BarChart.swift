// Horizontal bar charts of labelled values, as block characters or SVG.

/// Labelled values drawn as horizontal bars, one line per label, value at the right.
///
///     gsm    ████████████████████▌   0.512
///     math   █████████▏              0.231
///
/// Negative values grow left from a zero line.
public struct BarChart: Sendable, Equatable {
    public private(set) var labels: [String]
    public private(set) var values: [Double]
    public var title: String?

    /// - Throws: `TermError.lengthMismatch` when there is not one value per label.
    public init(labels: [String], values: [Double], title: String? = nil) throws {
        guard labels.count == values.count else {
            throw TermError.lengthMismatch(what: "bar chart labels and values", first: labels.count, second: values.count)
        }
        self.labels = labels; self.values = values; self.title = title
    }

    /// Lowest and highest value the bars span (always including zero).
    var span: (lo: Double, hi: Double) {
        let finite = values.filter(\.isFinite)
        let lo = min(0, finite.min() ?? 0), hi = max(0, finite.max() ?? 0)
        return hi > lo ? (lo, hi) : (0, 1)
    }

    // MARK: - Text

    /// The chart as text at most `width` columns wide; bars end in eighth blocks.
    public func render(width: Int = 72, color: ColorMode = .off) -> String {
        let labelWidth = min(max(0, width / 3), labels.map { TextWidth.of($0) }.max() ?? 0)
        let valueTexts = values.map { NumberFormat.significant($0, digits: 4) }
        let valueWidth = valueTexts.map { TextWidth.of($0) }.max() ?? 0
        let barWidth = max(4, width - labelWidth - valueWidth - 3)
        let (lo, hi) = span
        let zero = Int((-lo / (hi - lo) * Double(barWidth)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var lines: [String] = []
        if let title { lines.append(ANSI.bold(title, mode: color)) }
        for (i, v) in values.enumerated() {
            var bar: String
            if !v.isFinite {
                bar = String(repeating: " ", count: barWidth)
            } else if v >= 0 {
                let eighths = Int((v / (hi - lo) * Double(barWidth * 8)).rounded())
                let cells = String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
                bar = String(repeating: " ", count: zero) + cells
            } else {
                let full = min(zero, Int((-v / (hi - lo) * Double(barWidth)).rounded()))
                bar = String(repeating: " ", count: zero - full) + String(repeating: "█", count: full)
            }
            bar = TextWidth.pad(bar, to: barWidth, alignment: .left)
            let label = TextWidth.pad(TextWidth.truncate(labels[i], to: labelWidth), to: labelWidth, alignment: .left)
            let coloured = ANSI.foreground(bar, Palette.color(0), mode: color)
            lines.append((label + " " + coloured + "  " + TextWidth.pad(valueTexts[i], to: valueWidth, alignment: .right)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - SVG

    /// The chart as a self-contained SVG: category labels on the left, one rect per bar,
    /// a numeric x axis with ticks, value labels, title.
    public func svg(width: Int = 640, height: Int? = nil) -> String {
        let h = height ?? max(160, 90 + 28 * labels.count)
        var doc = SVGDocument(width: width, height: h)
        let (lo, hi) = span
        let scale = NiceScale(min: lo, max: hi, maxTicks: max(2, width / 90))
        let labelChars = labels.map { $0.count }.max() ?? 0
        let left = 16 + Double(min(labelChars, 30)) * 7, right = Double(doc.width) - 60
        let top: Double = title == nil ? 20 : 44, bottom = Double(doc.height) - 36
        let sx = { (v: Double) in left + scale.fraction(v) * (right - left) }
        for t in scale.ticks { doc.line(sx(t), top, sx(t), bottom, class: "grid", stroke: "#e5e5e5") }
        doc.line(left, bottom, right, bottom, class: "axis x-axis")
        doc.line(sx(0), top, sx(0), bottom, class: "axis y-axis")
        for (t, label) in zip(scale.ticks, scale.labels) {
            doc.line(sx(t), bottom, sx(t), bottom + 5, class: "tick x-tick")
            doc.text(label, x: sx(t), y: bottom + 18, class: "tick-label x-tick-label", size: 11)
        }
        let slot = (bottom - top) / Double(max(1, labels.count))
        doc.raw("<g class=\"series bars\" data-series=\"values\">")
        for (i, v) in values.enumerated() {
            let cy = top + slot * (Double(i) + 0.5)
            doc.text(labels[i], x: left - 8, y: cy + 4, class: "category-label", anchor: "end", size: 12)
            guard v.isFinite else { continue }
            let (a, b) = (sx(min(0, v)), sx(max(0, v)))
            doc.rect(a, cy - slot * 0.35, b - a, slot * 0.7, class: "bar", fill: Palette.color(0).hex)
            doc.text(NumberFormat.significant(v, digits: 4), x: b + 4, y: cy + 4, class: "value-label", anchor: "start", size: 11)
        }
        doc.raw("</g>")
        if let title { doc.text(title, x: Double(doc.width) / 2, y: 26, class: "title", size: 16, weight: "bold") }
        return doc.render(title: title)
    }

    /// Writes `svg()` to `path` atomically.
    /// - Throws: `TermError.writeFailed`.
    public func save(_ path: String, width: Int = 640, height: Int? = nil) throws {
        try SVGDocument.save(svg(width: width, height: height), to: path)
    }
}
