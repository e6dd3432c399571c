// A grid of braille characters used as a 2×4-dot-per-cell bitmap, with a colour per cell.

/// A bitmap of `columns`×`rows` character cells, each holding 2×4 braille dots.
/// Pixel (0, 0) is the top-left dot; x grows right, y grows down.
struct BrailleCanvas {
    let columns: Int
    let rows: Int
    private var bits: [UInt8]
    private var series: [Int?]

    init(columns: Int, rows: Int) {
        self.columns = max(1, columns); self.rows = max(1, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        series = Array(repeating: nil, count: self.columns * self.rows)
    }

    var pixelWidth: Int { columns * 2 }
    var pixelHeight: Int { rows * 4 }

    /// Dot bit for (x mod 2, y mod 4), per the Unicode braille layout (dots 1-8).
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets one dot; dots outside the canvas are ignored.
    mutating func set(_ x: Int, _ y: Int, series index: Int) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let cell = (y / 4) * columns + x / 2
        bits[cell] |= Self.dotBits[x % 2][y % 4]
        series[cell] = index
    }

    /// Sets the dot nearest to (x, y) in pixel units, if it is on the canvas.
    mutating func point(_ x: Double, _ y: Double, series index: Int) {
        guard x.isFinite, y.isFinite, x > -0.5, y > -0.5,
              x < Double(pixelWidth) - 0.5, y < Double(pixelHeight) - 0.5 else { return }
        set(Int(x.rounded()), Int(y.rounded()), series: index)
    }

    /// Draws the part of the segment a–b (pixel units) that lies on the canvas, clipped first
    /// (Liang–Barsky) so that far-away points cost nothing and never overflow an Int.
    mutating func segment(from a: (Double, Double), to b: (Double, Double), series index: Int,
                          pattern: (on: Int, off: Int)?, phase: inout Int) {
        guard a.0.isFinite, a.1.isFinite, b.0.isFinite, b.1.isFinite else { return }
        let (dx, dy) = (b.0 - a.0, b.1 - a.1)
        var (t0, t1) = (0.0, 1.0)
        let maxX = Double(pixelWidth - 1), maxY = Double(pixelHeight - 1)
        for (p, q) in [(-dx, a.0), (dx, maxX - a.0), (-dy, a.1), (dy, maxY - a.1)] {
            if p == 0 {
                if q < 0 { return }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return }
            }
        }
        let start = (Int((a.0 + t0 * dx).rounded()), Int((a.1 + t0 * dy).rounded()))
        let end = (Int((a.0 + t1 * dx).rounded()), Int((a.1 + t1 * dy).rounded()))
        line(from: start, to: end, series: index, pattern: pattern, phase: &phase)
    }

    /// Draws a line (Bresenham) between two dots. `pattern` is (on, off) lengths in dots for
    /// dashed lines, nil for solid; `phase` carries the dash position along a polyline.
    mutating func line(from a: (Int, Int), to b: (Int, Int), series index: Int,
                       pattern: (on: Int, off: Int)? = nil, phase: inout Int) {
        var (x, y) = a
        let dx = abs(b.0 - x), dy = -abs(b.1 - y)
        let sx = x < b.0 ? 1 : -1, sy = y < b.1 ? 1 : -1
        var err = dx + dy
        var budget = dx - dy + 1   // the number of dots on the line
        while budget > 0 {
            budget -= 1
            if let p = pattern {
                if phase % (p.on + p.off) < p.on { set(x, y, series: index) }
                phase += 1
            } else {
                set(x, y, series: index)
            }
            if x == b.0 && y == b.1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// Row `row` as text: blank cells are spaces, others braille; runs of cells of one
    /// series share one colour escape.
    func text(row: Int, color: ColorMode, colors: (Int) -> RGB) -> String {
        var out = ""
        var run = ""
        var runSeries: Int?
        func flush() {
            if let s = runSeries, !run.isEmpty { out += ANSI.foreground(run, colors(s), mode: color) } else { out += run }
            run = ""
        }
        for c in 0..<columns {
            let i = row * columns + c
            let cellSeries = bits[i] == 0 ? nil : series[i]
            if cellSeries != runSeries { flush(); runSeries = cellSeries }
            if bits[i] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits[i])) {
                run.unicodeScalars.append(scalar)
            } else {
                run += " "
            }
        }
        flush()
        return out
    }
}
