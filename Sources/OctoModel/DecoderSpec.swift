// The shape of a Llama-3.x / Qwen2 decoder as the runtime needs it.
import OctoTensor

/// Which Hugging Face family a decoder follows (decides defaults and the saved config).
public enum ModelFamily: String, Sendable, Codable { case llama, qwen2 }

/// Everything the decoder needs to build and run; made from a config.json or by hand.
public struct DecoderSpec: Equatable, Sendable, Codable {
    public var family: ModelFamily
    public var vocabSize: Int
    public var hiddenSize: Int
    public var layers: Int
    public var heads: Int
    public var kvHeads: Int
    public var headDim: Int
    public var intermediateSize: Int
    public var rmsEps: Float
    public var ropeTheta: Double
    public var ropeScaling: Llama3RopeScaling?
    public var tieEmbeddings: Bool
    public var qkvBias: Bool
    public var maxPositions: Int
    public var initializerRange: Float
    public var bosId: Int?
    public var eosIds: [Int]

    public init(family: ModelFamily, vocabSize: Int, hiddenSize: Int, layers: Int, heads: Int, kvHeads: Int,
                headDim: Int? = nil, intermediateSize: Int, rmsEps: Float? = nil, ropeTheta: Double? = nil,
                ropeScaling: Llama3RopeScaling? = nil, tieEmbeddings: Bool = true, qkvBias: Bool? = nil,
                maxPositions: Int = 4096, initializerRange: Float = 0.02, bosId: Int? = nil, eosIds: [Int] = []) {
        self.family = family; self.vocabSize = vocabSize; self.hiddenSize = hiddenSize; self.layers = layers
        self.heads = heads; self.kvHeads = kvHeads; self.headDim = headDim ?? hiddenSize / max(heads, 1)
        self.intermediateSize = intermediateSize
        self.rmsEps = rmsEps ?? (family == .llama ? 1e-5 : 1e-6)
        self.ropeTheta = ropeTheta ?? (family == .llama ? 500_000 : 1_000_000)
        self.ropeScaling = ropeScaling; self.tieEmbeddings = tieEmbeddings
        self.qkvBias = qkvBias ?? (family == .qwen2)
        self.maxPositions = maxPositions; self.initializerRange = initializerRange
        self.bosId = bosId; self.eosIds = eosIds
    }

    /// Checks the numbers fit together; the error names the field.
    public func validate() throws {
        func need(_ ok: Bool, _ why: String) throws {
            if !ok { throw ModelError.invalidSpec(why) }
        }
        try need(vocabSize > 0, "vocab_size must be > 0 (got \(vocabSize))")
        try need(hiddenSize > 0 && layers >= 0 && heads > 0 && kvHeads > 0, "hidden_size, heads and kv_heads must be > 0")
        try need(heads % kvHeads == 0, "num_attention_heads (\(heads)) must be a multiple of num_key_value_heads (\(kvHeads))")
        try need(headDim > 0 && headDim % 2 == 0, "head_dim must be even and > 0 (got \(headDim))")
        try need(intermediateSize > 0, "intermediate_size must be > 0")
        try need(rmsEps > 0 && rmsEps.isFinite, "rms_norm_eps must be a finite number > 0 (got \(rmsEps))")
        try need(ropeTheta > 0 && ropeTheta.isFinite, "rope_theta must be a finite number > 0 (got \(ropeTheta))")
        if let r = ropeScaling {
            try need(r.factor > 0 && r.factor.isFinite, "rope_scaling.factor must be a finite number > 0 (got \(r.factor))")
            try need(r.lowFreqFactor > 0 && r.lowFreqFactor.isFinite && r.highFreqFactor > 0 && r.highFreqFactor.isFinite,
                     "rope_scaling low_freq_factor and high_freq_factor must be finite numbers > 0")
            try need(r.originalMaxPositions > 0, "rope_scaling.original_max_position_embeddings must be > 0")
        }
        try need(initializerRange.isFinite, "initializer_range must be finite")
    }

    /// Parameter count (tied embeddings counted once).
    public var parameterCount: Int {
        let attn = hiddenSize * heads * headDim * 2 + hiddenSize * kvHeads * headDim * 2
            + (qkvBias ? heads * headDim + 2 * kvHeads * headDim : 0)
        let mlp = 3 * hiddenSize * intermediateSize
        let perLayer = attn + mlp + 2 * hiddenSize
        return vocabSize * hiddenSize * (tieEmbeddings ? 1 : 2) + layers * perLayer + hiddenSize
    }
}

/// Errors of the model layer that are not about files.
public enum ModelError: Error, CustomStringConvertible {
    case invalidSpec(String)
    case missingParameter(String)
    case parameterShape(name: String, expected: [Int], got: [Int])
    case badTokens(String)
    case invalidArgument(String)
    /// More memory asked (bytes) than is available.
    case outOfMemory(what: String, asked: Double, available: Double)

    public var description: String {
        switch self {
        case let .outOfMemory(what, asked, available):
            return "not enough memory: \(what) needs about \(MemoryBudget.describe(asked)), "
                + "\(MemoryBudget.describe(available)) is available"
        case .invalidSpec(let s): return "invalid model config: \(s)"
        case .missingParameter(let n): return "missing parameter '\(n)'"
        case let .parameterShape(n, e, g): return "parameter '\(n)' has shape \(g), expected \(e)"
        case .badTokens(let s): return "bad token ids: \(s)"
        case .invalidArgument(let s): return s
        }
    }
}
