// Arrays printed the way numpy and PyTorch print them: nested brackets, one row per line,
// every number in one format and width, and big arrays elided (first and last items of each
// long axis around "...") so a [64, 256] tensor is a screenful, never a wall of text.

import Foundation

/// numpy-style text for an n-dimensional array of floats.
public enum ArrayFormat {
    /// Arrays with more elements than this are elided (numpy's threshold).
    public static let threshold = 1000
    /// Items kept at each end of an elided axis (numpy's edgeitems).
    public static let edgeItems = 3

    /// `name([[1., 2.], [3., 4.]])`, rows on their own lines, fitting `width` columns (long
    /// rows keep fewer items at their ends; the shape is appended when anything is elided).
    /// `values` are row-major; a shape whose product differs from the count is shown as such.
    public static func render(_ values: [Float], shape: [Int], name: String = "tensor", width: Int = 80) -> String {
        let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: max(0, $1)).partialValue }
        guard count == values.count, shape.allSatisfy({ $0 >= 0 }) else {
            return "\(name)(<\(values.count) values for shape \(shape)>)"
        }
        if shape.isEmpty { return "\(name)(\(format(values, [0]).first ?? ""))" }
        let last = shape[shape.count - 1]
        // Big arrays: every long axis elided. Then, while the widest line is too wide, the
        // last axis keeps fewer items at its ends (small arrays too).
        let edge: Int? = count > threshold ? edgeItems : nil
        var lastEdge = edge
        while true {
            let text = body(values, shape: shape, indent: name.count + 1, edge: edge, lastEdge: lastEdge)
            let elided = edge.map { e in shape.contains { $0 > 2 * e } } ?? false || lastEdge.map { last > 2 * $0 } ?? false
            let full = "\(name)(\(text)\(elided ? ", shape=\(shape)" : ""))"
            let widest = full.split(separator: "\n").map { TextWidth.of(String($0)) }.max() ?? 0
            let fewer = min((lastEdge ?? edgeItems + 1) - 1, (last - 1) / 2)
            if widest <= width || fewer < 1 { return full }
            lastEdge = fewer
        }
    }

    /// The bracketed text; an axis longer than 2 × its edge shows its ends around "..."
    /// (`lastEdge` for the last axis, `edge` for the others; nil: all items).
    static func body(_ values: [Float], shape: [Int], indent: Int, edge: Int?, lastEdge: Int?) -> String {
        let rank = shape.count
        var strides = [Int](repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * shape[d + 1] }
        func kept(_ d: Int) -> [Int?] {
            let n = shape[d]
            guard let edge = d == rank - 1 ? lastEdge : edge, n > 2 * edge else { return (0..<n).map { $0 } }
            return Array(0..<edge) + [nil] + Array((n - edge)..<n)
        }
        // Every shown number in one format, so columns line up.
        var shownOffsets: [Int] = []
        func collect(_ d: Int, _ offset: Int) {
            if d == rank { shownOffsets.append(offset); return }
            for i in kept(d) { if let i { collect(d + 1, offset + i * strides[d]) } }
        }
        collect(0, 0)
        let texts = format(values, shownOffsets)
        let cell = texts.map { TextWidth.of($0) }.max() ?? 1
        var next = 0
        func build(_ d: Int, _ offset: Int) -> String {
            if d == rank - 1 {
                let items = kept(d).map { i -> String in
                    guard i != nil else { return "..." }
                    defer { next += 1 }
                    return TextWidth.pad(texts[next], to: cell, alignment: .right)
                }
                return "[" + items.joined(separator: ", ") + "]"
            }
            let separator = ",\n" + String(repeating: "\n", count: rank - d - 2) + String(repeating: " ", count: indent + d + 1)
            let parts = kept(d).map { i -> String in i.map { build(d + 1, offset + $0 * strides[d]) } ?? "..." }
            return "[" + parts.joined(separator: separator) + "]"
        }
        return build(0, 0)
    }

    /// The values at `offsets` as text in one shared style: `3.` when all are whole numbers,
    /// fixed with up to 4 decimals, or scientific when magnitudes span more than 10³.
    static func format(_ values: [Float], _ offsets: [Int]) -> [String] {
        let shown = offsets.map { Double(values[$0]) }
        let finite = shown.filter { $0.isFinite }
        let magnitudes = finite.map(abs).filter { $0 > 0 }
        let largest = magnitudes.max() ?? 0, smallest = magnitudes.min() ?? 0
        func special(_ x: Double) -> String? { x.isNaN ? "nan" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : nil }
        if finite.allSatisfy({ $0 == $0.rounded() }) && largest < 1e8 {
            return shown.map { special($0) ?? String(format: "%.0f.", $0 == 0 ? 0 : $0) }
        }
        if largest >= 1e8 || smallest < 1e-4 || largest / max(smallest, .leastNonzeroMagnitude) > 1e3 {
            return shown.map { special($0) ?? String(format: "%.4e", $0) }
        }
        // Fewest decimals (one to four) that show every value as it rounds to four.
        var decimals = 1
        for x in finite {
            let rounded = (x * 1e4).rounded() / 1e4
            var d = decimals
            while d < 4 && abs((rounded * pow10(d)).rounded() / pow10(d) - rounded) > 1e-9 * max(1, abs(rounded)) { d += 1 }
            decimals = d
        }
        return shown.map { special($0) ?? String(format: "%.\(decimals)f", $0) }
    }

    private static func pow10(_ d: Int) -> Double { [1, 10, 100, 1000, 10000][min(4, max(0, d))] }
}
