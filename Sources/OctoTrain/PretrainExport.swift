// Export of a mid-training phase (or branch) for a standard distributed trainer: the mixture
// as jsonl text shards ({"text": …} per document, one file per source) with the weights and
// token budget in manifest.json, the HF checkpoint to start from, and a self-contained
// torchrun recipe on transformers (train_pretrain.py + run_pretrain.sh) with the phase's
// schedule. The folder the recipe writes is an HF folder octorepl loads back. Docs/ScaleOut.md.
import Foundation
import OctoModel
import OctoData

/// One source of an exported mixture.
public struct PretrainSource: Codable, Equatable, Sendable {
    public var name: String
    /// Shard path relative to the export folder.
    public var file: String
    /// Normalised mixture weight (the probability a sequence comes from this source).
    public var weight: Double
    public var documents: Int
    /// Tokens of the source as octorepl packed them (documents plus one EOS each).
    public var tokens: Int
}

/// What the recipe needs, written as manifest.json.
public struct PretrainManifest: Codable, Equatable, Sendable {
    public var phase: String
    /// "name@step" of the phase this one branched from.
    public var parent: String?
    public var model: String
    public var sources: [PretrainSource]
    public var totalTokens: Int
    public var batchTokens: Int
    public var seqLen: Int
    public var sequencesPerStep: Int
    public var totalSteps: Int
    /// Steps the phase had already run in octorepl (the recipe continues the schedule there).
    public var stepsDone: Int
    public var peakLR: Double
    public var schedule: ScheduleSpec
    public var weightDecay: Double
    public var betas: [Double]
    public var clipNorm: Double
    public var microBatch: Int
    public var eos: Int
    public var seed: UInt64

    enum CodingKeys: String, CodingKey {
        case phase, parent, model, sources, schedule, betas, eos, seed
        case totalTokens = "total_tokens", batchTokens = "batch_tokens", seqLen = "seq_len"
        case sequencesPerStep = "sequences_per_step", totalSteps = "total_steps", stepsDone = "steps_done"
        case peakLR = "peak_lr", weightDecay = "weight_decay", clipNorm = "clip_norm", microBatch = "micro_batch"
    }
}

/// A schedule in the manifest: the same fields train_pretrain.py's `multiplier` reads.
public struct ScheduleSpec: Codable, Equatable, Sendable {
    /// constant, linear, cosine or wsd.
    public var type: String
    public var warmup: Double
    /// WSD: the decay fraction at the end of the phase.
    public var decay: Double
    /// WSD: linear, cosine or 1-sqrt.
    public var shape: String
    /// The final fraction of the peak lr.
    public var floor: Double

    public init(_ s: Schedule) {
        switch s {
        case .constant(let w): self.init(type: "constant", warmup: w, decay: 0, shape: "linear", floor: 1)
        case let .linear(w, f): self.init(type: "linear", warmup: w, decay: 0, shape: "linear", floor: f)
        case let .cosine(w, f): self.init(type: "cosine", warmup: w, decay: 0, shape: "cosine", floor: f)
        case let .wsd(w, d, shape, f): self.init(type: "wsd", warmup: w, decay: d, shape: shape.rawValue, floor: f)
        }
    }

    init(type: String, warmup: Double, decay: Double, shape: String, floor: Double) {
        self.type = type; self.warmup = warmup; self.decay = decay; self.shape = shape; self.floor = floor
    }
}

public enum PretrainExport {
    /// Writes `phase`'s mixture, current weights and recipe into `dir` (replaced atomically):
    /// `model/`, `data/<source>.jsonl`, `manifest.json`, `train_pretrain.py`, `run_pretrain.sh`.
    /// - Throws: `TrainError.invalidConfig` when the model has no tokenizer (the shards are text),
    ///   `TrainError.checkpoint` / `ModelFileError` when writing fails.
    @discardableResult
    public static func export(_ phase: Phase, to dir: URL) throws -> PretrainManifest {
        guard let tok = phase.model.tokenizer else {
            throw TrainError.invalidConfig("export_pretrain: the model has no tokenizer; the shards are written as text")
        }
        let c = phase.config
        var sources: [PretrainSource] = []
        var shards: [(String, String)] = []
        var used = Set<String>()
        for (i, comp) in phase.data.components.enumerated() {
            var file = "data/" + fileName(comp.name) + ".jsonl"
            if used.contains(file) { file = "data/" + fileName(comp.name) + "-\(i).jsonl" }
            used.insert(file)
            let docs = documents(comp.sequences)
            let text = try docs.map { ids -> String in
                try jsonLine(["text": tok.decode(ids.map(Int.init))])
            }.joined(separator: "\n") + "\n"
            shards.append((file, text))
            sources.append(PretrainSource(name: comp.name, file: file, weight: phase.data.proportions[i],
                                          documents: docs.count, tokens: docs.reduce(0) { $0 + $1.count + 1 }))
        }
        let manifest = PretrainManifest(
            phase: c.name, parent: phase.parent.map { "\($0.name)@\($0.step)" }, model: "model", sources: sources,
            totalTokens: c.totalTokens, batchTokens: c.batchTokens, seqLen: phase.seqLen,
            sequencesPerStep: phase.sequencesPerStep, totalSteps: phase.totalSteps, stepsDone: phase.step,
            peakLR: Double(c.peakLR), schedule: ScheduleSpec(c.schedule), weightDecay: Double(c.weightDecay),
            betas: [Double(c.beta1), Double(c.beta2)], clipNorm: c.clipNorm, microBatch: c.microBatch,
            eos: Int(phase.data.components.first?.sequences.eos ?? 0), seed: phase.data.cursor.seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let manifestData = try encoder.encode(manifest)
        try HFFolder.writeAtomically(to: dir) { tmp in
            try phase.model.save(folder: tmp.appendingPathComponent("model"))
            try FileManager.default.createDirectory(at: tmp.appendingPathComponent("data"), withIntermediateDirectories: true)
            for (file, text) in shards { try write(Data(text.utf8), tmp.appendingPathComponent(file)) }
            try write(manifestData + Data("\n".utf8), tmp.appendingPathComponent("manifest.json"))
            try write(Data(PretrainScripts.trainScript.utf8), tmp.appendingPathComponent("train_pretrain.py"))
            try write(Data(PretrainScripts.runScript.utf8), tmp.appendingPathComponent("run_pretrain.sh"))
        }
        return manifest
    }

    /// The documents of a packed stream (split at its EOS separators; a last unterminated piece counts).
    static func documents(_ s: PackedSequences) -> [ArraySlice<Int32>] {
        s.stream.split(separator: s.eos, omittingEmptySubsequences: true)
    }

    /// A source name as a file name ("lab:math_web" → "lab_math_web").
    static func fileName(_ name: String) -> String {
        let cleaned = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
        let trimmed = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return trimmed.isEmpty ? "source" : trimmed
    }

    static func jsonLine(_ object: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    static func write(_ data: Data, _ url: URL) throws {
        do { try data.write(to: url) } catch { throw TrainError.checkpoint(path: url.path, reason: "\(error)") }
    }
}
