// The Llama-3.x / Qwen2 decoder (HF LlamaForCausalLM / Qwen2ForCausalLM), built on OctoTensor
// with autograd. Ported from transformers' modeling_llama.py / modeling_qwen2.py:
// x = embed(ids); per layer `decoderLayer` (DecoderLayer.swift) with full causal attention;
// logits = lm_head(rmsnorm(x)).
import OctoTensor
import OctoTokenizer
import OctoBase

/// A decoder-only transformer with HF parameter names.
public final class DecoderModel {
    public let config: ModelConfig
    public let params: ParameterStore
    public let rope: RopeTable
    /// The tokenizer saved beside the weights, when the model has one.
    public var tokenizer: Tokenizer?
    /// Typed views of `params`, built once (the same tensors).
    public let embedTokens: Tensor, finalNorm: Tensor
    public let layers: [DecoderLayerWeights]
    /// The output projection (the embedding table when tied).
    public let lmHead: Tensor

    /// Wraps existing parameters (checked against the config: every name and shape).
    public init(config: ModelConfig, params: ParameterStore) throws {
        try config.validate()
        self.config = config
        self.params = params
        self.rope = RopeTable(headDim: config.headDim, theta: config.ropeTheta, scaling: config.ropeScaling)
        for (name, shape) in config.parameterShapes {
            let t = try params.get(name)
            guard t.shape == shape else { throw ModelError.parameterShape(name: name, expected: shape, got: t.shape) }
        }
        embedTokens = try params.get(ModelTensor.embedTokens)
        finalNorm = try params.get(ModelTensor.norm)
        lmHead = config.tieWordEmbeddings ? embedTokens : try params.get(ModelTensor.lmHead)
        layers = try (0..<config.hiddenLayers).map { try DecoderLayerWeights(params, layer: $0, config: config) }
    }

    /// A fresh model initialised as HF does: N(0, initializer_range) for linear and embedding
    /// weights, ones for norms, zeros for biases.
    public convenience init(randomWith config: ModelConfig, rng: inout RNG) throws {
        try config.validate()
        try config.checkMemory()
        let store = ParameterStore()
        for (name, shape) in config.parameterShapes {
            if name.hasSuffix("norm.weight") { store.set(name, Tensor.full(shape, 1)) }
            else if name.hasSuffix(".bias") { store.set(name, Tensor(zeros: shape)) }
            else { store.set(name, Tensor.randn(shape, std: Float(config.initializerRange), rng: &rng)) }
        }
        try self.init(config: config, params: store)
    }

    /// The `rms_norm_eps` the kernels use.
    var eps: Float { Float(config.rmsNormEps) }

    /// Final hidden states [B·T, C] for equal-length sequences `ids` [B][T] (recorded for autograd).
    public func hiddenStates(_ ids: [[Int]]) throws -> Tensor {
        guard let t = ids.first?.count, t > 0, ids.allSatisfy({ $0.count == t }) else {
            throw ModelError.badTokens("a batch needs ≥ 1 non-empty sequences of equal length")
        }
        let b = ids.count, c = config
        let flat = ids.flatMap { $0 }
        if let bad = flat.first(where: { $0 < 0 || $0 >= c.vocabSize }) {
            throw ModelError.badTokens("id \(bad) is outside the vocabulary 0..<\(c.vocabSize)")
        }
        let positions = (0..<b).flatMap { _ in Array(0..<t) }
        var x = try embedding(embedTokens, ids: flat)
        for layer in layers {
            x = try decoderLayer(x, layer, eps: eps) { qkv in
                let a = try ropeCausalAttention(qkv: qkv.reshape([b, t, qkv.shape[1]]), queryHeads: c.attentionHeads,
                                                kvHeads: c.kvHeads, table: self.rope, positions: positions)
                return try a.reshape([b * t, c.attentionHeads * c.headDim])
            }
        }
        return try rmsNorm(x, weight: finalNorm, eps: eps)
    }

    /// Logits [B·T, V] for equal-length sequences.
    public func logits(_ ids: [[Int]]) throws -> Tensor {
        try linear(hiddenStates(ids), lmHead)
    }

    /// Mean next-token cross-entropy over all B·(T−1) shifted positions (HF `labels=ids`).
    /// `mask[b][t]` false excludes target position t (e.g. prompt tokens or padding).
    public func loss(_ ids: [[Int]], mask: [[Bool]]? = nil) throws -> Tensor {
        let lg = try logits(ids)
        var targets: [Int] = []
        targets.reserveCapacity(lg.shape[0])
        for (bi, seq) in ids.enumerated() {
            for ti in 0..<seq.count {
                if ti + 1 < seq.count, mask?[bi][ti + 1] ?? true { targets.append(seq[ti + 1]) } else { targets.append(-100) }
            }
        }
        return try crossEntropy(lg, targets: targets)
    }
}
