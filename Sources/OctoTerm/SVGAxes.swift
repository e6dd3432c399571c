// The frame of an SVG plot with numeric axes: margins, grid, axis lines, ticks, labels,
// title, axis names and a legend box.

/// Maps data to SVG coordinates and draws the frame around the plot area.
struct SVGAxes {
    let width: Double
    let height: Double
    let x: NiceScale
    let y: NiceScale
    var title: String?
    var xLabel: String?
    var yLabel: String?
    /// Labels for x ticks instead of the scale's own (nil = use the scale's).
    var xTickLabels: [String]?

    let left: Double, right: Double, top: Double, bottom: Double

    init(width: Int, height: Int, x: NiceScale, y: NiceScale, title: String?, xLabel: String?, yLabel: String?) {
        self.width = Double(width); self.height = Double(height)
        self.x = x; self.y = y; self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        let yLabelChars = y.labels.map { $0.count }.max() ?? 1
        left = 16 + Double(yLabelChars) * 7 + (yLabel == nil ? 0 : 20)
        right = self.width - 24
        top = title == nil ? 20 : 44
        bottom = self.height - (xLabel == nil ? 36 : 56)
    }

    /// SVG x of data `v`.
    func sx(_ v: Double) -> Double { left + x.fraction(v) * (right - left) }
    /// SVG y of data `v` (up is larger).
    func sy(_ v: Double) -> Double { bottom - y.fraction(v) * (bottom - top) }

    /// Grid lines, then axes with ticks and labels, title and axis names.
    func draw(into doc: inout SVGDocument) {
        for t in y.ticks { doc.line(left, sy(t), right, sy(t), class: "grid", stroke: "#e5e5e5") }
        for t in x.ticks { doc.line(sx(t), top, sx(t), bottom, class: "grid", stroke: "#e5e5e5") }
        doc.line(left, bottom, right, bottom, class: "axis x-axis", stroke: "#333333")
        doc.line(left, top, left, bottom, class: "axis y-axis", stroke: "#333333")
        for (t, label) in zip(y.ticks, y.labels) {
            doc.line(left - 5, sy(t), left, sy(t), class: "tick y-tick")
            doc.text(label, x: left - 8, y: sy(t) + 4, class: "tick-label y-tick-label", anchor: "end", size: 11)
        }
        for (t, label) in zip(x.ticks, xTickLabels ?? x.labels) {
            doc.line(sx(t), bottom, sx(t), bottom + 5, class: "tick x-tick")
            doc.text(label, x: sx(t), y: bottom + 18, class: "tick-label x-tick-label", size: 11)
        }
        if let title { doc.text(title, x: width / 2, y: 26, class: "title", size: 16, weight: "bold") }
        if let xLabel { doc.text(xLabel, x: (left + right) / 2, y: height - 14, class: "axis-label x-label", size: 12) }
        if let yLabel {
            doc.text(yLabel, x: 16, y: (top + bottom) / 2, class: "axis-label y-label", size: 12, rotate: -90)
        }
    }

    /// A legend box in the top-right corner of the plot area: a swatch and a name per entry.
    func legend(into doc: inout SVGDocument, entries: [(name: String, color: String)], swatch: LegendSwatch) {
        guard !entries.isEmpty else { return }
        let textWidth = Double(entries.map { $0.name.count }.max() ?? 0) * 7
        let boxWidth = 38 + textWidth
        let boxHeight = 8 + 18 * Double(entries.count)
        let x0 = right - boxWidth - 8, y0 = top + 8
        doc.raw("<g class=\"legend\">")
        doc.rect(x0, y0, boxWidth, boxHeight, class: "legend-box", fill: "#ffffff", stroke: "#cccccc", opacity: 0.9)
        for (i, e) in entries.enumerated() {
            let cy = y0 + 13 + 18 * Double(i)
            switch swatch {
            case .line: doc.line(x0 + 8, cy, x0 + 28, cy, class: "legend-swatch", stroke: e.color, width: 2.5)
            case .box: doc.rect(x0 + 10, cy - 5, 14, 10, class: "legend-swatch", fill: e.color)
            }
            doc.text(e.name, x: x0 + 34, y: cy + 4, class: "legend-label", anchor: "start", size: 12)
        }
        doc.raw("</g>")
    }

    enum LegendSwatch { case line, box }
}
