// Batch-1 decode: one new token through the shared `decoderLayer` with the GEMV kernel, and
// attention over the cache with the scores row the cache owns (no allocation that grows with
// the context). Numerics differ from the GEMM path by rounding; generate() uses this only
// when a call samples exactly one sequence, so batched decode keeps its bits.
import OctoTensor

extension DecoderModel {
    /// Appends `token` to `cache` and returns its logits [1, V] (matrices from `bf16` when given).
    func forwardOneRow(_ token: Int, cache: KVCache, bf16: DecodeWeights? = nil) throws -> Tensor {
        let c = config
        let hq = c.attentionHeads, hkv = c.kvHeads, d = c.headDim
        let qd = hq * d, kd = hkv * d
        cache.reserve(1)
        let pos = cache.length, positions = [pos]
        rope.ensure(pos + 1)
        let scores = cache.scores(heads: hq)
        var x = try embedding(embedTokens, ids: [token])
        for (l, layer) in layers.enumerated() {
            x = try decoderLayer(x, layer, eps: eps, kernel: .gemv, bf16: bf16?.layers[l]) { q, k, v in
                let qr = Tensor(zeros: [1, qd]), att = Tensor(zeros: [1, qd])
                let keys = cache.keys[l], values = cache.values[l]
                ropeApply(q.data, qr.data, table: self.rope, positions: positions, heads: hq, inverse: false)
                ropeApply(k.data, keys + pos * kd, table: self.rope, positions: positions, heads: hkv, inverse: false)
                (values + pos * kd).update(from: v.data, count: kd)
                decodeAttention(q: qr.data, keys: keys, values: values, length: pos + 1, heads: hq, kvHeads: hkv, headDim: d,
                                scores: scores, out: att.data)
                return att
            }
        }
        cache.advance(1)
        let hn = try rmsNorm(x, weight: finalNorm, eps: eps)
        if let head = bf16?.lmHead { return try gemv(hn, head) }
        return try gemv(hn, lmHead)
    }
}
