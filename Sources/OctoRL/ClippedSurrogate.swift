// PPO's clipped surrogate for one token, as verl's `compute_policy_loss` (vanilla):
//   ratio = exp(clamp(logπ − logπ_old, −20, 20))
//   ℓ1 = −A·ratio,  ℓ2 = −A·clip(ratio, 1 − ε_low, 1 + ε_high),  ℓ = max(ℓ1, ℓ2)
//   clipped ⇔ ℓ2 > ℓ1
//   dual clip (Ye et al. 2020) for A < 0: ℓ = min(ℓ, −A·c), "clipped lower" ⇔ ℓ > −A·c
// The derivative is taken with respect to logπ: −A·ratio where ℓ1 is the active branch and
// the ratio is inside the ±20 log clamp, 0 where a clip holds the loss constant.
import Foundation

/// The clipped-surrogate loss of one token and what it did.
public struct SurrogateTerm: Equatable, Sendable {
    /// The token's loss ℓ (to be aggregated).
    public var loss: Double
    /// dℓ / d logπ.
    public var gradient: Double
    /// π / π_old.
    public var ratio: Double
    /// The ε clip was active (ℓ2 > ℓ1).
    public var clipped: Bool
    /// The dual clip was active (A < 0 and ℓ capped at −A·c).
    public var clippedLower: Bool
}

/// The PPO clipped surrogate.
public enum ClippedSurrogate {
    /// The term for one token.
    /// - Parameters:
    ///   - clipLow, clipHigh: ε_low and ε_high (the ratio is clipped to [1 − ε_low, 1 + ε_high]).
    ///   - dualClip: c > 1 for the dual clip on negative advantages, nil for none.
    public static func term(logprob: Double, oldLogprob: Double, advantage a: Double,
                            clipLow: Double, clipHigh: Double, dualClip: Double? = nil) -> SurrogateTerm {
        let rawLog = logprob - oldLogprob
        let logRatio = min(max(rawLog, -20), 20)
        let ratio = Foundation.exp(logRatio)
        let l1 = -a * ratio
        let l2 = -a * min(max(ratio, 1 - clipLow), 1 + clipHigh)
        let clipped = l2 > l1
        var loss = max(l1, l2)
        var gradient = clipped || rawLog != logRatio ? 0 : -a * ratio
        var lower = false
        if let c = dualClip, a < 0 {
            let l3 = -a * c
            if loss > l3 { loss = l3; gradient = 0; lower = true }
        }
        return SurrogateTerm(loss: loss, gradient: gradient, ratio: ratio, clipped: clipped, clippedLower: lower)
    }
}
