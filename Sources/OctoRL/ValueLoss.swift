// The critic's clipped value loss for one token, as verl's `compute_value_loss`:
//   v_clip = clip(v, v_old − c, v_old + c)
//   ℓ = ½ · max((v − R)², (v_clip − R)²)
// with its derivative in v (0 where the clipped branch is active and v is outside the band).

/// The clipped value loss of one token.
public enum ValueLoss {
    /// (ℓ, dℓ/dv, whether the clipped branch was chosen).
    public static func term(value v: Double, oldValue: Double, target r: Double, clip c: Double)
        -> (loss: Double, gradient: Double, clipped: Bool) {
        let vc = min(max(v, oldValue - c), oldValue + c)
        let l1 = (v - r) * (v - r), l2 = (vc - r) * (vc - r)
        if l2 > l1 { return (0.5 * l2, vc == v ? (v - r) : 0, true) }
        return (0.5 * l1, v - r, false)
    }
}
