// Saving and resuming an RL run. A checkpoint folder holds:
//   policy/                 the policy as an HF folder (f32, so reloading is exact)
//   reference/              the frozen reference (only with a KL)
//   optimizer.safetensors   AdamW moments (exp_avg.NAME, exp_avg_sq.NAME)
//   critic.safetensors      PPO value head and its optimiser state
//   rl_state.json           step, RNG, prompt cursor, optimiser step counts, config, history, prompts
// The folder is written atomically (a temporary sibling renamed into place). Resuming and
// running on gives bit-identical weights and statistics to a run that never stopped; the
// rollouts of earlier steps are not saved.
import Foundation
import OctoTensor
import OctoModel
import OctoTrain
import OctoData

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
        try HFFolder.writeAtomically(to: dir) { tmp in
            try model.save(folder: tmp.appendingPathComponent("policy"))
            if let reference { try reference.save(folder: tmp.appendingPathComponent("reference")) }
            try RLRun.writeTensors(optimizer.stateTensors(), to: tmp.appendingPathComponent("optimizer.safetensors"))
            if let head = valueHead, let critic = criticOptimizer {
                try RLRun.writeTensors(head.params.all + critic.stateTensors().map { ("optim." + $0.0, $0.1) },
                                       to: tmp.appendingPathComponent("critic.safetensors"))
            }
            try json.write(to: tmp.appendingPathComponent("rl_state.json"))
        }
    }

    /// Reopens a checkpoint written by `save`. Pass the same `codec` and `judge` as the
    /// original run when it used custom ones (closures are not saved).
    /// - Throws: `RLError.badCheckpoint` naming the file, or the model loader's errors.
    public static func resume(_ dir: URL, codec: TextCodec? = nil, judge: AnswerJudge? = nil) throws -> RLRun {
        let stateURL = dir.appendingPathComponent("rl_state.json")
        guard let data = try? Data(contentsOf: stateURL) else {
            throw RLError.badCheckpoint(file: stateURL.path, reason: "missing or unreadable")
        }
        let dec = JSONDecoder()
        let s = floatStrategy
        dec.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: s.inf, negativeInfinity: s.negInf, nan: s.nan)
        let state: RLState
        do { state = try dec.decode(RLState.self, from: data) } catch {
            throw RLError.badCheckpoint(file: stateURL.path, reason: "\(error)")
        }
        let policy = try DecoderModel.load(folder: dir.appendingPathComponent("policy"))
        let refDir = dir.appendingPathComponent("reference")
        let reference = FileManager.default.fileExists(atPath: refDir.path) ? try DecoderModel.load(folder: refDir) : nil
        if state.config.usesReference && reference == nil {
            throw RLError.badCheckpoint(file: refDir.path, reason: "the run has kl = \(state.config.kl) but no reference model")
        }
        var head: ValueHead?
        var criticState: [String: Tensor] = [:]
        if state.algorithm == .ppo {
            let all = try readTensors(dir.appendingPathComponent("critic.safetensors"))
            let headParams = ParameterStore()
            for name in ["value_head.weight", "value_head.bias"] {
                if let t = all[name] { headParams.set(name, t) }
            }
            head = try ValueHead(params: headParams, hiddenSize: policy.spec.hiddenSize)
            for (k, t) in all where k.hasPrefix("optim.") { criticState[String(k.dropFirst("optim.".count))] = t }
        }
        let run = try RLRun(policy: policy, reference: reference, valueHead: head, prompts: state.prompts,
                            algorithm: state.algorithm, config: state.config, codec: codec, judge: judge)
        guard run.rng == state.rng else {
            throw RLError.badCheckpoint(file: stateURL.path, reason: "rng does not match seed \(state.config.seed)")
        }
        run.step = state.step
        run.cursor = state.cursor
        run.history = state.history
        run.optimizer.loadState(step: state.optimizerSteps,
                                tensors: try readTensors(dir.appendingPathComponent("optimizer.safetensors")))
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

    static func readTensors(_ url: URL) throws -> [String: Tensor] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RLError.badCheckpoint(file: url.path, reason: "missing")
        }
        let file = try SafetensorsFile(url: url)
        var out: [String: Tensor] = [:]
        for info in file.tensorInfos { out[info.name] = try Tensor(file.floats(info.name), shape: info.shape) }
        return out
    }
}
