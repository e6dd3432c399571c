// Axis ranges with round tick values (steps of 1, 2 or 5 times a power of ten).
import Foundation

/// An axis range widened to round numbers, with its ticks.
///
///     NiceScale(min: 0.13, max: 2.31, maxTicks: 6)   // 0…2.5, ticks 0, 0.5, 1, 1.5, 2, 2.5
public struct NiceScale: Sendable, Equatable {
    /// Lower end of the axis (a multiple of `step`, ≤ the data minimum).
    public var lower: Double
    /// Upper end of the axis (a multiple of `step`, ≥ the data maximum).
    public var upper: Double
    /// Distance between ticks: 1, 2 or 5 × 10^k.
    public var step: Double
    /// Tick values from `lower` to `upper`.
    public var ticks: [Double]

    /// - Parameters:
    ///   - min, max: the data range (swapped if reversed; widened if empty or not finite).
    ///   - maxTicks: most ticks wanted (at least 2).
    ///   - expand: widen the range to the enclosing ticks (true for axes), or keep it and
    ///     return only the ticks inside it.
    public init(min lo: Double, max hi: Double, maxTicks: Int = 6, expand: Bool = true) {
        var (a, b) = (Swift.min(lo, hi), Swift.max(lo, hi))
        if !a.isFinite || !b.isFinite { (a, b) = (0, 1) }
        if !(b - a).isFinite { (a, b) = (Swift.max(a, -1e300), Swift.min(b, 1e300)) }
        if a == b {
            let pad = a == 0 ? 1 : abs(a) * 0.5
            (a, b) = (a - pad, b + pad)
        }
        let wanted = Swift.max(2, maxTicks)
        var step = Self.niceStep(atLeast: (b - a) / Double(wanted - 1))
        while true {
            let first = expand ? floor(a / step + 1e-9) * step : ceil(a / step - 1e-9) * step
            let last = expand ? ceil(b / step - 1e-9) * step : floor(b / step + 1e-9) * step
            let count = Int(((last - first) / step).rounded()) + 1
            if count <= wanted || count <= 2 {
                lower = expand ? first : a
                upper = expand ? last : b
                self.step = step
                ticks = (0..<Swift.max(0, count)).map { i in
                    Self.exactMultiple(Int((first / step).rounded()) + i, of: step)
                }
                return
            }
            step = Self.niceStep(atLeast: step * 1.0001)
        }
    }

    /// `k × step` computed as an integer over a power of ten, so that 3 × 0.1 is 0.3 and
    /// not 0.30000000000000004.
    static func exactMultiple(_ k: Int, of step: Double) -> Double {
        let e = Int(floor(log10(step) + 1e-9))
        let mantissa = (step / pow(10, Double(e))).rounded()
        let units = Double(k) * mantissa
        return e < 0 ? units / pow(10, Double(-e)) : units * pow(10, Double(e))
    }

    /// The smallest of 1, 2, 5 × 10^k that is ≥ `rough`.
    public static func niceStep(atLeast rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, floor(log10(rough)))
        for m in [1.0, 2, 5, 10] where m * power >= rough * (1 - 1e-9) { return m * power }
        return 10 * power
    }

    /// Tick labels for this scale (shared decimals, k/M/G suffix for large values).
    public var labels: [String] { NumberFormat.tickLabels(ticks, step: step) }

    /// Position of `value` in 0...1 along the axis (outside when the value is).
    public func fraction(_ value: Double) -> Double {
        upper > lower ? (value - lower) / (upper - lower) : 0.5
    }
}
