// A decode step: one new token for each of several sequences through the shared
// `decoderLayer` with the GEMV kernel (each weight read once per step for all rows), and
// attention of each token over its own cache with the scores row that cache owns (no
// allocation that grows with the context). Every row is computed as if it were alone, so a
// sequence decodes to the same bits in a batch of any size. Numerics differ from the GEMM
// path (prefill, training) by rounding.
import OctoTensor

extension DecoderModel {
    /// Appends `ids[i]` to `caches[i]` for every i and returns the logits [N, V] (matrices from
    /// `bf16` when given).
    func forwardDecodeStep(_ ids: [Int], caches: [KVCache], bf16: DecodeWeights? = nil) throws -> Tensor {
        let c = config
        let hq = c.attentionHeads, hkv = c.kvHeads, d = c.headDim
        let qd = hq * d, kd = hkv * d, n = ids.count
        for cache in caches { cache.reserve(1) }
        let positions = caches.map(\.length)
        rope.ensure((positions.max() ?? 0) + 1)
        let scores = caches.map { $0.scores(heads: hq) }
        var x = try embedding(embedTokens, ids: ids)
        for (l, layer) in layers.enumerated() {
            x = try decoderLayer(x, layer, eps: eps, kernel: .gemv, bf16: bf16?.layers[l]) { qkv in
                let packed = qkv.contiguous(), width = qd + 2 * kd
                let qr = Tensor(zeros: [n, qd]), att = Tensor(zeros: [n, qd])
                ropeApply(packed.data, qr.data, table: self.rope, positions: positions, heads: hq, inverse: false,
                          srcStride: width)
                var rows: [DecodeAttentionRow] = []
                rows.reserveCapacity(n)
                for (i, cache) in caches.enumerated() {
                    let keys = cache.keys[l], values = cache.values[l], pos = positions[i]
                    let row = packed.data + i * width
                    ropeApply(row + qd, keys + pos * kd, table: self.rope, positions: [pos], heads: hkv, inverse: false)
                    (values + pos * kd).update(from: row + qd + kd, count: kd)
                    rows.append(DecodeAttentionRow(q: qr.data + i * qd, keys: keys, values: values, length: pos + 1,
                                                   scores: scores[i], out: att.data + i * qd))
                }
                decodeAttention(rows, heads: hq, kvHeads: hkv, headDim: d)
                return att
            }
        }
        for cache in caches { cache.advance(1) }
        let hn = try rmsNorm(x, weight: finalNorm, eps: eps)
        if let head = bf16?.lmHead { return try gemv(hn, head) }
        return try gemv(hn, lmHead)
    }
}
