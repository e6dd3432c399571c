// Line plots of one or more series: Unicode braille in the terminal, SVG on disk.

/// A line plot of named series, drawn with braille dots (2×4 per character) inside axes
/// with round ticks, or written as SVG.
///
///     var p = LinePlot(title: "loss", xLabel: "step")
///     p.add(LinePlot.Series(name: "train", y: losses))
///     print(p.render(width: 60, height: 15))
///     try p.save("loss.svg")
///
/// Non-finite points break the line. With colour off, the second and later series are
/// dashed or dotted so that they stay apart.
public struct LinePlot: Sendable, Equatable {
    /// One named line: y values at x positions.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var x: [Double]
        public var y: [Double]

        /// A series at x = 0, 1, 2, ….
        public init(name: String, y: [Double]) {
            self.name = name; self.y = y; self.x = y.indices.map(Double.init)
        }

        /// A series of (x, y) pairs.
        /// - Throws: `TermError.lengthMismatch` when `x` and `y` differ in length.
        public init(name: String, x: [Double], y: [Double]) throws {
            guard x.count == y.count else {
                throw TermError.lengthMismatch(what: "series '\(name)' x and y", first: x.count, second: y.count)
            }
            self.name = name; self.x = x; self.y = y
        }

        var finitePoints: [(Double, Double)] {
            zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        }
    }

    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var series: [Series]

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, series: [Series] = []) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series
    }

    /// Adds a series.
    public mutating func add(_ s: Series) { series.append(s) }

    /// Dash patterns (on, off) of series when colour is off, and their legend glyphs.
    static let patterns: [(pattern: (on: Int, off: Int)?, glyph: String)] =
        [(nil, "──"), ((3, 2), "╌╌"), ((1, 1), "┈┈"), ((6, 2), "─ ")]

    // MARK: - Scales

    func scales(xTicks: Int, yTicks: Int) -> (x: NiceScale, y: NiceScale) {
        let points = series.flatMap(\.finitePoints)
        let xs = points.map(\.0), ys = points.map(\.1)
        return (NiceScale(min: xs.min() ?? 0, max: xs.max() ?? 1, maxTicks: xTicks),
                NiceScale(min: ys.min() ?? 0, max: ys.max() ?? 1, maxTicks: yTicks))
    }

    var showsLegend: Bool { series.count > 1 || series.contains { !$0.name.isEmpty } }

    // MARK: - Text

    /// The plot as text, `width` columns by `height` lines in all (title, axes, labels and
    /// legend included), ending in a newline.
    public func render(width: Int = 72, height: Int = 20, color: ColorMode = .off) -> String {
        let rows = max(2, height - TextAxes.extraLines(title: title, xLabel: xLabel, yLabel: yLabel, legend: showsLegend))
        let yTicksWanted = max(2, min(6, rows / 2 + 1))
        // The gutter depends on the y labels, the plot width on the gutter: settle x after y.
        let y0 = scales(xTicks: 6, yTicks: yTicksWanted).y
        let gutter = y0.labels.map { TextWidth.of($0) }.max() ?? 1
        let roughWidth = max(4, width - gutter - 4)
        let xTicksWanted = max(2, min(8, roughWidth / 10 + 1))
        let (xScale, yScale) = scales(xTicks: xTicksWanted, yTicks: yTicksWanted)
        let plotWidth = TextAxes.plotWidth(total: width, gutter: gutter, xLabels: xScale.labels)

        var canvas = BrailleCanvas(columns: plotWidth, rows: rows)
        let fx = { (v: Double) in xScale.fraction(v) * Double(canvas.pixelWidth - 1) }
        let fy = { (v: Double) in (1 - yScale.fraction(v)) * Double(canvas.pixelHeight - 1) }
        let px = { (v: Double) in Int(fx(v).rounded()) }   // ticks only: always on the canvas
        let py = { (v: Double) in Int(fy(v).rounded()) }
        for (index, s) in series.enumerated() {
            let pattern = color == .off ? Self.patterns[index % Self.patterns.count].pattern : nil
            var previous: (Double, Double)?
            var phase = 0
            for (x, y) in zip(s.x, s.y) {
                guard x.isFinite && y.isFinite else { previous = nil; continue }
                let point = (fx(x), fy(y))
                if let p = previous {
                    canvas.segment(from: p, to: point, series: index, pattern: pattern, phase: &phase)
                } else {
                    canvas.point(point.0, point.1, series: index)
                }
                previous = point
            }
        }
        let plotRows = (0..<rows).map { canvas.text(row: $0, color: color, colors: Palette.color) }
        let yTicks = zip(yScale.ticks, yScale.labels).map { (row: py($0.0) / 4, label: $0.1) }
        let xTicks = zip(xScale.ticks, xScale.labels).map { (column: px($0.0) / 2, label: $0.1) }
        var legend: String?
        if showsLegend {
            legend = series.enumerated().map { i, s in
                let glyph = color == .off ? Self.patterns[i % Self.patterns.count].glyph
                                          : ANSI.foreground("━━", Palette.color(i), mode: color)
                return glyph + " " + (s.name.isEmpty ? "series \(i + 1)" : s.name)
            }.joined(separator: "   ")
        }
        let axes = TextAxes(title: title, xLabel: xLabel, yLabel: yLabel, yTicks: yTicks, xTicks: xTicks, legend: legend)
        return axes.compose(rows: plotRows, plotWidth: plotWidth, color: color)
    }

    // MARK: - SVG

    /// The plot as a self-contained SVG document (`width`×`height` pixels): grid, axes with
    /// ticks and labels, one polyline per unbroken run of each series, a legend and the title.
    public func svg(width: Int = 640, height: Int = 400) -> String {
        let (xScale, yScale) = scales(xTicks: max(2, width / 90), yTicks: max(2, height / 60))
        var doc = SVGDocument(width: width, height: height)
        let axes = SVGAxes(width: doc.width, height: doc.height, x: xScale, y: yScale,
                           title: title, xLabel: xLabel, yLabel: yLabel)
        axes.draw(into: &doc)
        for (index, s) in series.enumerated() {
            let name = s.name.isEmpty ? "series \(index + 1)" : s.name
            doc.raw("<g class=\"series\" data-series=\"\(SVGDocument.escape(name))\">")
            var run: [(Double, Double)] = []
            func flush() {
                if run.count == 1, let p = run.first {
                    doc.raw("<circle class=\"point\" cx=\"\(SVGDocument.n(p.0))\" cy=\"\(SVGDocument.n(p.1))\" r=\"2.5\" fill=\"\(Palette.color(index).hex)\"/>")
                } else if run.count > 1 {
                    doc.polyline(run, class: "series-line", stroke: Palette.color(index).hex, series: name)
                }
                run = []
            }
            for (x, y) in zip(s.x, s.y) {
                if x.isFinite && y.isFinite { run.append((axes.sx(x), axes.sy(y))) } else { flush() }
            }
            flush()
            doc.raw("</g>")
        }
        if showsLegend {
            let entries = series.enumerated().map { i, s in
                (name: s.name.isEmpty ? "series \(i + 1)" : s.name, color: Palette.color(i).hex)
            }
            axes.legend(into: &doc, entries: entries, swatch: .line)
        }
        return doc.render(title: title)
    }

    /// Writes `svg()` to `path` atomically.
    /// - Throws: `TermError.writeFailed`.
    public func save(_ path: String, width: Int = 640, height: Int = 400) throws {
        try SVGDocument.save(svg(width: width, height: height), to: path)
    }
}
