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

extension TrainerState {
    /// The format this version writes and reads.
    public static let currentFormat = "octorepl-phase-1"

    /// Range-checks every field against itself and the data's sequence length.
    /// - Throws: `CheckpointError` naming `file` and the field.
    public func validate(file: URL, seqLen: Int) throws {
        func need(_ ok: Bool, _ field: String, _ why: @autoclosure () -> String) throws {
            try CheckpointCheck.require(ok, file, field, why())
        }
        try need(format == TrainerState.currentFormat, "format", "\"\(format)\" is not supported (expected \"\(TrainerState.currentFormat)\")")
        do { try Phase.validate(config, seqLen: seqLen) } catch let TrainError.invalidConfig(why) {
            throw CheckpointError(file: file.path, field: "config", reason: why)
        }
        let tokensPerStep = max(1, config.batchTokens / seqLen) * seqLen
        let totalSteps = max(1, config.totalTokens / tokensPerStep)
        try need(step >= 0 && step <= totalSteps, "step", "\(step) is outside 0...\(totalSteps) (the phase's steps)")
        try need(optimizerStep >= 0, "optimizerStep", "\(optimizerStep) is negative")
        if parentName == nil {
            try need(optimizerStep == step, "optimizerStep", "\(optimizerStep) ≠ step \(step) in a phase that was not branched")
        } else {
            try need(optimizerStep >= step, "optimizerStep", "\(optimizerStep) < step \(step)")
            try need((parentStep ?? 0) >= 0, "parentStep", "\(parentStep ?? 0) is negative")
        }
        try need(history.count == step, "history", "\(history.count) records for \(step) steps")
        for (i, r) in history.enumerated() {
            try need(r.step == i, "history[\(i)].step", "\(r.step) (expected \(i))")
            try need(r.loss.isFinite && r.gradNorm.isFinite && r.lr.isFinite, "history[\(i)]", "non-finite loss, lr or grad norm")
            try need(r.tokens == tokensPerStep, "history[\(i)].tokens", "\(r.tokens) (expected \(tokensPerStep))")
        }
        try need(cursor.drawn >= 0, "cursor.drawn", "\(cursor.drawn) is negative")
    }
}

extension Phase {
    /// Writes a checkpoint folder atomically. `dataRecipe` is stored for `resume`.
    public func save(to dir: URL, dataRecipe: String? = nil) throws {
        AtomicFolder.recover(dir)
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
            try CheckpointManifest.write(in: temp)
        }
    }

    /// Reads only the JSON state of a checkpoint (to rebuild its data before `resume`),
    /// after repairing what a killed save left and checking the file against the manifest.
    /// - Throws: `CheckpointError` naming the file (and field).
    public static func readState(_ dir: URL) throws -> TrainerState {
        AtomicFolder.recover(dir)
        let url = dir.appendingPathComponent("trainer_state.json")
        try CheckpointManifest.verify(dir) { $0 == "trainer_state.json" }
        do {
            return try JSONDecoder().decode(TrainerState.self, from: Data(contentsOf: url))
        } catch {
            throw CheckpointError(file: url.path, reason: "cannot read trainer state: \(error)")
        }
    }

    /// The model stored in a checkpoint (to rebuild its data before `resume`), its files
    /// checked against the manifest.
    public static func loadModel(_ dir: URL) throws -> DecoderModel {
        AtomicFolder.recover(dir)
        try CheckpointManifest.verify(dir) { $0.hasPrefix("model/") }
        return try DecoderModel.load(folder: dir.appendingPathComponent("model"))
    }

    /// A phase ready to go on from a checkpoint. `data` must be the same mixture the phase
    /// was made with (same components); its cursor is restored from the checkpoint. Pass
    /// `model` when it was already read with `loadModel(dir)`, so it is not read twice (its
    /// config is compared with the checkpoint's config.json).
    /// - Throws: `CheckpointError` naming the file and field that is corrupted or does not fit.
    public static func resume(from dir: URL, data: Mixture, model: DecoderModel? = nil) throws -> Phase {
        let state = try readState(dir)
        try CheckpointManifest.verify(dir) { !$0.hasPrefix("model/") }
        let stateURL = dir.appendingPathComponent("trainer_state.json")
        let seqLen = data.components.first?.sequences.seqLen ?? 0
        try state.validate(file: stateURL, seqLen: seqLen)
        let model = try model ?? loadModel(dir)
        try CheckpointCheck.sameConfig(model, folder: dir.appendingPathComponent("model"))
        let tensors = try CheckpointCheck.optimizerMoments(dir.appendingPathComponent("optimizer.safetensors"),
                                                           params: model.params, optimizerStep: state.optimizerStep)
        let c = state.config
        let opt = AdamW(lr: c.peakLR, beta1: c.beta1, beta2: c.beta2, weightDecay: c.weightDecay)
        opt.loadState(step: state.optimizerStep, tensors: tensors)
        var mix = data
        do { try mix.restore(state.cursor) } catch {
            throw CheckpointError(file: stateURL.path, field: "cursor", reason: "\(error)")
        }
        let parent = state.parentName.map { ($0, state.parentStep ?? 0) }
        return Phase(model: model, data: mix, config: c, optimizer: opt, step: state.step, history: state.history, parent: parent)
    }
}
