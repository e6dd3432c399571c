// The statistics of one RL step — what the study plots (reward, accuracy, response length,
// share truncated, entropy, KL, clip fraction) plus loss, gradient norm and throughput.
import Foundation

/// One step's statistics. `dictionary` gives the plotting keys.
public struct RLStepStats: Codable, Equatable, Sendable {
    public var step: Int
    /// Mean total reward and share of correct responses.
    public var reward: Double
    public var accuracy: Double
    /// Response length in tokens (EOS included): mean, max, 90th percentile (nearest rank).
    public var responseLengthMean: Double
    public var responseLengthMax: Double
    public var responseLengthP90: Double
    /// Share of responses that hit max_tokens.
    public var truncated: Double
    /// Token-mean entropy (nats) of the sampling distribution.
    public var entropy: Double
    /// Token-mean KL estimate of the behaviour policy to the reference (0 without one).
    public var kl: Double
    /// Share of trained tokens whose ratio was clipped (over all updates of the step).
    public var clipFrac: Double
    /// Mean over updates of the aggregated clipped-surrogate loss, and of the gradient norm
    /// before clipping.
    public var policyLoss: Double
    public var gradNorm: Double
    /// Generated tokens per second of sampling; trained (prompt + response) tokens per second
    /// of the update passes.
    public var genTokensPerS: Double
    public var trainTokensPerS: Double

    /// Learning rate used; KL loss term; critic loss (PPO); approximate KL old → new policy.
    public var lr: Double = 0
    public var klLoss: Double = 0
    public var valueLoss: Double = 0
    public var ppoKL: Double = 0
    /// Share of tokens under the dual clip.
    public var clipFracLower: Double = 0
    /// Mean format term; share without an extracted answer; share of groups with equal rewards.
    public var formatReward: Double = 0
    public var noAnswer: Double = 0
    public var degenerateGroups: Double = 0
    /// Wall-clock seconds: sampling, reference forward, critic values, training.
    /// Held-out accuracy by benchmark, on steps where the run evaluated (see RLConfig.evalEvery).
    public var evaluation: [String: Double]? = nil
    public var genSeconds: Double = 0
    public var refSeconds: Double = 0
    public var valueSeconds: Double = 0
    public var trainSeconds: Double = 0

    /// The plotting keys, exactly: step, reward, accuracy, response_length_mean,
    /// response_length_max, response_length_p90, truncated, entropy, kl, clip_frac,
    /// policy_loss, grad_norm, gen_tokens_per_s, train_tokens_per_s.
    public var dictionary: [String: Double] {
        Dictionary(uniqueKeysWithValues: RLStepStats.keys.map { ($0, value(RLStepStats.keyPaths[$0] ?? \.reward)) })
    }

    /// Every statistic, the plotting keys plus lr, kl_loss, value_loss, ppo_kl,
    /// clip_frac_lower, format_reward, no_answer, degenerate_groups and the *_seconds timings.
    public var allStatistics: [String: Double] {
        var d = dictionary
        for (k, p) in RLStepStats.extraKeyPaths { d[k] = self[keyPath: p] }
        for (name, acc) in evaluation ?? [:] { d["eval/" + name] = acc }
        return d
    }

    func value(_ p: KeyPath<RLStepStats, Double>) -> Double { self[keyPath: p] }

    /// The plotting keys in display order.
    public static let keys = ["step", "reward", "accuracy", "response_length_mean", "response_length_max",
                              "response_length_p90", "truncated", "entropy", "kl", "clip_frac", "policy_loss",
                              "grad_norm", "gen_tokens_per_s", "train_tokens_per_s"]

    static let keyPaths: [String: KeyPath<RLStepStats, Double>] = [
        "step": \.stepValue, "reward": \.reward, "accuracy": \.accuracy,
        "response_length_mean": \.responseLengthMean, "response_length_max": \.responseLengthMax,
        "response_length_p90": \.responseLengthP90, "truncated": \.truncated, "entropy": \.entropy, "kl": \.kl,
        "clip_frac": \.clipFrac, "policy_loss": \.policyLoss, "grad_norm": \.gradNorm,
        "gen_tokens_per_s": \.genTokensPerS, "train_tokens_per_s": \.trainTokensPerS,
    ]

    static let extraKeyPaths: [(String, KeyPath<RLStepStats, Double>)] = [
        ("lr", \.lr), ("kl_loss", \.klLoss), ("value_loss", \.valueLoss), ("ppo_kl", \.ppoKL),
        ("clip_frac_lower", \.clipFracLower), ("format_reward", \.formatReward), ("no_answer", \.noAnswer),
        ("degenerate_groups", \.degenerateGroups), ("gen_seconds", \.genSeconds), ("ref_seconds", \.refSeconds),
        ("value_seconds", \.valueSeconds), ("train_seconds", \.trainSeconds),
    ]

    var stepValue: Double { Double(step) }

    /// The same statistics with every timing field zeroed (for comparing runs bit for bit).
    public var withoutTimings: RLStepStats {
        var s = self
        s.genTokensPerS = 0; s.trainTokensPerS = 0
        s.genSeconds = 0; s.refSeconds = 0; s.valueSeconds = 0; s.trainSeconds = 0
        return s
    }

    /// The 90th percentile by nearest rank: sorted[ceil(0.9·n) − 1] (0 for no values).
    public static func p90(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        let s = x.sorted()
        let rank = Int((0.9 * Double(s.count)).rounded(.up))
        return s[max(0, min(s.count - 1, rank - 1))]
    }
}
