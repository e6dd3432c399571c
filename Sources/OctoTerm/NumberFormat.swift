// Number formatting shared by tables, plots and progress bars.
import Foundation

/// Compact, human-readable number formatting.
public enum NumberFormat {
    /// `x` with at most `digits` significant digits and no trailing zeros; scientific
    /// notation ("1e-3", "2.5e7") when |x| < 0.01 or |x| ≥ 1e6.
    ///
    ///     significant(2.3104) == "2.31"   significant(0.001) == "1e-3"
    public static func significant(_ x: Double, digits: Int = 4) -> String {
        let digits = max(1, digits)
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        let exponent = Int(floor(log10(abs(x))))
        if exponent < -2 || exponent >= 6 {
            var mantissa = x / pow(10, Double(exponent))
            var e = exponent
            var text = trimZeros(String(format: "%.*f", digits - 1, mantissa))
            if text.hasPrefix("10") || text.hasPrefix("-10") {  // 9.99… rounded up to 10
                e += 1; mantissa /= 10
                text = trimZeros(String(format: "%.*f", digits - 1, mantissa))
            }
            return "\(text)e\(e)"
        }
        let decimals = max(0, digits - 1 - exponent)
        let text = trimZeros(String(format: "%.*f", decimals, x))
        return text == "-0" ? "0" : text
    }

    /// `x` with exactly `decimals` digits after the point.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let text = String(format: "%.*f", max(0, decimals), x)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// Labels for the ticks of one axis, `step` apart: as many decimals as the step needs,
    /// and one k/M/G suffix for the whole axis when it reaches 10 000 (4000000 → "4M").
    public static func tickLabels(_ ticks: [Double], step: Double) -> [String] {
        let largest = ticks.map { abs($0) }.max() ?? 0
        let (scale, suffix): (Double, String) =
            largest >= 1e9 ? (1e9, "G") : largest >= 1e6 ? (1e6, "M") : largest >= 1e4 ? (1e3, "k") : (1, "")
        let decimals = decimalsFor(step: step / scale)
        return ticks.map { t in
            if suffix.isEmpty { return fixed(t, decimals: decimals) }
            return abs(t) < step / 2 ? "0" : fixed(t / scale, decimals: decimals) + suffix
        }
    }

    /// Seconds as "mm:ss", or "h:mm:ss" from one hour on.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int((seconds + 1e-6).rounded(.down))   // 7.9999999 s of float sums is 8 s
        let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60)
        let mmss = String(format: "%02d:%02d", m, s)
        return h > 0 ? "\(h):\(mmss)" : mmss
    }

    static func decimalsFor(step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        let e = floor(log10(step) + 1e-9)
        // A step of 2.5 needs one decimal more than its exponent says.
        let mantissa = step / pow(10, e)
        let extra = abs(mantissa - mantissa.rounded()) > 1e-6 ? 1 : 0
        return max(0, Int(-e) + extra)
    }

    static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }
}
