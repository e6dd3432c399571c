// Generalised advantage estimation (Schulman et al. 2016) over one response's tokens, and the
// batch whitening verl applies afterwards. Port of verl's `compute_gae_advantage_return`:
//   δ_t = r_t + γ·V_{t+1} − V_t  (V after the last token is 0)
//   A_t = δ_t + γλ·A_{t+1},  returns_t = A_t + V_t
// then advantages are whitened over all response tokens of the batch (`masked_whiten`:
// (A − mean)/sqrt(var + 1e-8), var unbiased).

/// GAE advantages and returns.
public enum GAE {
    /// Advantages and returns for one response of per-token `rewards` and `values` (same length).
    public static func compute(rewards: [Double], values: [Double], gamma: Double, lambda: Double)
        -> (advantages: [Double], returns: [Double]) {
        let n = min(rewards.count, values.count)
        var adv = [Double](repeating: 0, count: n)
        var last = 0.0
        for t in stride(from: n - 1, through: 0, by: -1) {
            let next = t + 1 < n ? values[t + 1] : 0
            let delta = rewards[t] + gamma * next - values[t]
            last = delta + gamma * lambda * last
            adv[t] = last
        }
        return (adv, zip(adv, values).map { $0 + $1 })
    }

    /// Whitens all values of all sequences together: (x − mean) / sqrt(var + 1e-8), with the
    /// unbiased variance (verl's `masked_whiten`, shift_mean = true).
    public static func whiten(_ x: [[Double]]) -> [[Double]] {
        let flat = x.flatMap { $0 }
        let n = Double(flat.count)
        guard n > 1 else { return x }
        let mean = flat.reduce(0, +) / n
        let variance = flat.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let inv = 1 / (variance + 1e-8).squareRoot()
        return x.map { $0.map { ($0 - mean) * inv } }
    }
}
