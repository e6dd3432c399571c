// The decoder layer, written once (transformers' LlamaDecoderLayer / Qwen2DecoderLayer):
// x += o_proj(attention(q, k, v)) of rmsnorm(x); x += down(silu(gate(h)) · up(h)) of rmsnorm(x).
// Attention is passed in: full causal attention with autograd for training (and RL), the
// KV-cache attention for inference.
import OctoTensor

/// Attention of one layer: from the projections q [N, Hq·D] and k, v [N, Hkv·D] (before
/// RoPE) of N tokens to the attended values [N, Hq·D] that o_proj reads.
public typealias LayerAttention = (_ q: Tensor, _ k: Tensor, _ v: Tensor) throws -> Tensor

/// One decoder layer on the residual stream `x` [N, C].
public func decoderLayer(_ x: Tensor, _ w: DecoderLayerWeights, eps: Float, attention: LayerAttention) throws -> Tensor {
    let h = try rmsNorm(x, weight: w.inputNorm, eps: eps)
    let q = try linear(h, w.q, bias: w.qBias)
    let k = try linear(h, w.k, bias: w.kBias)
    let v = try linear(h, w.v, bias: w.vBias)
    let attended = try x.add(linear(attention(q, k, v), w.o))
    let h2 = try rmsNorm(attended, weight: w.postAttentionNorm, eps: eps)
    let g = try linear(h2, w.gate)
    let u = try linear(h2, w.up)
    return try attended.add(linear(swiglu(gate: g, up: u), w.down))
}
