// Saving and resuming an RL run. A checkpoint folder holds:
//   policy/                 the policy as an HF folder (f32, so reloading is exact)
//   reference/              the frozen reference (only with a KL)
//   optimizer.safetensors   AdamW moments (exp_avg.NAME, exp_avg_sq.NAME)
//   critic.safetensors      PPO value head and its optimiser state
//   rl_state.json           step, RNG, prompt cursor, optimiser step counts, config, history, prompts
//   manifest.json           size and FNV-1a hash of every other file (checked by `resume`)
// The folder is written atomically (a temporary sibling renamed into place). Resuming and
// running on gives bit-identical weights and statistics to a run that never stopped; the
// rollouts of earlier steps are not saved.
import Foundation
import OctoTensor
import OctoModel
import OctoTrain
import OctoData
import OctoBase

/// The JSON part of an RL checkpoint.
struct RLState: Codable {
    var format = "octorepl-rl/1"
    var algorithm: RLAlgorithm
    var config: RLConfig
    var step: Int
    var rng: RNG
    var cursor: PromptCursor
    var optimizerSteps: Int
    var criticOptimizerSteps: Int?
    var history: [RLStepStats]
    var prompts: [Problem]
}

extension RLRun {
    static let floatStrategy = (inf: "inf", negInf: "-inf", nan: "nan")

    /// Writes a checkpoint folder at `dir` (replacing it atomically).
    /// - Throws: `ModelFileError` / `RLError.ioFailed` when writing fails.
    public func save(_ dir: URL) throws {
        try FileManager.default.createDirectory(at: dir.deletingLastPathComponent(), withIntermediateDirectories: true)
        let state = RLState(algorithm: algorithm, config: config, step: step, rng: rng, cursor: cursor,
                            optimizerSteps: optimizer.stepCount, criticOptimizerSteps: criticOptimizer?.stepCount,
                            history: history, prompts: prompts)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let s = RLRun.floatStrategy
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: s.inf, negativeInfinity: s.negInf, nan: s.nan)
        let json = try enc.encode(state)
        AtomicFolder.recover(dir)
        try HFFolder.writeAtomically(to: dir) { tmp in
            try model.save(folder: tmp.appendingPathComponent("policy"))
            if let reference { try reference.save(folder: tmp.appendingPathComponent("reference")) }
            try RLRun.writeTensors(optimizer.stateTensors(), to: tmp.appendingPathComponent("optimizer.safetensors"))
            if let head = valueHead, let critic = criticOptimizer {
                try RLRun.writeTensors(head.params.all + critic.stateTensors().map { ("optim." + $0.0, $0.1) },
                                       to: tmp.appendingPathComponent("critic.safetensors"))
            }
            try json.write(to: tmp.appendingPathComponent("rl_state.json"))
            try CheckpointManifest.write(in: tmp)
        }
    }

    /// Reopens a checkpoint written by `save`. Pass the same `codec` and `judge` as the
    /// original run when it used custom ones (closures are not saved). Every file is checked
    /// against the manifest, every field range-checked and every tensor checked against the
    /// policy before anything is used.
    /// - Throws: `CheckpointError` naming the file and field, or the model loader's errors.
    public static func resume(_ dir: URL, codec: TextCodec? = nil, judge: AnswerJudge? = nil) throws -> RLRun {
        AtomicFolder.recover(dir)
        let stateURL = dir.appendingPathComponent("rl_state.json")
        guard let data = try? Data(contentsOf: stateURL) else {
            throw CheckpointError(file: stateURL.path, reason: "missing or unreadable")
        }
        try CheckpointManifest.verify(dir)
        let dec = JSONDecoder()
        let s = floatStrategy
        dec.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: s.inf, negativeInfinity: s.negInf, nan: s.nan)
        let state: RLState
        do { state = try dec.decode(RLState.self, from: data) } catch {
            throw CheckpointError(file: stateURL.path, reason: "\(error)")
        }
        try state.validate(file: stateURL)
        let policy = try DecoderModel.load(folder: dir.appendingPathComponent("policy"))
        let refDir = dir.appendingPathComponent("reference")
        let reference = FileManager.default.fileExists(atPath: refDir.path) ? try DecoderModel.load(folder: refDir) : nil
        if state.config.usesReference && reference == nil {
            throw CheckpointError(file: refDir.path, reason: "the run has kl = \(state.config.kl) but no reference model")
        }
        if let reference { try CheckpointCheck.sameConfig(reference, folder: dir.appendingPathComponent("policy")) }
        var head: ValueHead?
        var criticState: [String: Tensor] = [:]
        if state.algorithm == .ppo {
            let criticURL = dir.appendingPathComponent("critic.safetensors")
            let headParams = ParameterStore()
            let hidden = policy.config.hiddenSize
            var found: [String: Tensor] = [:]
            for info in try CheckpointCheck.tensorInfos(criticURL) where !info.name.hasPrefix("optim.") {
                let expected = info.name == "value_head.weight" ? [1, hidden] : info.name == "value_head.bias" ? [1] : nil
                guard let expected else { throw CheckpointError(file: criticURL.path, field: info.name, reason: "not a value-head tensor") }
                try CheckpointCheck.require(info.shape == expected && info.dtype == .f32, criticURL, info.name,
                                            "\(info.dtype) \(info.shape), expected F32 \(expected) for a policy of hidden size \(hidden)")
                found[info.name] = try CheckpointCheck.readTensor(criticURL, info)
            }
            for name in ["value_head.weight", "value_head.bias"] {
                if let t = found[name] { headParams.set(name, t) }
            }
            do { head = try ValueHead(params: headParams, hiddenSize: hidden) } catch {
                throw CheckpointError(file: criticURL.path, reason: "\(error)")
            }
            criticState = try CheckpointCheck.optimizerMoments(criticURL, params: headParams,
                                                               optimizerStep: state.criticOptimizerSteps ?? 0, prefix: "optim.")
        }
        let moments = try CheckpointCheck.optimizerMoments(dir.appendingPathComponent("optimizer.safetensors"),
                                                           params: policy.params, optimizerStep: state.optimizerSteps)
        let run: RLRun
        do {
            run = try RLRun(policy: policy, reference: reference, valueHead: head, prompts: state.prompts,
                            algorithm: state.algorithm, config: state.config, codec: codec, judge: judge)
        } catch let error as RLError {
            throw CheckpointError(file: stateURL.path, field: "config", reason: "\(error)")
        }
        guard run.rng == state.rng else {
            throw CheckpointError(file: stateURL.path, field: "rng", reason: "does not match seed \(state.config.seed)")
        }
        run.step = state.step
        run.cursor = state.cursor
        run.history = state.history
        run.optimizer.loadState(step: state.optimizerSteps, tensors: moments)
        if let critic = run.criticOptimizer { critic.loadState(step: state.criticOptimizerSteps ?? 0, tensors: criticState) }
        return run
    }

    static func writeTensors(_ tensors: [(String, Tensor)], to url: URL) throws {
        let entries = tensors.map { name, t in
            SafetensorsWriter.Entry(name: name, shape: t.shape) { body in
                let c = t.contiguous()
                try body(UnsafeBufferPointer(start: c.data, count: c.count))
            }
        }
        try SafetensorsWriter.write(entries: entries, to: url)
    }
}

