// One sampled response with everything the loop and the user need: the engine's Sample (token
// ids, behaviour logprobs, entropies, text), the grade, each reward term, and the advantage.
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

/// One response to one prompt, as sampled and scored: the engine's `Sample` (ids, behaviour
/// logprobs, entropies, stop reason, text) and what RL adds to it — where it came from, the
/// grade, the reward terms and the advantages.
public struct Rollout: Codable, Equatable, Sendable {
    /// The RL step that sampled it (1-based).
    public var step: Int
    /// Index of its problem in the run's prompt list, and its position in the group.
    public var problemIndex: Int
    public var sampleIndex: Int
    public var problemID: String
    /// The templated prompt text.
    public var prompt: String
    /// The response as `generate` returned it: prompt ids, response ids (a final EOS included
    /// when it stopped there), log π_behaviour(token) at the sampling temperature and the
    /// entropy of that distribution, the stop reason and the decoded text.
    public var sample: Sample
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

    /// The prompt's token ids.
    public var promptIds: [Int] { sample.promptIds }
    /// Response token ids.
    public var ids: [Int] { sample.ids }
    /// log π_behaviour(token) at the sampling temperature.
    public var logprobs: [Float] { sample.logprobs }
    /// Entropy of the sampling distribution at each token.
    public var entropies: [Float] { sample.entropies }
    /// The decoded response.
    public var text: String { sample.text }
    /// Hit max_tokens without an EOS.
    public var truncated: Bool { sample.truncated }
    /// Number of response tokens.
    public var length: Int { sample.ids.count }
    /// The total reward.
    public var reward: Double { rewards.total }
}
