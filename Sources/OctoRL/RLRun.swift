// An RL run: a policy (a copy of the given model), its prompts, the recipe, and the state
// that makes it resumable — step, optimiser, prompt cursor, history. `run(steps:)` samples,
// scores and updates, one step at a time (see RLStep.swift); Ctrl-C stops at the next step
// boundary (an interrupted sampling pass is discarded and redone on the next call).
import Foundation
import OctoTensor
import OctoModel
import OctoTrain
import OctoData
import OctoBase

/// A GRPO / Dr.GRPO / PPO run over a prompt set.
///
/// ```swift
/// var cfg = RLConfig(); cfg.batch = 8; cfg.group = 4; cfg.minibatch = 4; cfg.lr = 1e-4; cfg.maxTokens = 24
/// let rl = try RLRun(model: base, prompts: problems, algorithm: .grpo, config: cfg)
/// try rl.run(steps: 10)
/// rl.history.last?.dictionary["reward"]
/// ```
public final class RLRun {
    /// The policy being trained (a copy: the model passed to `init` is left as it was).
    public let model: DecoderModel
    /// The frozen initial policy (only when `config.kl` ≠ 0).
    public let reference: DecoderModel?
    /// The PPO critic head (PPO only).
    public let valueHead: ValueHead?
    public let prompts: [Problem]
    public let algorithm: RLAlgorithm
    public let config: RLConfig
    /// Text ↔ ids and stop tokens.
    public var codec: TextCodec
    /// Scores responses (the grader by default).
    public var rewardModel: RewardModel
    /// Completed steps.
    public internal(set) var step = 0
    /// One entry per completed step.
    public internal(set) var history: [RLStepStats] = []
    public internal(set) var cursor = PromptCursor()
    /// The root of every random stream of the run (never advanced: streams are split by name).
    public let rng: RNG
    let optimizer: AdamW
    let criticOptimizer: AdamW?
    var kept: [Int: RolloutBatch] = [:]

    /// A run on a copy of `model`.
    /// - Parameters:
    ///   - codec: text ↔ ids; default: the model's tokenizer (stop at its EOS).
    ///   - judge: answer and correctness of a response; default: the grader under `config.gradingStyle`.
    /// - Throws: `RLError` for a bad config, no prompts, or no tokenizer.
    public convenience init(model: DecoderModel, prompts: [Problem], algorithm: RLAlgorithm = .grpo,
                            config: RLConfig = RLConfig(), codec: TextCodec? = nil, judge: AnswerJudge? = nil) throws {
        let policy = try DecoderModel(config: model.config, params: model.params.clone())
        policy.tokenizer = model.tokenizer
        let reference = config.usesReference ? try DecoderModel(config: model.config, params: model.params.clone()) : nil
        let head = algorithm == .ppo ? ValueHead(hiddenSize: model.config.hiddenSize) : nil
        try self.init(policy: policy, reference: reference, valueHead: head, prompts: prompts, algorithm: algorithm,
                      config: config, codec: codec, judge: judge)
    }

    init(policy: DecoderModel, reference: DecoderModel?, valueHead: ValueHead?, prompts: [Problem],
         algorithm: RLAlgorithm, config: RLConfig, codec: TextCodec?, judge: AnswerJudge?) throws {
        try config.validate()
        guard !prompts.isEmpty else { throw RLError.invalidInput("no prompts") }
        self.model = policy
        self.reference = reference
        self.valueHead = valueHead
        self.prompts = prompts
        self.algorithm = algorithm
        self.config = config
        self.codec = try codec ?? TextCodec.of(policy)
        self.rewardModel = RewardModel(config: config.reward, maxTokens: config.maxTokens,
                                       judge: judge ?? RewardModel.graderJudge(style: config.gradingStyle))
        self.rng = RNG(seed: config.seed)
        self.optimizer = AdamW(lr: Float(config.lr), beta1: Float(config.beta1), beta2: Float(config.beta2), eps: 1e-8,
                               weightDecay: Float(config.weightDecay), skipDecay: AdamW.decayAll)
        self.criticOptimizer = valueHead == nil ? nil
            : AdamW(lr: Float(config.criticLR), beta1: Float(config.beta1), beta2: Float(config.beta2), eps: 1e-8,
                    weightDecay: Float(config.weightDecay), skipDecay: AdamW.decayAll)
    }

    /// Runs up to `steps` more steps, reporting each to `progress`; stops early (state kept)
    /// when `progress.shouldContinue` turns false. Returns the statistics of the steps done.
    @discardableResult
    public func run(steps: Int, progress: ProgressReporter = SilentProgress()) throws -> [RLStepStats] {
        let label = "\(algorithm.rawValue) rl"
        progress.begin(ProgressEvent(done: 0, total: steps, unit: "step", label: label))
        var done: [RLStepStats] = []
        var interrupted = false
        while done.count < steps {
            guard progress.shouldContinue, let stats = try runStep(progress: progress) else { interrupted = true; break }
            done.append(stats)
            let shown: [(String, Double)] = [("reward", stats.reward), ("acc", stats.accuracy),
                                             ("len", stats.responseLengthMean), ("len_max", stats.responseLengthMax),
                                             ("trunc", stats.truncated),
                                             ("entropy", stats.entropy), ("kl", stats.kl), ("clip", stats.clipFrac),
                                             ("loss", stats.policyLoss), ("gnorm", stats.gradNorm)]
            progress.update(ProgressEvent(done: done.count, total: steps, unit: "step", label: label, stats: shown,
                                          rate: nil))
        }
        progress.end(ProgressEvent(done: done.count, total: steps, unit: "step", label: label), interrupted: interrupted)
        return done
    }

    /// The rollouts of step `step` (1-based), if still kept (the last `config.keepRollouts` steps).
    public func rollouts(_ step: Int) -> RolloutBatch? { kept[step] }

    /// The steps whose rollouts are kept, ascending.
    public var keptSteps: [Int] { kept.keys.sorted() }

    /// Keeps `batch` and drops rollouts older than the last `keepRollouts` steps.
    func keep(_ batch: RolloutBatch) {
        guard config.keepRollouts > 0 else { return }
        kept[batch.step] = batch
        for s in kept.keys where s <= batch.step - config.keepRollouts { kept[s] = nil }
    }

    /// Learning rate at 0-based step `s`.
    func learningRate(at s: Int) -> Double {
        config.totalSteps > 0 ? config.lr * config.schedule.multiplier(step: s, total: config.totalSteps) : config.lr
    }
}

