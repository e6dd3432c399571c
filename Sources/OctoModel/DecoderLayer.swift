// The decoder layer, written once (transformers' LlamaDecoderLayer / Qwen2DecoderLayer):
// x += o_proj(attention(q, k, v)) of rmsnorm(x); x += down(silu(gate(h)) · up(h)) of rmsnorm(x).
// Attention is passed in: full causal attention with autograd for training (and RL), the
// KV-cache attention for inference. q, k and v are one product, packed side by side in each
// token's row, and so are gate and up. The projections run as BLAS GEMMs with autograd (q/k/v
// as one GEMM, gate/up as one), or, for decode steps, as GEMVs over the step's rows (q/k/v in
// one pass, gate/up fused with SwiGLU; no autograd).
import OctoTensor

/// Attention of one layer: from the packed projections `qkv` [N, (Hq + 2·Hkv)·D] of N tokens
/// (each row q [Hq·D], then k [Hkv·D], then v [Hkv·D], before RoPE) to the attended values
/// [N, Hq·D] that o_proj reads.
public typealias LayerAttention = (_ qkv: Tensor) throws -> Tensor

/// How a layer's projections are computed.
public enum ProjectionKernel: Sendable {
    /// cblas_sgemm over all N rows, recorded for autograd: training, RL's policy updates, prefill.
    case gemm
    /// Hand-written GEMV kernels for decode steps (one row per sequence): each weight read once
    /// per step for all rows, and each row's result independent of the others. Different
    /// rounding from `.gemm`; inference only.
    case gemv
}

/// One decoder layer on the residual stream `x` [N, C]. With `.gemv`, `bf16` (when given)
/// replaces the layer's projection matrices by their bfloat16 copies.
public func decoderLayer(_ x: Tensor, _ w: DecoderLayerWeights, eps: Float, kernel: ProjectionKernel = .gemm,
                         bf16: DecodeWeights.Layer? = nil, attention: LayerAttention) throws -> Tensor {
    let h = try rmsNorm(x, weight: w.inputNorm, eps: eps)
    switch kernel {
    case .gemm:
        let qkv = try linear(h, [w.q, w.k, w.v], biases: [w.qBias, w.kBias, w.vBias])
        let attended = try x.add(linear(attention(qkv), w.o))
        let h2 = try rmsNorm(attended, weight: w.postAttentionNorm, eps: eps)
        let gateUp = try linear(h2, [w.gate, w.up], biases: [nil, nil])
        return try attended.add(linear(swiglu(gateUp: gateUp), w.down))
    case .gemv:
        guard h.rank == 2, h.shape[0] > 0 else {
            throw ModelError.invalidArgument("decoderLayer: the GEMV kernel takes rows [N, C], got shape \(h.shape)")
        }
        let hc = h.contiguous(), n = hc.shape[0], inF = hc.shape[1]
        let qd = w.q.shape[0], kd = w.k.shape[0], width = qd + kd + w.v.shape[0]
        let qkv = Tensor(zeros: [n, width]), out = qkv.data
        let qb = w.qBias, kb = w.kBias, vb = w.vBias  // GemvTarget makes weights and biases contiguous
        if let p = bf16 {
            gemv(hc.data, rows: n, inFeatures: inF, targets: [GemvTarget(weight: p.q, bias: qb, out: out, outStride: width),
                                                              GemvTarget(weight: p.k, bias: kb, out: out + qd, outStride: width),
                                                              GemvTarget(weight: p.v, bias: vb, out: out + qd + kd, outStride: width)])
            let attended = try x.add(gemv(attention(qkv), p.o))
            let h2 = try rmsNorm(attended, weight: w.postAttentionNorm, eps: eps)
            return try attended.add(gemv(gemvSwiGLU(h2, gate: p.gate, up: p.up), p.down))
        }
        gemv(hc.data, rows: n, inFeatures: inF, targets: [GemvTarget(weight: w.q, bias: qb, out: out, outStride: width),
                                                          GemvTarget(weight: w.k, bias: kb, out: out + qd, outStride: width),
                                                          GemvTarget(weight: w.v, bias: vb, out: out + qd + kd, outStride: width)])
        let attended = try x.add(gemv(attention(qkv), w.o))
        let h2 = try rmsNorm(attended, weight: w.postAttentionNorm, eps: eps)
        return try attended.add(gemv(gemvSwiGLU(h2, gate: w.gate, up: w.up), w.down))
    }
}