extension RLState {
    /// Range-checks the fields that index or count things.
    /// - Throws: `CheckpointError` naming `file` and the field.
    func validate(file: URL) throws {
        func need(_ ok: Bool, _ field: String, _ why: @autoclosure () -> String) throws {
            try CheckpointCheck.require(ok, file, field, why())
        }
        try need(format == "octorepl-rl/1", "format", "\"\(format)\" is not supported (expected \"octorepl-rl/1\")")
        try need(step >= 0, "step", "\(step) is negative")
        try need(history.count == step, "history", "\(history.count) records for \(step) steps")
        try need(optimizerSteps >= 0, "optimizerSteps", "\(optimizerSteps) is negative")
        if algorithm == .ppo {
            try need((criticOptimizerSteps ?? -1) >= 0, "criticOptimizerSteps", "missing or negative for a PPO run")
        } else {
            try need(criticOptimizerSteps == nil, "criticOptimizerSteps", "present for a \(algorithm.rawValue) run")
        }
        try need(!prompts.isEmpty, "prompts", "empty")
        try need(cursor.epoch >= 0, "cursor.epoch", "\(cursor.epoch) is negative")
        try need(cursor.position >= 0 && cursor.position <= prompts.count, "cursor.position",
                 "\(cursor.position) is outside 0...\(prompts.count)")
    }
}
