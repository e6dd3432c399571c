// A training phase: a model, a data mixture, AdamW and an LR schedule over a token budget.
// Run whole or in parts (steps, tokens, fraction); Ctrl-C pauses with state kept; branches
// fork the weights and optimizer state into a new phase without disturbing this one.
import Foundation
import OctoTensor
import OctoModel
import OctoData
import OctoBase

/// Settings of a phase. Tokens are counted as trained target tokens (seqLen per sequence).
public struct PhaseConfig: Codable, Equatable, Sendable {
    public var name: String
    public var totalTokens: Int
    public var batchTokens: Int
    public var peakLR: Float
    public var schedule: Schedule
    public var clipNorm: Double
    public var weightDecay: Float
    public var beta1: Float
    public var beta2: Float
    /// Sequences per forward/backward (gradient accumulation splits a batch into these).
    public var microBatch: Int

    public init(name: String = "phase", totalTokens: Int, batchTokens: Int, peakLR: Float, schedule: Schedule = .constant(warmup: 0),
                clipNorm: Double = 1.0, weightDecay: Float = 0.1, beta1: Float = 0.9, beta2: Float = 0.95, microBatch: Int = 8) {
        self.name = name; self.totalTokens = totalTokens; self.batchTokens = batchTokens; self.peakLR = peakLR
        self.schedule = schedule; self.clipNorm = clipNorm; self.weightDecay = weightDecay
        self.beta1 = beta1; self.beta2 = beta2; self.microBatch = microBatch
    }
}

/// One optimizer step's record.
public struct PhaseStepRecord: Codable, Equatable, Sendable {
    public var step: Int
    public var loss: Double
    public var lr: Double
    public var gradNorm: Double
    public var tokensPerSecond: Double
    public var tokens: Int
}

/// Errors of phases and checkpoints.
public enum TrainError: Error, CustomStringConvertible {
    case invalidConfig(String)
    case checkpoint(path: String, reason: String)
    /// A step whose loss or gradient norm is NaN or ±Inf (the step was not applied).
    case nonFinite(step: Int, loss: Double, gradNorm: Double)

    public var description: String {
        switch self {
        case let .nonFinite(step, loss, norm):
            return "phase: step \(step) has loss \(loss) and gradient norm \(norm); stopped before applying it (weights, optimizer and data position are as after step \(step - 1))"
        case .invalidConfig(let s): return "phase: \(s)"
        case let .checkpoint(path, reason): return "checkpoint \(path): \(reason)"
        }
    }
}

/// A resumable training phase.
public final class Phase {
    public private(set) var config: PhaseConfig
    public let model: DecoderModel
    public let optimizer: AdamW
    public private(set) var data: Mixture
    public private(set) var step = 0
    public private(set) var history: [PhaseStepRecord] = []
    /// The phase this one branched from, and at which of its steps.
    public private(set) var parent: (name: String, step: Int)?

    public init(model: DecoderModel, data: Mixture, config: PhaseConfig) throws {
        try Phase.validate(config, seqLen: data.components.first?.sequences.seqLen ?? 0)
        let seqLen = data.components.first?.sequences.seqLen ?? 1
        // The weights exist already; gradients, AdamW moments and activations are still to come.
        let tokens = min(config.microBatch, max(1, config.batchTokens / seqLen)) * seqLen
        try MemoryBudget.check(model.config.memoryBytes(trainingTokens: tokens, seqLen: seqLen) - model.config.memoryBytes(),
                               for: "training this model on \(tokens) tokens per forward")
        self.model = model; self.data = data; self.config = config
        self.optimizer = AdamW(lr: config.peakLR, beta1: config.beta1, beta2: config.beta2, weightDecay: config.weightDecay)
    }

    /// Checks a config against the data's sequence length (as `init` and `resume` do).
    /// - Throws: `TrainError.invalidConfig` naming the setting.
    static func validate(_ config: PhaseConfig, seqLen: Int) throws {
        guard seqLen > 0 else { throw TrainError.invalidConfig("the data has no sequences") }
        guard config.batchTokens >= seqLen else {
            throw TrainError.invalidConfig("batch_tokens (\(config.batchTokens)) must be ≥ the sequence length (\(seqLen))")
        }
        guard config.totalTokens >= config.batchTokens else {
            throw TrainError.invalidConfig("tokens (\(config.totalTokens)) must be ≥ batch_tokens (\(config.batchTokens))")
        }
        guard config.peakLR > 0, config.peakLR.isFinite else { throw TrainError.invalidConfig("lr must be > 0") }
        guard config.microBatch >= 1 else { throw TrainError.invalidConfig("micro_batch must be ≥ 1") }
        guard config.clipNorm > 0 else { throw TrainError.invalidConfig("clip_norm must be > 0") }
        guard config.weightDecay >= 0, config.weightDecay.isFinite else { throw TrainError.invalidConfig("weight_decay must be ≥ 0") }
        guard config.beta1 >= 0, config.beta1 < 1, config.beta2 >= 0, config.beta2 < 1 else {
            throw TrainError.invalidConfig("betas must be in [0, 1)")
        }
    }

    init(model: DecoderModel, data: Mixture, config: PhaseConfig, optimizer: AdamW, step: Int,
         history: [PhaseStepRecord], parent: (String, Int)?) {
        self.model = model; self.data = data; self.config = config; self.optimizer = optimizer
        self.step = step; self.history = history; self.parent = parent
    }

