// The one description of a decoder: config.json of the two families octorepl implements,
// field for field as transformers writes them — LlamaForCausalLM (configuration_llama.py,
// Llama 3.x) and Qwen2ForCausalLM (configuration_qwen2.py, Qwen2 / Qwen2.5). Loading,
// building, running, saving and the bindings all use this type; `CodingKeys` names each
// field's config.json key (reading and writing are in ModelConfigJSON.swift).
import OctoTensor

/// The hyper-parameters of a Llama-3.x or Qwen2/2.5 decoder, as in its `config.json`.
public struct ModelConfig: Codable, Equatable, Sendable {
    /// `architectures` / `model_type`: the decoder family.
    public var family: ModelFamily
    /// `vocab_size`.
    public var vocabSize: Int
    /// `hidden_size`: width of the residual stream.
    public var hiddenSize: Int
    /// `num_hidden_layers`: number of decoder blocks.
    public var hiddenLayers: Int
    /// `num_attention_heads`: query heads.
    public var attentionHeads: Int
    /// `num_key_value_heads` (default: `attentionHeads`); fewer than the query heads is GQA.
    public var kvHeads: Int
    /// `head_dim` (default: hiddenSize / attentionHeads).
    public var headDim: Int
    /// `intermediate_size`: width of the SwiGLU MLP.
    public var intermediateSize: Int
    /// `rms_norm_eps` (the kernels use it as a Float).
    public var rmsNormEps: Double
    /// `rope_theta` (or `rope_parameters.rope_theta`): RoPE base.
    public var ropeTheta: Double
    /// `rope_scaling` / `rope_parameters`; nil is plain RoPE.
    public var ropeScaling: RopeScaling?
    /// `tie_word_embeddings`: the output projection is the embedding matrix.
    public var tieWordEmbeddings: Bool
    /// Llama's `attention_bias` (biases on q, k, v and o): read and written, but only false is
    /// supported. Qwen2 has q/k/v biases regardless.
    public var attentionBias: Bool
    /// `max_position_embeddings`.
    public var maxPositionEmbeddings: Int
    /// `bos_token_id` (nil for Qwen2).
    public var bosTokenId: Int?
    /// `eos_token_id`: one id or a list in config.json.
    public var eosTokenIds: [Int]
    /// `initializer_range`: std of the normal init of new weights.
    public var initializerRange: Double
    /// `torch_dtype` (transformers 5: `dtype`), e.g. "float32", "bfloat16": how the weights
    /// were stored, not how they run (always float32).
    public var torchDtype: String?

    /// The config.json key of every field octorepl reads or writes (nested rope keys included).
    enum CodingKeys: String, CodingKey, CaseIterable {
        case architectures, modelType = "model_type", vocabSize = "vocab_size", hiddenSize = "hidden_size"
        case hiddenLayers = "num_hidden_layers", attentionHeads = "num_attention_heads"
        case kvHeads = "num_key_value_heads", headDim = "head_dim", intermediateSize = "intermediate_size"
        case rmsNormEps = "rms_norm_eps", ropeTheta = "rope_theta", ropeScaling = "rope_scaling"
        case ropeParameters = "rope_parameters", tieWordEmbeddings = "tie_word_embeddings"
        case attentionBias = "attention_bias", maxPositionEmbeddings = "max_position_embeddings"
        case bosTokenId = "bos_token_id", eosTokenIds = "eos_token_id", initializerRange = "initializer_range"
        case torchDtype = "torch_dtype", dtype, hiddenAct = "hidden_act", mlpBias = "mlp_bias"
        case useSlidingWindow = "use_sliding_window", slidingWindow = "sliding_window"
        case maxWindowLayers = "max_window_layers", attentionDropout = "attention_dropout"
        case padTokenId = "pad_token_id", useCache = "use_cache", pretrainingTp = "pretraining_tp"
        // Inside rope_scaling / rope_parameters.
        case ropeType = "rope_type", type, factor, lowFreqFactor = "low_freq_factor"
        case highFreqFactor = "high_freq_factor", originalMaxPositionEmbeddings = "original_max_position_embeddings"
    }

    /// `architectures` as transformers writes it.
    public var architectures: [String] { [family.architecture] }
    /// `model_type`: "llama" or "qwen2".
    public var modelType: String { family.rawValue }
    /// `hidden_act`: the only activation octorepl implements (another one is a load error).
    public var hiddenAct: String { "silu" }
    /// Whether q/k/v projections have biases (always for Qwen2; Llama's `attention_bias`).
    public var qkvBias: Bool { family == .qwen2 || attentionBias }

