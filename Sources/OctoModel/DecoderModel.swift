// The Llama-3.x / Qwen2 decoder (HF LlamaForCausalLM / Qwen2ForCausalLM), built on OctoTensor
// with autograd. Ported from transformers' modeling_llama.py / modeling_qwen2.py:
// x = embed(ids); per layer: x += o_proj(attn(rope(q), rope(k), v)) of rmsnorm(x);
// x += down(silu(gate(h)) · up(h)) of rmsnorm(x); logits = lm_head(rmsnorm(x)).
import OctoTensor
import OctoTokenizer
import OctoBase

/// A decoder-only transformer with HF parameter names.
public final class DecoderModel {
    public let spec: DecoderSpec
    public let params: ParameterStore
    public let rope: RopeTable
    /// The tokenizer saved beside the weights, when the model has one.
    public var tokenizer: Tokenizer?

    /// Wraps existing parameters (checked against the spec: every name and shape).
    public init(spec: DecoderSpec, params: ParameterStore) throws {
        try spec.validate()
        self.spec = spec
        self.params = params
        self.rope = RopeTable(headDim: spec.headDim, theta: spec.ropeTheta, scaling: spec.ropeScaling)
        for (name, shape) in DecoderModel.parameterShapes(spec) {
            let t = try params.get(name)
            guard t.shape == shape else { throw ModelError.parameterShape(name: name, expected: shape, got: t.shape) }
        }
    }

    /// A fresh model initialised as HF does: N(0, initializer_range) for linear and embedding
    /// weights, ones for norms, zeros for biases.
    public convenience init(randomWith spec: DecoderSpec, rng: inout RNG) throws {
        try spec.validate()
        try spec.checkMemory()
        let store = ParameterStore()
        for (name, shape) in DecoderModel.parameterShapes(spec) {
            if name.hasSuffix("norm.weight") { store.set(name, Tensor.full(shape, 1)) }
            else if name.hasSuffix(".bias") { store.set(name, Tensor(zeros: shape)) }
            else { store.set(name, Tensor.randn(shape, std: spec.initializerRange, rng: &rng)) }
        }
        try self.init(spec: spec, params: store)
    }

    /// Every parameter's HF name and shape, in HF's order.
    public static func parameterShapes(_ s: DecoderSpec) -> [(String, [Int])] {
        let c = s.hiddenSize, qd = s.heads * s.headDim, kd = s.kvHeads * s.headDim, f = s.intermediateSize
        var out: [(String, [Int])] = [("model.embed_tokens.weight", [s.vocabSize, c])]
        for i in 0..<s.layers {
            let p = "model.layers.\(i)."
            out.append((p + "self_attn.q_proj.weight", [qd, c]))
            if s.qkvBias { out.append((p + "self_attn.q_proj.bias", [qd])) }
            out.append((p + "self_attn.k_proj.weight", [kd, c]))
            if s.qkvBias { out.append((p + "self_attn.k_proj.bias", [kd])) }
            out.append((p + "self_attn.v_proj.weight", [kd, c]))
            if s.qkvBias { out.append((p + "self_attn.v_proj.bias", [kd])) }
            out.append((p + "self_attn.o_proj.weight", [c, qd]))
            out.append((p + "mlp.gate_proj.weight", [f, c]))
            out.append((p + "mlp.up_proj.weight", [f, c]))
            out.append((p + "mlp.down_proj.weight", [c, f]))
            out.append((p + "input_layernorm.weight", [c]))
            out.append((p + "post_attention_layernorm.weight", [c]))
        }
        out.append(("model.norm.weight", [c]))
        if !s.tieEmbeddings { out.append(("lm_head.weight", [s.vocabSize, c])) }
        return out
    }

    /// The output projection (the embedding table when tied).
    public var lmHead: Tensor {
        (spec.tieEmbeddings ? params["model.embed_tokens.weight"] : params["lm_head.weight"]) ?? Tensor(zeros: [0])
    }

    func p(_ name: String) throws -> Tensor { try params.get(name) }

    /// Final hidden states [B·T, C] for equal-length sequences `ids` [B][T] (recorded for autograd).
    public func hiddenStates(_ ids: [[Int]]) throws -> Tensor {
        guard let t = ids.first?.count, t > 0, ids.allSatisfy({ $0.count == t }) else {
            throw ModelError.badTokens("a batch needs ≥ 1 non-empty sequences of equal length")
        }
        let b = ids.count, s = spec
        let flat = ids.flatMap { $0 }
        if let bad = flat.first(where: { $0 < 0 || $0 >= s.vocabSize }) {
            throw ModelError.badTokens("id \(bad) is outside the vocabulary 0..<\(s.vocabSize)")
        }
        let positions = (0..<b).flatMap { _ in Array(0..<t) }
        var x = try embedding(p("model.embed_tokens.weight"), ids: flat)
        for i in 0..<s.layers {
            let pre = "model.layers.\(i)."
            let h = try rmsNorm(x, weight: p(pre + "input_layernorm.weight"), eps: s.rmsEps)
            let q = try linear(h, p(pre + "self_attn.q_proj.weight"), bias: s.qkvBias ? p(pre + "self_attn.q_proj.bias") : nil)
            let k = try linear(h, p(pre + "self_attn.k_proj.weight"), bias: s.qkvBias ? p(pre + "self_attn.k_proj.bias") : nil)
            let v = try linear(h, p(pre + "self_attn.v_proj.weight"), bias: s.qkvBias ? p(pre + "self_attn.v_proj.bias") : nil)
            let qr = try OctoTensor.rope(q.reshape([b, t, s.heads, s.headDim]), table: rope, positions: positions)
            let kr = try OctoTensor.rope(k.reshape([b, t, s.kvHeads, s.headDim]), table: rope, positions: positions)
            let a = try causalAttention(q: qr, k: kr, v: v.reshape([b, t, s.kvHeads, s.headDim]))
            let o = try linear(a.reshape([b * t, s.heads * s.headDim]), p(pre + "self_attn.o_proj.weight"))
            x = try x.add(o)
            let h2 = try rmsNorm(x, weight: p(pre + "post_attention_layernorm.weight"), eps: s.rmsEps)
            let g = try linear(h2, p(pre + "mlp.gate_proj.weight"))
            let u = try linear(h2, p(pre + "mlp.up_proj.weight"))
            let m = try linear(swiglu(gate: g, up: u), p(pre + "mlp.down_proj.weight"))
            x = try x.add(m)
        }
        return try rmsNorm(x, weight: p("model.norm.weight"), eps: s.rmsEps)
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
