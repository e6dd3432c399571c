// A small SVG writer: shapes and text with escaping, a header, and an atomic save.
import Foundation

/// Builds a self-contained SVG document element by element.
struct SVGDocument {
    let width: Int
    let height: Int
    private(set) var elements: [String] = []

    init(width: Int, height: Int) { self.width = max(50, width); self.height = max(50, height) }

    /// Escapes the five XML special characters and drops characters XML 1.0 forbids.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF)
                    || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
                if allowed { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A coordinate with at most two decimals.
    static func n(_ x: Double) -> String { NumberFormat.trimZeros(String(format: "%.2f", x.isFinite ? x : 0)) }

    mutating func raw(_ element: String) { elements.append(element) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class cls: String,
                       stroke: String = "#333333", width: Double = 1, dash: String? = nil) {
        let d = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        raw("<line class=\"\(cls)\" x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(d)/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, class cls: String,
                       fill: String, stroke: String? = nil, opacity: Double? = nil) {
        let s = stroke.map { " stroke=\"\($0)\"" } ?? ""
        let o = opacity.map { " fill-opacity=\"\(Self.n($0))\"" } ?? ""
        raw("<rect class=\"\(cls)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, w)))\" height=\"\(Self.n(max(0, h)))\" fill=\"\(fill)\"\(s)\(o)/>")
    }

    mutating func text(_ string: String, x: Double, y: Double, class cls: String, anchor: String = "middle",
                       size: Double = 12, weight: String? = nil, rotate: Double? = nil) {
        let w = weight.map { " font-weight=\"\($0)\"" } ?? ""
        let r = rotate.map { " transform=\"rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))\"" } ?? ""
        raw("<text class=\"\(cls)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(Self.n(size))\"\(w)\(r)>\(Self.escape(string))</text>")
    }

    mutating func polyline(_ points: [(Double, Double)], class cls: String, stroke: String, series: String) {
        let p = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        raw("<polyline class=\"\(cls)\" data-series=\"\(Self.escape(series))\" points=\"\(p)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
    }

    /// The finished document: XML declaration, `<svg>` with viewBox, a `<title>`, white background.
    func render(title: String?) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        if let title { out += "<title>\(Self.escape(title))</title>\n" }
        out += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        for e in elements { out += e + "\n" }
        return out + "</svg>\n"
    }

    /// Writes `text` to `path` atomically (a temporary file renamed into place).
    /// - Throws: `TermError.writeFailed` naming the path.
    static func save(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw TermError.writeFailed(path: path, reason: error.localizedDescription)
        }
    }
}
