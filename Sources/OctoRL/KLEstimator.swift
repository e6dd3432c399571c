// Per-token estimators of KL(π_θ ‖ π_ref) from the log-probabilities of the sampled token
// (Schulman, "Approximating KL divergence", 2020), with verl's names and clamps
// (`kl_penalty` in verl/trainer/ppo/core_algos.py):
//   k1 ("kl"):          log π − log π_ref
//   k2 ("mse"):         ½ (log π − log π_ref)²
//   k3 ("low_var_kl"):  x = log π_ref − log π clamped to ±20; e^x − x − 1, clamped to ±10
import Foundation

/// Which KL estimator to use.
public enum KLEstimator: String, Codable, Sendable, CaseIterable {
    case k1, k2, k3

    /// verl's name for it (`kl_loss_type` / `kl_penalty`).
    public var verlName: String {
        switch self {
        case .k1: return "kl"
        case .k2: return "mse"
        case .k3: return "low_var_kl"
        }
    }

    /// Parses "k1"/"kl", "k2"/"mse", "k3"/"low_var_kl".
    public init?(name: String) {
        switch name.lowercased() {
        case "k1", "kl": self = .k1
        case "k2", "mse": self = .k2
        case "k3", "low_var_kl", "lowvarkl": self = .k3
        default: return nil
        }
    }

    /// The estimate for one token.
    public func value(logprob: Double, refLogprob: Double) -> Double { valueAndGradient(logprob: logprob, refLogprob: refLogprob).value }

    /// The estimate and its derivative with respect to `logprob` (0 where a clamp is active).
    public func valueAndGradient(logprob: Double, refLogprob: Double) -> (value: Double, gradient: Double) {
        switch self {
        case .k1:
            return (logprob - refLogprob, 1)
        case .k2:
            let d = logprob - refLogprob
            return (0.5 * d * d, d)
        case .k3:
            let raw = refLogprob - logprob
            let x = min(max(raw, -20), 20)
            let ratio = Foundation.exp(x)
            let kld = ratio - x - 1
            let clamped = min(max(kld, -10), 10)
            let inRange = raw == x && kld == clamped
            return (clamped, inRange ? 1 - ratio : 0)
        }
    }
}
