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

    /// Draws a line (Bresenham) between two dots. `pattern` is (on, off) lengths in dots for
    /// dashed lines, nil for solid; `phase` carries the dash position along a polyline.
    mutating func line(from a: (Int, Int), to b: (Int, Int), series index: Int,
                       pattern: (on: Int, off: Int)? = nil, phase: inout Int) {
        var (x, y) = a
        let dx = abs(b.0 - x), dy = -abs(b.1 - y)
        let sx = x < b.0 ? 1 : -1, sy = y < b.1 ? 1 : -1
        var err = dx + dy
        // Lines far outside the canvas (huge values) are clipped by `set`; bound the work.
        var budget = 4 * (pixelWidth + pixelHeight) + dx - dy + 1
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
