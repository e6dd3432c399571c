// The recipe of an RL run: sizes, optimiser, clipping, KL, rewards, sampling. Defaults are the
// OctoThinker / verl GRPO recipe (batch 128 prompts × 16 rollouts, mini-batch 64, lr 1e-6,
// no KL, temperature 1) with verl's defaults where the study is silent.
import OctoEval
import OctoTrain

/// Which advantage estimator and loss defaults to use.
public enum RLAlgorithm: String, Codable, Sendable, CaseIterable {
    /// Group-normalised advantages, token-mean loss.
    case grpo
    /// Dr.GRPO: mean-centred advantages, seq-mean-token-sum-norm loss.
    case drgrpo
    /// PPO with a value head and GAE.
    case ppo
}

/// Reward values and shaping terms.
public struct RewardConfig: Codable, Equatable, Sendable {
    /// Correctness term for a right answer, a wrong one, and a response without an answer.
    public var correct: Double = 1
    public var wrong: Double = 0
    public var noAnswer: Double = 0
    /// When set, a truncated response (hit max_tokens) gets this correctness value instead.
    public var truncated: Double? = nil
    /// Added when the response contains a `\boxed{…}` (0: off).
    public var format: Double = 0
    /// Subtracted per response token as coef · length / max_tokens (0: off).
    public var lengthPenalty: Double = 0
    public init(correct: Double = 1, wrong: Double = 0, noAnswer: Double = 0, truncated: Double? = nil,
                format: Double = 0, lengthPenalty: Double = 0) {
        self.correct = correct; self.wrong = wrong; self.noAnswer = noAnswer; self.truncated = truncated
        self.format = format; self.lengthPenalty = lengthPenalty
    }
}

/// Everything that defines an RL run besides the model and the prompts.
public struct RLConfig: Codable, Equatable, Sendable {
    /// Prompts per step (verl data.train_batch_size).
    public var batch = 128
    /// Responses per prompt (rollout.n).
    public var group = 16
    /// Prompts per PPO mini-batch (actor.ppo_mini_batch_size): batch/minibatch updates per epoch.
    public var minibatch = 64
    /// Sequences per forward/backward chunk (memory only; the gradient is the same).
    public var microBatch = 16
    /// Passes over the rollout batch (actor.ppo_epochs).
    public var epochs = 1
    /// Peak learning rate and its schedule over `totalSteps` (0: constant).
    public var lr = 1e-6
    public var schedule: Schedule = .constant(warmup: 0)
    public var totalSteps = 0
    public var weightDecay = 0.01
    public var beta1 = 0.9
    public var beta2 = 0.999
    /// Global gradient-norm clip (actor.grad_clip; 0: off).
    public var gradClip = 1.0
    /// PPO clip range [1 − clipLow, 1 + clipHigh] and the dual-clip constant (nil: off).
    public var clipLow = 0.2
    public var clipHigh = 0.2
    public var dualClip: Double? = 3.0
    /// Loss aggregation; nil picks the algorithm's (token-mean; Dr.GRPO: seq-mean-token-sum-norm).
    public var lossAggregation: LossAggregation? = nil
    /// KL to the initial policy: coefficient (0: no reference model at all), estimator, and
    /// whether it is a reward penalty (use_kl_in_reward) or a loss term (use_kl_loss).
    public var kl = 0.0
    public var klEstimator: KLEstimator = .k3
    public var klInReward = false
    /// Entropy bonus coefficient (entropy_coeff).
    public var entropy = 0.0
    /// GRPO std epsilon.
    public var advantageEps = 1e-6
    /// PPO critic: GAE γ and λ, value clip, critic learning rate, batch whitening of advantages.
    public var gamma = 1.0
    public var lambda = 1.0
    public var valueClip = 0.5
    public var criticLR = 1e-5
    public var whitenAdvantages = true
    /// Sampling.
    public var temperature = 1.0
    public var topP = 1.0
    public var maxTokens = 256
    /// Generation also stops at the first of these strings (as evaluation does); nil: at EOS only.
    public var stopStrings: [String]? = nil
    /// Prompt text and grading.
    public var template: PromptTemplate = .r1zero
    public var gradingStyle: GradingStyle = .math
    public var reward = RewardConfig()
    /// Seed of every random stream of the run (prompt order, sampling).
    public var seed: UInt64 = 0
    /// How many recent steps keep their rollouts in memory.
    public var keepRollouts = 4
    /// Held-out evaluation every `evalEvery` steps (0: never), zero-shot and greedy, on these
    /// benchmarks (lab names such as "lab:gsm", or jsonl paths), `evalLimit` problems each.
    public var evalEvery = 0
    public var evalBenchmarks: [String] = []
    public var evalLimit = 32

    public init() {}

    /// The aggregation in effect for `algorithm`.
    public func aggregation(for algorithm: RLAlgorithm) -> LossAggregation {
        lossAggregation ?? (algorithm == .drgrpo ? .seqMeanTokenSumNorm : .tokenMean)
    }

    /// Whether a frozen reference model is needed.
    public var usesReference: Bool { kl != 0 }

    /// Checks ranges; the error names the field.
    public func validate() throws {
        func need(_ ok: Bool, _ field: String, _ why: String) throws {
            if !ok { throw RLError.invalidConfig(field: field, reason: why) }
        }
        try need(batch >= 1, "batch", "must be ≥ 1, got \(batch)")
        try need(group >= 1, "group", "must be ≥ 1, got \(group)")
        try need(minibatch >= 1 && minibatch <= batch, "minibatch", "must be in 1...batch (\(batch)), got \(minibatch)")
        try need(batch % minibatch == 0, "minibatch", "batch \(batch) must be a multiple of minibatch \(minibatch)")
        try need(microBatch >= 1, "micro_batch", "must be ≥ 1, got \(microBatch)")
        try need(epochs >= 1, "epochs", "must be ≥ 1, got \(epochs)")
        try need(lr >= 0 && lr.isFinite, "lr", "must be a finite number ≥ 0, got \(lr)")
        try need(maxTokens >= 1, "max_tokens", "must be ≥ 1, got \(maxTokens)")
        try need(temperature > 0, "temperature", "must be > 0 for RL (logprobs of the sampling policy), got \(temperature)")
        try need(topP > 0 && topP <= 1, "top_p", "must be in (0, 1], got \(topP)")
        try need(clipLow >= 0 && clipLow < 1, "clip_low", "must be in [0, 1), got \(clipLow)")
        try need(clipHigh >= 0, "clip_high", "must be ≥ 0, got \(clipHigh)")
        if let c = dualClip { try need(c > 1, "dual_clip", "must be > 1 (or nil), got \(c)") }
        try need(kl >= 0, "kl", "must be ≥ 0, got \(kl)")
        try need(gradClip >= 0, "grad_clip", "must be ≥ 0, got \(gradClip)")
        try need(keepRollouts >= 0, "keep_rollouts", "must be ≥ 0, got \(keepRollouts)")
        try need(totalSteps >= 0, "total_steps", "must be ≥ 0, got \(totalSteps)")
        try need(gamma >= 0 && gamma <= 1 && lambda >= 0 && lambda <= 1, "gamma/lambda", "must be in [0, 1]")
    }
}
