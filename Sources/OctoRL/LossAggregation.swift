// How per-token losses of a mini-batch become one number (verl's `loss_agg_mode`, agg_loss):
//   token-mean               Σ_i Σ_t ℓ_it / Σ_i |o_i|             (DAPO; verl's default)
//   seq-mean-token-mean      (1/B) Σ_i (1/|o_i|) Σ_t ℓ_it         (original GRPO)
//   seq-mean-token-sum       (1/B) Σ_i Σ_t ℓ_it
//   seq-mean-token-sum-norm  (1/B) Σ_i Σ_t ℓ_it / L              (Dr.GRPO, L = max_tokens, a constant)
// Every mode is linear in ℓ, so it is a weight per token; the loop uses the weights both for
// the value and the gradient. Here the mean is over the whole mini-batch (verl computes it
// per micro-batch and scales by the accumulation count; equal when micro = mini).

/// A loss aggregation mode.
public enum LossAggregation: String, Codable, Sendable, CaseIterable {
    case tokenMean = "token-mean"
    case seqMeanTokenMean = "seq-mean-token-mean"
    case seqMeanTokenSum = "seq-mean-token-sum"
    case seqMeanTokenSumNorm = "seq-mean-token-sum-norm"

    /// The weight of each token of each sequence, for sequences of `lengths` tokens
    /// (`normLength` is L of seq-mean-token-sum-norm).
    public func tokenWeights(lengths: [Int], normLength: Int) -> [Double] {
        let b = Double(max(lengths.count, 1))
        switch self {
        case .tokenMean:
            let total = Double(max(lengths.reduce(0, +), 1))
            return lengths.map { _ in 1 / total }
        case .seqMeanTokenMean: return lengths.map { 1 / (b * Double(max($0, 1))) }
        case .seqMeanTokenSum: return lengths.map { _ in 1 / b }
        case .seqMeanTokenSumNorm: return lengths.map { _ in 1 / (b * Double(max(normLength, 1))) }
        }
    }

    /// The aggregate of per-token values `x` (one array per sequence).
    public func aggregate(_ x: [[Double]], normLength: Int) -> Double {
        let w = tokenWeights(lengths: x.map(\.count), normLength: normLength)
        return zip(x, w).reduce(0) { $0 + $1.0.reduce(0, +) * $1.1 }
    }
}
