// Loading and saving Hugging Face model folders: config.json ⇄ DecoderSpec, safetensors
// (single or sharded) ⇄ parameters, and the tokenizer files beside them.
import Foundation
import OctoTensor
import OctoTokenizer

extension DecoderSpec {
    /// The runtime spec of a parsed config.json.
    public init(config c: ModelConfig) throws {
        if c.outputProjectionBias {
            throw ModelError.invalidSpec("attention_bias=true on a Llama config (o_proj bias) is not supported")
        }
        var scaling: Llama3RopeScaling?
        if case let .llama3(f, lo, hi, orig)? = c.ropeScaling {
            scaling = Llama3RopeScaling(factor: f, lowFreqFactor: lo, highFreqFactor: hi, originalMaxPositions: orig)
        }
        self.init(family: c.family == .qwen2 ? .qwen2 : .llama, vocabSize: c.vocabSize, hiddenSize: c.hiddenSize,
                  layers: c.hiddenLayers, heads: c.attentionHeads, kvHeads: c.kvHeads, headDim: c.headDim,
                  intermediateSize: c.intermediateSize, rmsEps: Float(c.rmsNormEps), ropeTheta: c.ropeTheta,
                  ropeScaling: scaling, tieEmbeddings: c.tieWordEmbeddings, qkvBias: c.qkvBias,
                  maxPositions: c.maxPositionEmbeddings, initializerRange: Float(c.initializerRange),
                  bosId: c.bosTokenId, eosIds: c.eosTokenIds)
        try validate()
    }

    /// The config.json this spec saves as.
    public func config() throws -> ModelConfig {
        var c = try ModelConfig(family: family == .qwen2 ? .qwen2 : .llama, hiddenSize: hiddenSize, hiddenLayers: layers,
                                attentionHeads: heads, kvHeads: kvHeads, headDim: headDim, intermediateSize: intermediateSize,
                                vocabSize: vocabSize, rmsNormEps: Self.decimal(rmsEps), ropeTheta: ropeTheta,
                                ropeScaling: ropeScaling.map { .llama3(factor: $0.factor, lowFreqFactor: $0.lowFreqFactor,
                                                                       highFreqFactor: $0.highFreqFactor,
                                                                       originalMaxPositionEmbeddings: $0.originalMaxPositions) },
                                tieWordEmbeddings: tieEmbeddings, maxPositionEmbeddings: maxPositions,
                                bosTokenId: bosId, eosTokenIds: eosIds, initializerRange: Self.decimal(initializerRange))
        if family == .llama && qkvBias { c.attentionBias = true }
        return c
    }

    /// A Float as the Double of its shortest decimal, so config.json says 1e-05 and 0.02 as
    /// transformers writes them (not 9.999999747378752e-06).
    static func decimal(_ x: Float) -> Double { Double(String(x)) ?? Double(x) }

    /// Reads config.json of an HF folder.
    public static func read(folder: URL) throws -> DecoderSpec {
        try DecoderSpec(config: ModelConfig.load(from: folder))
    }
}

extension DecoderModel {
    /// Loads config.json, the weights (model.safetensors or a sharded index) and, when present,
    /// tokenizer.json of an HF folder.
    public static func load(folder: URL) throws -> DecoderModel {
        let spec = try DecoderSpec.read(folder: folder)
        let weights = try SafetensorsCheckpoint(folder: folder)
        let model = try DecoderModel(spec: spec, weights: weights)
        let tokFile = folder.appendingPathComponent("tokenizer.json")
        if FileManager.default.fileExists(atPath: tokFile.path) {
            let tokenizer = try Tokenizer(contentsOf: folder)
            guard tokenizer.vocabSize > 0 else {
                throw ModelFileError.invalidField(file: tokFile.path, field: "model.vocab", reason: "the vocabulary is empty")
            }
            model.tokenizer = tokenizer
        }
        return model
    }

    /// Writes an HF folder (config.json, generation_config.json, model.safetensors and the
    /// tokenizer files) atomically: a temp folder renamed into place.
    public func save(folder: URL, dtype: SafetensorsDType = .f32) throws {
        var files: [String: Data] = [:]
        if let tok = tokenizer {
            files["tokenizer.json"] = tok.jsonData
            if let cfg = tok.configData { files["tokenizer_config.json"] = cfg }
        }
        let entries = params.all.map { name, t in
            SafetensorsWriter.Entry(name: name, shape: t.shape) { body in
                try body(UnsafeBufferPointer(start: t.data, count: t.count))
            }
        }
        try HFFolder.writeModel(to: folder, config: spec.config(), weights: entries, dtype: dtype, files: files)
    }
}
