// One sampled response with everything the loop and the user need: token ids, behaviour
// logprobs, entropies, the grade, each reward term, and the advantage.
import OctoModel

/// The reward of one response, term by term.
public struct RewardTerms: Codable, Equatable, Sendable {
    /// From the grader (correct / wrong / no answer / truncated values of RewardConfig).
    public var correctness: Double
    /// Format bonus (has `\boxed{}`).
    public var format: Double
    /// Length penalty (≤ 0).
    public var length: Double
    /// KL penalty summed over tokens when the KL is a reward term (≤ 0 on average).
    public var kl: Double
    /// The sum.
    public var total: Double { correctness + format + length + kl }

    public init(correctness: Double, format: Double = 0, length: Double = 0, kl: Double = 0) {
        self.correctness = correctness; self.format = format; self.length = length; self.kl = kl
    }
}

/// One response to one prompt, as sampled and scored.
public struct Rollout: Codable, Equatable, Sendable {
    /// The RL step that sampled it (1-based).
    public var step: Int
    /// Index of its problem in the run's prompt list, and its position in the group.
    public var problemIndex: Int
    public var sample: Int
    public var problemID: String
    /// The templated prompt text and its ids.
    public var prompt: String
    public var promptIds: [Int]
    /// Response token ids (a final EOS included when it stopped there).
    public var ids: [Int]
    /// log π_behaviour(token) at the sampling temperature, and the entropy of that distribution.
    public var logprobs: [Float]
    public var entropies: [Float]
    /// The decoded response.
    public var text: String
    /// Hit max_tokens without an EOS.
    public var truncated: Bool
    /// The extracted answer (nil: none found) and the gold answer.
    public var answer: String?
    public var gold: String
    public var correct: Bool
    public var rewards: RewardTerms
    /// The sequence advantage (GRPO, Dr.GRPO); PPO: the mean of `tokenAdvantages`.
    public var advantage: Double
    /// Per-token advantages (PPO/GAE only; empty otherwise).
    public var tokenAdvantages: [Double] = []
    /// log π_ref(token) when a reference model is used (else empty).
    public var refLogprobs: [Float] = []
    /// Critic values per token (PPO only).
    public var values: [Float] = []

    /// Number of response tokens.
    public var length: Int { ids.count }
    /// The total reward.
    public var reward: Double { rewards.total }
}
