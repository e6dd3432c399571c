// A response's text with each token coloured by a per-token value (logprob, entropy, advantage).
import Foundation

/// The text of a token sequence, each token coloured by its value, with a legend of the scale.
///
/// The metric picks the scale: `logprob` is hot where low (surprising tokens), `advantage`
/// and `reward` diverge around zero (red below, blue above), anything else (entropy, …) is
/// hot where high. With colour off the text stays plain and the hottest tenth of the tokens
/// is wrapped in `⟦…⟧` (for diverging metrics, the lowest tenth in `⟨…⟩`):
///
///     The·answer is ⟦ 17⟧.
///     ⟦…⟧ lowest 10% of logprob (≤ -2.3)
public struct TokenHeatMap: Sendable, Equatable {
    /// How values map to colours.
    public enum Scale: Sendable, Equatable {
        /// Pale → dark red; `highIsHot` false makes low values dark (logprob).
        case sequential(highIsHot: Bool)
        /// Red (negative) → white (zero) → blue (positive), symmetric around zero.
        case diverging
    }

    public private(set) var tokens: [String]
    public private(set) var values: [Double]
    public var metric: String
    public var scale: Scale

    /// - Throws: `TermError.lengthMismatch` when there is not one value per token.
    public init(tokens: [String], values: [Double], metric: String, scale: Scale? = nil) throws {
        guard tokens.count == values.count else {
            throw TermError.lengthMismatch(what: "heat map tokens and \(metric) values", first: tokens.count, second: values.count)
        }
        self.tokens = tokens; self.values = values; self.metric = metric
        self.scale = scale ?? Self.defaultScale(for: metric)
    }

    /// The scale a metric gets by default.
    public static func defaultScale(for metric: String) -> Scale {
        let m = metric.lowercased()
        if m.contains("advantage") || m.contains("reward") { return .diverging }
        if m.contains("logprob") || m.contains("log_prob") || m == "lp" { return .sequential(highIsHot: false) }
        return .sequential(highIsHot: true)
    }

    // MARK: - Heat

    /// Each value's position on the colour scale, in 0...1 (nil for non-finite values).
    public func positions() -> [Double?] {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return values.map { _ in nil } }
        return values.map { v -> Double? in
            guard v.isFinite else { return nil }
            switch scale {
            case .diverging:
                let m = max(abs(lo), abs(hi))
                return m == 0 ? 0.5 : 0.5 + v / (2 * m)
            case .sequential(let highIsHot):
                guard hi > lo else { return 0.5 }
                let t = (v - lo) / (hi - lo)
                return highIsHot ? t : 1 - t
            }
        }
    }

    /// Marks for colour-off output: +1 for the hot tenth, -1 for the cold tenth of a
    /// diverging scale, 0 otherwise; and the two thresholds in value units.
    func marks() -> (marks: [Int], high: Double?, low: Double?) {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), hi > lo else {
            return (values.map { _ in 0 }, nil, nil)
        }
        let k = max(1, Int((Double(finite.count) / 10).rounded(.up)))
        let ascending = finite.sorted()
        switch scale {
        case .sequential(let highIsHot):
            let cut = highIsHot ? ascending[ascending.count - k] : ascending[k - 1]
            let marks = values.map { v in v.isFinite && (highIsHot ? v >= cut : v <= cut) ? 1 : 0 }
            return (marks, highIsHot ? cut : nil, highIsHot ? nil : cut)
        case .diverging:
            let high = ascending[ascending.count - k], low = ascending[k - 1]
            let marks = values.map { v -> Int in
                guard v.isFinite else { return 0 }
                if v > 0 && v >= high { return 1 }
                if v < 0 && v <= low { return -1 }
                return 0
            }
            return (marks, high > 0 ? high : nil, low < 0 ? low : nil)
        }
    }

    // MARK: - Rendering

    /// The text wrapped at `width` columns on token boundaries, then a blank line and the legend.
    public func render(width: Int = 80, color: ColorMode = .off) -> String {
        let positions = positions()
        let (marks, high, low) = marks()
        let palette = scale == .diverging ? ColorScale.diverging : ColorScale.heat
        var lines: [String] = []
        var line = ""
        var used = 0
        for (i, token) in tokens.enumerated() {
            let pieces = Self.displayPieces(token)
            for (piece, breakAfter) in pieces {
                var shown = piece
                if color == .off {
                    if marks[i] == 1 { shown = "⟦" + shown + "⟧" }
                    if marks[i] == -1 { shown = "⟨" + shown + "⟩" }
                }
                let w = TextWidth.of(shown)
                if used > 0 && used + w > width { lines.append(line); line = ""; used = 0 }
                if color != .off, let t = positions[i] {
                    shown = ANSI.background(shown, palette.color(at: t), mode: color)
                }
                line += shown; used += w
                if breakAfter { lines.append(line); line = ""; used = 0 }
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        lines.append("")
        lines.append(legend(color: color, high: high, low: low, palette: palette))
        return lines.joined(separator: "\n") + "\n"
    }

    /// A token split at its newlines, each newline shown as `↵` ending its piece; tabs and
    /// control characters made visible, spaces kept.
    static func displayPieces(_ token: String) -> [(text: String, breakAfter: Bool)] {
        let parts = token.split(separator: "\n", omittingEmptySubsequences: false)
        return parts.enumerated().compactMap { i, part in
            let visible = part.split(separator: " ", omittingEmptySubsequences: false)
                .map { visibleToken(String($0)) }.joined(separator: " ")
            let last = i == parts.count - 1
            return last && visible.isEmpty ? nil : (last ? visible : visible + "↵", !last)
        }
    }

    func legend(color: ColorMode, high: Double?, low: Double?, palette: ColorScale) -> String {
        let f = { (x: Double) in NumberFormat.significant(x, digits: 3) }
        if color == .off {
            switch scale {
            case .sequential(let highIsHot):
                if highIsHot, let high { return "⟦…⟧ highest 10% of \(metric) (≥ \(f(high)))" }
                if !highIsHot, let low { return "⟦…⟧ lowest 10% of \(metric) (≤ \(f(low)))" }
                return "(\(metric) is constant: no marks)"
            case .diverging:
                var parts: [String] = []
                if let high { parts.append("⟦…⟧ highest 10% of \(metric) (≥ \(f(high)))") }
                if let low { parts.append("⟨…⟩ lowest 10% (≤ \(f(low)))") }
                return parts.isEmpty ? "(no marked \(metric) values)" : parts.joined(separator: "  ")
            }
        }
        let finite = values.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 0
        let cells = 16
        let gradient = (0..<cells).map { i in
            ANSI.background(" ", palette.color(at: (Double(i) + 0.5) / Double(cells)), mode: color)
        }.joined()
        switch scale {
        case .sequential(let highIsHot):
            let (cold, hot) = highIsHot ? (lo, hi) : (hi, lo)
            return "\(metric): \(f(cold)) \(gradient) \(f(hot))  (darker = \(highIsHot ? "higher" : "lower"))"
        case .diverging:
            let m = max(abs(lo), abs(hi))
            return "\(metric): \(f(-m)) \(gradient) \(f(m))  (red < 0 < blue)"
        }
    }
}
