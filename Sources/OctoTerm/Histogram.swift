// Histograms: counts of values in equal-width bins, as block characters or SVG.

/// A histogram of values in `bins` equal-width bins over `range` (the data's range by default).
///
///     print(Histogram(lengths, bins: 20, title: "response length").render(width: 60, height: 12))
///
/// Values outside the range and non-finite values are left out (and counted in `dropped`).
public struct Histogram: Sendable, Equatable {
    public var values: [Double]
    public private(set) var bins: Int
    public private(set) var range: ClosedRange<Double>?
    public var title: String?
    public var xLabel: String?

    /// - Throws: `TermError.invalidArgument` when `bins` < 1.
    public init(_ values: [Double], bins: Int = 10, range: ClosedRange<Double>? = nil,
                title: String? = nil, xLabel: String? = nil) throws {
        guard bins >= 1 else { throw TermError.invalidArgument(name: "bins", reason: "must be at least 1, got \(bins)") }
        if let r = range, !(r.lowerBound.isFinite && r.upperBound.isFinite) {
            throw TermError.invalidArgument(name: "range", reason: "bounds must be finite, got \(r)")
        }
        self.values = values; self.bins = bins; self.range = range; self.title = title; self.xLabel = xLabel
    }

    /// Bin edges (`bins + 1` of them), counts per bin, and the number of values left out.
    /// A value on an inner edge goes to the bin on its right; the last bin includes its upper edge.
    public func counts() -> (edges: [Double], counts: [Int], dropped: Int) {
        let finite = values.filter(\.isFinite)
        var lo = range?.lowerBound ?? finite.min() ?? 0
        var hi = range?.upperBound ?? finite.max() ?? 1
        if hi <= lo { lo -= 0.5; hi += 0.5 }
        let width = hi / Double(bins) - lo / Double(bins)   // no overflow for ±1e308
        let edges = (0...bins).map { lo + Double($0) * width }
        var counts = Array(repeating: 0, count: bins)
        var dropped = values.count - finite.count
        for v in finite {
            guard v >= lo && v <= hi else { dropped += 1; continue }
            counts[max(0, min(bins - 1, Int(v / width - lo / width)))] += 1
        }
        return (edges, counts, dropped)
    }

    // MARK: - Text

    /// The histogram as text, `width` columns by `height` lines in all; each bin is a
    /// column group of block characters with eighth-height tops.
    public func render(width: Int = 72, height: Int = 16, color: ColorMode = .off) -> String {
        let (edges, counts, _) = counts()
        let rows = max(2, height - TextAxes.extraLines(title: title, xLabel: xLabel, yLabel: nil, legend: false))
        let yScale = NiceScale(min: 0, max: Double(max(1, counts.max() ?? 1)), maxTicks: max(2, min(6, rows / 2 + 1)))
        let lo = edges.first ?? 0, hi = edges.last ?? 1
        let gutter = yScale.labels.map { TextWidth.of($0) }.max() ?? 1
        let xScale0 = NiceScale(min: lo, max: hi, maxTicks: 6, expand: false)
        let room = TextAxes.plotWidth(total: width, gutter: gutter, xLabels: xScale0.labels)
        let perBin = max(1, room / bins)
        let plotWidth = perBin * bins
        let xScale = NiceScale(min: lo, max: hi, maxTicks: max(2, min(8, plotWidth / 10 + 1)), expand: false)

        let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let eighths = counts.map { Int((yScale.fraction(Double($0)) * Double(rows * 8)).rounded()) }
        let plotRows = (0..<rows).map { r -> String in
            let base = (rows - 1 - r) * 8
            let line = String((0..<plotWidth).map { c in blocks[max(0, min(8, eighths[c / perBin] - base))] })
            return ANSI.foreground(line, Palette.color(0), mode: color)
        }
        let yTicks = zip(yScale.ticks, yScale.labels).map { t, label in
            (row: min(rows - 1, Int(((1 - yScale.fraction(t)) * Double(rows * 4 - 1)).rounded()) / 4), label: label)
        }
        let xTicks = zip(xScale.ticks, xScale.labels).map { t, label in
            (column: min(plotWidth - 1, Int(xScale.fraction(t) * Double(plotWidth))), label: label)
        }
        let axes = TextAxes(title: title, xLabel: xLabel, yLabel: nil, yTicks: yTicks, xTicks: xTicks, legend: nil)
        return axes.compose(rows: plotRows, plotWidth: plotWidth, color: color)
    }

    // MARK: - SVG

    /// The histogram as a self-contained SVG document: one rect per bin, axes, ticks, title.
    public func svg(width: Int = 640, height: Int = 400) -> String {
        let (edges, counts, _) = counts()
        let xScale = NiceScale(min: edges.first ?? 0, max: edges.last ?? 1, maxTicks: max(2, width / 90), expand: false)
        let yScale = NiceScale(min: 0, max: Double(max(1, counts.max() ?? 1)), maxTicks: max(2, height / 60))
        var doc = SVGDocument(width: width, height: height)
        let axes = SVGAxes(width: doc.width, height: doc.height, x: xScale, y: yScale,
                           title: title, xLabel: xLabel, yLabel: "count")
        axes.draw(into: &doc)
        doc.raw("<g class=\"series bars\" data-series=\"count\">")
        for (i, c) in counts.enumerated() where c > 0 {
            let x0 = axes.sx(edges[i]), x1 = axes.sx(edges[i + 1])
            doc.rect(x0, axes.sy(Double(c)), x1 - x0, axes.sy(0) - axes.sy(Double(c)), class: "bar",
                     fill: Palette.color(0).hex, stroke: "#ffffff")
        }
        doc.raw("</g>")
        return doc.render(title: title)
    }

    /// Writes `svg()` to `path` atomically.
    /// - Throws: `TermError.writeFailed`.
    public func save(_ path: String, width: Int = 640, height: Int = 400) throws {
        try SVGDocument.save(svg(width: width, height: height), to: path)
    }
}