    /// A config for a new model. Defaults follow the family (Llama: eps 1e-5, theta 500000;
    /// Qwen2: eps 1e-6, theta 1e6). Call `validate()` (model construction does) to check it.
    public init(family: ModelFamily, vocabSize: Int, hiddenSize: Int, hiddenLayers: Int, attentionHeads: Int,
                kvHeads: Int? = nil, headDim: Int? = nil, intermediateSize: Int, rmsNormEps: Double? = nil,
                ropeTheta: Double? = nil, ropeScaling: RopeScaling? = nil, tieWordEmbeddings: Bool = true,
                maxPositionEmbeddings: Int = 4096, initializerRange: Double = 0.02, bosTokenId: Int? = nil,
                eosTokenIds: [Int] = [], torchDtype: String? = "float32") {
        self.family = family; self.vocabSize = vocabSize; self.hiddenSize = hiddenSize
        self.hiddenLayers = hiddenLayers; self.attentionHeads = attentionHeads
        self.kvHeads = kvHeads ?? attentionHeads
        self.headDim = headDim ?? hiddenSize / max(attentionHeads, 1)
        self.intermediateSize = intermediateSize
        self.rmsNormEps = rmsNormEps ?? (family == .llama ? 1e-5 : 1e-6)
        self.ropeTheta = ropeTheta ?? (family == .llama ? 500_000 : 1_000_000)
        self.ropeScaling = ropeScaling; self.tieWordEmbeddings = tieWordEmbeddings
        attentionBias = false
        self.maxPositionEmbeddings = maxPositionEmbeddings; self.initializerRange = initializerRange
        self.bosTokenId = bosTokenId; self.eosTokenIds = eosTokenIds; self.torchDtype = torchDtype
    }

    /// Checks the numbers fit together.
    /// - Throws: `ModelFileError` naming the config.json field (file "config.json").
    public func validate() throws {
        func invalid(_ key: CodingKeys, _ reason: String) -> ModelFileError {
            .invalidField(file: "config.json", field: key.rawValue, reason: reason)
        }
        let positive: [(CodingKeys, Int)] = [
            (.hiddenSize, hiddenSize), (.hiddenLayers, hiddenLayers), (.attentionHeads, attentionHeads),
            (.kvHeads, kvHeads), (.intermediateSize, intermediateSize), (.vocabSize, vocabSize),
            (.maxPositionEmbeddings, maxPositionEmbeddings),
        ]
        for (key, value) in positive where value <= 0 { throw invalid(key, "must be positive, got \(value)") }
        guard headDim > 0, headDim % 2 == 0 else { throw invalid(.headDim, "must be positive and even, got \(headDim)") }
        guard attentionHeads % kvHeads == 0 else {
            throw invalid(.kvHeads, "\(kvHeads) does not divide num_attention_heads \(attentionHeads)")
        }
        guard rmsNormEps > 0, rmsNormEps.isFinite, Float(rmsNormEps) > 0 else {
            throw invalid(.rmsNormEps, "must be a finite number > 0, got \(rmsNormEps)")
        }
        guard ropeTheta > 0, ropeTheta.isFinite else { throw invalid(.ropeTheta, "must be a finite number > 0, got \(ropeTheta)") }
        if case let .llama3(factor, low, high, original)? = ropeScaling {
            for (key, value) in [(CodingKeys.factor, factor), (.lowFreqFactor, low), (.highFreqFactor, high)]
            where !(value > 0 && value.isFinite) {
                throw ModelFileError.invalidField(file: "config.json", field: "rope_scaling." + key.rawValue,
                                                  reason: "must be a finite number > 0, got \(value)")
            }
            guard original > 0 else {
                throw ModelFileError.invalidField(file: "config.json", field: "rope_scaling.original_max_position_embeddings",
                                                  reason: "must be positive, got \(original)")
            }
        }
        guard initializerRange.isFinite else { throw invalid(.initializerRange, "must be finite, got \(initializerRange)") }
        if family == .llama && attentionBias {
            throw ModelFileError.unsupportedValue(file: "config.json", field: CodingKeys.attentionBias.rawValue,
                                                  value: "true (o_proj bias)", allowed: ["false"])
        }
    }

    /// Parameter count (tied embeddings counted once).
    public var parameterCount: Int {
        let attn = hiddenSize * attentionHeads * headDim * 2 + hiddenSize * kvHeads * headDim * 2
            + (qkvBias ? attentionHeads * headDim + 2 * kvHeads * headDim : 0)
        let mlp = 3 * hiddenSize * intermediateSize
        let perLayer = attn + mlp + 2 * hiddenSize
        return vocabSize * hiddenSize * (tieWordEmbeddings ? 1 : 2) + hiddenLayers * perLayer + hiddenSize
    }
}
