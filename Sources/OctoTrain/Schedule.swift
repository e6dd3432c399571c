// Learning-rate schedules as multipliers of the peak rate over a phase of `total` steps:
// constant, linear, cosine, and warmup-stable-decay (WSD) with linear / cosine / 1-sqrt decay.
import Foundation

/// The shape of a decay.
public enum DecayShape: String, Codable, Sendable, CaseIterable { case linear, cosine, sqrt = "1-sqrt" }

/// A learning-rate schedule. `multiplier(step:total:)` is in [0, 1] times the peak lr
/// (`floor` is the final fraction of the peak reached at the end of a decay).
public enum Schedule: Codable, Equatable, Sendable {
    case constant(warmup: Double)
    case linear(warmup: Double, floor: Double)
    case cosine(warmup: Double, floor: Double)
    /// Warmup over the first `warmup` fraction, stable, then decay over the last `decay` fraction.
    case wsd(warmup: Double, decay: Double, shape: DecayShape, floor: Double)

    /// The lr multiplier at 0-based `step` of a phase of `total` steps.
    public func multiplier(step: Int, total: Int) -> Double {
        let n = Double(max(total, 1))
        let s = Double(step)
        func warm(_ w: Double) -> Double? {
            let ws = (w * n).rounded()
            return ws > 0 && s < ws ? (s + 1) / ws : nil
        }
        func decayValue(_ progress: Double, _ shape: DecayShape, _ floor: Double) -> Double {
            let p = min(max(progress, 0), 1)
            let f: Double
            switch shape {
            case .linear: f = 1 - p
            case .cosine: f = 0.5 * (1 + cos(Double.pi * p))
            case .sqrt: f = 1 - p.squareRoot()
            }
            return floor + (1 - floor) * f
        }
        switch self {
        case .constant(let w):
            return warm(w) ?? 1
        case let .linear(w, floor):
            if let x = warm(w) { return x }
            let ws = (w * n).rounded()
            return decayValue((s - ws) / max(n - ws - 1, 1), .linear, floor)
        case let .cosine(w, floor):
            if let x = warm(w) { return x }
            let ws = (w * n).rounded()
            return decayValue((s - ws) / max(n - ws - 1, 1), .cosine, floor)
        case let .wsd(w, d, shape, floor):
            if let x = warm(w) { return x }
            let decaySteps = (d * n).rounded()
            let decayStart = n - decaySteps
            if s < decayStart || decaySteps <= 0 { return 1 }
            return decayValue((s - decayStart + 1) / decaySteps, shape, floor)
        }
    }

    /// A one-line description ("wsd(warmup=0.02, decay=0.1, shape=linear)").
    public var summary: String {
        switch self {
        case .constant(let w): return "constant(warmup=\(w))"
        case let .linear(w, f): return "linear(warmup=\(w), to=\(f))"
        case let .cosine(w, f): return "cosine(warmup=\(w), to=\(f))"
        case let .wsd(w, d, s, f): return "wsd(warmup=\(w), decay=\(d), shape=\(s.rawValue), to=\(f))"
        }
    }
}
