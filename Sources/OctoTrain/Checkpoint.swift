// Phase checkpoints: a folder holding the HF model folder (`model/`), the optimizer moments
// (`optimizer.safetensors`) and `trainer_state.json` (config, step, data cursor, history,
// and an opaque `data_recipe` the caller uses to rebuild the mixture). Written into a temp
// folder and renamed into place, so a crash never leaves a half-written checkpoint.
import Foundation
import OctoTensor
import OctoModel
import OctoData

/// The JSON part of a checkpoint.
public struct TrainerState: Codable {
    public var format = "octorepl-phase-1"
    public var config: PhaseConfig
    public var step: Int
    public var optimizerStep: Int
    public var cursor: MixtureCursor
    public var history: [PhaseStepRecord]
    public var parentName: String?
    public var parentStep: Int?
    /// How to rebuild the data (free-form, written by whoever made the phase).
    public var dataRecipe: String?
}

extension Phase {
    /// Writes a checkpoint folder atomically. `dataRecipe` is stored for `resume`.
    public func save(to dir: URL, dataRecipe: String? = nil) throws {
        try HFFolder.writeAtomically(to: dir) { temp in
            try model.save(folder: temp.appendingPathComponent("model"))
            let entries = optimizer.stateTensors().map { name, t in
                SafetensorsWriter.Entry(name: name, shape: t.shape) { body in try body(UnsafeBufferPointer(start: t.data, count: t.count)) }
            }
            try SafetensorsWriter.write(entries: entries, dtype: .f32, to: temp.appendingPathComponent("optimizer.safetensors"))
            let state = TrainerState(config: config, step: step, optimizerStep: optimizer.stepCount, cursor: data.cursor,
                                     history: history, parentName: parent?.name, parentStep: parent?.step, dataRecipe: dataRecipe)
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            try enc.encode(state).write(to: temp.appendingPathComponent("trainer_state.json"))
        }
    }

    /// Reads only the JSON state of a checkpoint (to rebuild its data before `resume`).
    public static func readState(_ dir: URL) throws -> TrainerState {
        let url = dir.appendingPathComponent("trainer_state.json")
        do {
            return try JSONDecoder().decode(TrainerState.self, from: Data(contentsOf: url))
        } catch {
            throw TrainError.checkpoint(path: url.path, reason: "cannot read trainer state: \(error)")
        }
    }

    /// The model stored in a checkpoint (to rebuild its data before `resume`).
    public static func loadModel(_ dir: URL) throws -> DecoderModel {
        try DecoderModel.load(folder: dir.appendingPathComponent("model"))
    }

    /// A phase ready to go on from a checkpoint. `data` must be the same mixture the phase
    /// was made with (same components); its cursor is restored from the checkpoint. Pass
    /// `model` when it was already read with `loadModel(dir)`, so it is not read twice.
    public static func resume(from dir: URL, data: Mixture, model: DecoderModel? = nil) throws -> Phase {
        let state = try readState(dir)
        let model = try model ?? loadModel(dir)
        let optFile = try SafetensorsFile(url: dir.appendingPathComponent("optimizer.safetensors"))
        var tensors: [String: Tensor] = [:]
        for name in optFile.names {
            let info = try optFile.info(name)
            let t = Tensor(zeros: info.shape)
            try optFile.withFloats(name, into: t.data, count: t.count)
            tensors[name] = t
        }
        let c = state.config
        let opt = AdamW(lr: c.peakLR, beta1: c.beta1, beta2: c.beta2, weightDecay: c.weightDecay)
        opt.loadState(step: state.optimizerStep, tensors: tensors)
        var mix = data
        try mix.restore(state.cursor)
        let parent = state.parentName.map { ($0, state.parentStep ?? 0) }
        return Phase(model: model, data: mix, config: c, optimizer: opt, step: state.step, history: state.history, parent: parent)
    }
}
