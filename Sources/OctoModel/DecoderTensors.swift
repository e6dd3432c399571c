// The one table of a decoder's Hugging Face tensor names and shapes, and the typed weights
// built from it once per model (the forward passes never look a tensor up by name).
import OctoTensor

/// One tensor of a decoder layer, in HF's order; the raw value is its name after
/// `model.layers.N.`.
public enum LayerTensor: String, CaseIterable, Sendable {
    case q = "self_attn.q_proj.weight", qBias = "self_attn.q_proj.bias"
    case k = "self_attn.k_proj.weight", kBias = "self_attn.k_proj.bias"
    case v = "self_attn.v_proj.weight", vBias = "self_attn.v_proj.bias"
    case o = "self_attn.o_proj.weight"
    case gate = "mlp.gate_proj.weight", up = "mlp.up_proj.weight", down = "mlp.down_proj.weight"
    case inputNorm = "input_layernorm.weight", postAttentionNorm = "post_attention_layernorm.weight"

    /// The HF name of this tensor in layer `layer`.
    public func name(layer: Int) -> String { "model.layers.\(layer)." + rawValue }

    /// Its shape under `c`, or nil when `c` has no such tensor (q/k/v biases without `qkvBias`).
    public func shape(_ c: ModelConfig) -> [Int]? {
        let h = c.hiddenSize, qd = c.attentionHeads * c.headDim, kd = c.kvHeads * c.headDim, f = c.intermediateSize
        switch self {
        case .q: return [qd, h]
        case .k, .v: return [kd, h]
        case .qBias: return c.qkvBias ? [qd] : nil
        case .kBias, .vBias: return c.qkvBias ? [kd] : nil
        case .o: return [h, qd]
        case .gate, .up: return [f, h]
        case .down: return [h, f]
        case .inputNorm, .postAttentionNorm: return [h]
        }
    }
}

/// The tensors outside the layers.
public enum ModelTensor {
    public static let embedTokens = "model.embed_tokens.weight"
    public static let norm = "model.norm.weight"
    public static let lmHead = "lm_head.weight"
}

extension ModelConfig {
    /// Every parameter's HF name and shape, in HF's order (no `lm_head.weight` when tied).
    public var parameterShapes: [(name: String, shape: [Int])] {
        var out: [(name: String, shape: [Int])] = [(ModelTensor.embedTokens, [vocabSize, hiddenSize])]
        for layer in 0..<max(hiddenLayers, 0) {
            for tensor in LayerTensor.allCases {
                if let shape = tensor.shape(self) { out.append((tensor.name(layer: layer), shape)) }
            }
        }
        out.append((ModelTensor.norm, [hiddenSize]))
        if !tieWordEmbeddings { out.append((ModelTensor.lmHead, [vocabSize, hiddenSize])) }
        return out
    }
}

/// The weights of one decoder layer, typed (biases nil when the config has none).
public struct DecoderLayerWeights {
    public let inputNorm, q, k, v, o, postAttentionNorm, gate, up, down: Tensor
    public let qBias, kBias, vBias: Tensor?

    /// The layer's tensors from `params`, by the names of `LayerTensor`.
    /// - Throws: `ModelError.missingParameter` naming an absent tensor.
    init(_ params: ParameterStore, layer: Int, config: ModelConfig) throws {
        func get(_ t: LayerTensor) throws -> Tensor { try params.get(t.name(layer: layer)) }
        func bias(_ t: LayerTensor) throws -> Tensor? { t.shape(config) == nil ? nil : try get(t) }
        inputNorm = try get(.inputNorm); postAttentionNorm = try get(.postAttentionNorm)
        q = try get(.q); k = try get(.k); v = try get(.v); o = try get(.o)
        qBias = try bias(.qBias); kBias = try bias(.kBias); vBias = try bias(.vBias)
        gate = try get(.gate); up = try get(.up); down = try get(.down)
    }
}