    public var seqLen: Int { data.components.first?.sequences.seqLen ?? 1 }
    public var sequencesPerStep: Int { max(1, config.batchTokens / seqLen) }
    public var tokensPerStep: Int { sequencesPerStep * seqLen }
    public var totalSteps: Int { max(1, config.totalTokens / tokensPerStep) }
    public var tokensSeen: Int { step * tokensPerStep }
    public var isFinished: Bool { step >= totalSteps }

    /// The learning rate at `step` (0-based).
    public func lr(at step: Int) -> Double { Double(config.peakLR) * config.schedule.multiplier(step: step, total: totalSteps) }

    /// Runs up to `steps` more steps (or tokens, or a fraction of the whole phase; nothing
    /// given: to the end). Stops early, with state kept, when the reporter asks.
    /// Returns the number of steps run.
    @discardableResult
    public func run(steps: Int? = nil, tokens: Int? = nil, fraction: Double? = nil,
                    progress: ProgressReporter = SilentProgress()) throws -> Int {
        let target = step + (try plannedSteps(steps: steps, tokens: tokens, fraction: fraction))
        // The reported total is this call's target step, so a bar's ETA is the time the call takes.
        progress.begin(ProgressEvent(done: step, total: target, unit: "step", label: config.name))
        var ran = 0
        var interrupted = false
        while step < target {
            if !progress.shouldContinue { interrupted = true; break }
            let rec = try trainStep()
            ran += 1
            progress.update(ProgressEvent(done: step, total: target, unit: "step", label: config.name,
                                          stats: [("loss", rec.loss), ("lr", rec.lr), ("grad_norm", rec.gradNorm),
                                                  ("tok/s", rec.tokensPerSecond)]))
        }
        progress.end(ProgressEvent(done: step, total: target, unit: "step", label: config.name,
                                   stats: history.last.map { [("loss", $0.loss)] } ?? []), interrupted: interrupted)
        return ran
    }

    /// The steps `run(steps:tokens:fraction:)` would run from here (the smallest limit given,
    /// never past the end of the phase).
    public func plannedSteps(steps: Int? = nil, tokens: Int? = nil, fraction: Double? = nil) throws -> Int {
        var n = totalSteps - step
        if let s = steps { n = min(n, max(0, s)) }
        if let t = tokens { n = min(n, max(0, t / tokensPerStep)) }
        if let f = fraction {
            guard f > 0, f <= 1 else { throw TrainError.invalidConfig("fraction must be in (0, 1], got \(f)") }
            n = min(n, Int((Double(totalSteps) * f).rounded()))
        }
        return max(0, n)
    }

    /// One optimizer step: gradient accumulation over micro-batches, clipping, AdamW.
    func trainStep() throws -> PhaseStepRecord {
        let start = DispatchTime.now().uptimeNanoseconds
        let cursorBefore = data.cursor
        let samples = data.next(batch: sequencesPerStep)
        model.params.zeroGrad()
        var lossSum = 0.0
        let micro = config.microBatch
        var i = 0
        while i < samples.count {
            let chunk = samples[i..<min(i + micro, samples.count)]
            let ids = chunk.map { $0.tokens.map(Int.init) }
            let loss = try model.loss(ids)
            let share = Float(chunk.count) / Float(samples.count)
            lossSum += Double(loss.item) * Double(share)
            try loss.scaled(share).backward()
            i += micro
        }
        let norm = clipGradNorm(model.params, maxNorm: config.clipNorm)
        guard lossSum.isFinite, norm.isFinite else {
            // Stop where the NaN/Inf starts, with the phase as it was before this step.
            model.params.zeroGrad()
            try? data.restore(cursorBefore)
            throw TrainError.nonFinite(step: step, loss: lossSum, gradNorm: norm)
        }
        let lrNow = lr(at: step)
        try optimizer.step(model.params, lr: Float(lrNow))
        model.params.zeroGrad()
        let secs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rec = PhaseStepRecord(step: step, loss: lossSum, lr: lrNow, gradNorm: norm,
                                  tokensPerSecond: Double(tokensPerStep) / max(secs, 1e-9), tokens: tokensPerStep)
        history.append(rec)
        step += 1
        return rec
    }

    /// Mean next-token loss on held-out sequences (no gradients).
    public func evaluateLoss(_ sequences: PackedSequences, maxSequences: Int = 16) throws -> Double {
        let n = min(sequences.count, maxSequences)
        guard n > 0 else { return .nan }
        var total = 0.0
        for i in 0..<n {
            let ids = try sequences.sequence(i).map(Int.init)
            total += Double(try noGrad { try model.loss([ids]) }.item)
        }
        return total / Double(n)
    }

    /// A new phase starting from this phase's current weights and optimizer state (copied),
    /// on new data with its own budget and schedule. This phase is not changed.
    public func branch(name: String, data: Mixture, tokens: Int, schedule: Schedule, lr: Float? = nil,
                       batchTokens: Int? = nil) throws -> Phase {
        let copy = try DecoderModel(config: model.config, params: model.params.clone())
        copy.tokenizer = model.tokenizer
        var cfg = config
        cfg.name = name; cfg.totalTokens = tokens; cfg.schedule = schedule
        if let lr = lr { cfg.peakLR = lr }
        if let b = batchTokens { cfg.batchTokens = b }
        let opt = optimizer.clone()
        let p = Phase(model: copy, data: data, config: cfg, optimizer: opt, step: 0, history: [], parent: (config.name, step))
        guard cfg.totalTokens >= p.tokensPerStep else { throw TrainError.invalidConfig("branch tokens (\(tokens)) must be ≥ one batch (\(p.tokensPerStep))") }
        return p
    }

    /// Replaces the data (same sequence length) keeping everything else.
    func setData(_ d: Mixture) { data = d }
}
