// Inference forward with KV caches (the shared `decoderLayer` with cache attention): many sequences of different lengths, each appending
// its own new tokens (prefill: many tokens; decode: one). Projections run as one GEMM over
// all new tokens; attention runs per sequence against its own cache. No autograd.
// `kernel: .gemv` on a decode step (exactly one new token per sequence) runs
// `forwardDecodeStep` instead: each weight streamed once per step through the GEMV kernels,
// each row computed as if alone.
import Foundation
import OctoTensor

extension DecoderModel {
    /// Appends `tokens[i]` to sequence i (whose cache is `caches[i]`) and returns the logits
    /// of the last new token of each sequence, [N, V]. When `allLogits` is set, returns the
    /// logits of every new token instead, in order. `kernel` `.gemv` applies only when every
    /// sequence has exactly one new token (otherwise the GEMM path runs); it then reads the
    /// bfloat16 matrices of `bf16` when given.
    public func forwardCached(_ tokens: [[Int]], caches: [KVCache], allLogits: Bool = false,
                              kernel: ProjectionKernel = .gemm, bf16: DecodeWeights? = nil) throws -> Tensor {
        guard tokens.count == caches.count, !tokens.isEmpty, tokens.allSatisfy({ !$0.isEmpty }) else {
            throw ModelError.invalidArgument("forwardCached: need one non-empty token list per cache")
        }
        let c = config
        let flat = tokens.flatMap { $0 }
        if let bad = flat.first(where: { $0 < 0 || $0 >= c.vocabSize }) {
            throw ModelError.badTokens("id \(bad) is outside the vocabulary 0..<\(c.vocabSize)")
        }
        if kernel == .gemv, flat.count == tokens.count {
            if let b = bf16, !b.fits(self) {
                throw ModelError.invalidArgument("forwardCached: the bf16 decode weights were made from a model of another shape")
            }
            return try noGrad { try forwardDecodeStep(flat, caches: caches, bf16: bf16) }
        }
        return try noGrad {
            let n = flat.count
            var starts: [Int] = [], positions: [Int] = []
            var at = 0
            for (i, seq) in tokens.enumerated() {
                starts.append(at); at += seq.count
                caches[i].reserve(seq.count)
                positions += (0..<seq.count).map { caches[i].length + $0 }
            }
            rope.ensure((positions.max() ?? 0) + 1)
            let qd = c.attentionHeads * c.headDim, kd = c.kvHeads * c.headDim
            var x = try embedding(embedTokens, ids: flat)
            for (l, layer) in layers.enumerated() {
                x = try decoderLayer(x, layer, eps: eps) { qkv in
                    let packed = qkv.contiguous(), width = qd + 2 * kd
                    let qr = Tensor(zeros: [n, qd])
                    ropeApply(packed.data, qr.data, table: self.rope, positions: positions, heads: c.attentionHeads,
                              inverse: false, srcStride: width)
                    let kr = Tensor(zeros: [n, kd])
                    ropeApply(packed.data + qd, kr.data, table: self.rope, positions: positions, heads: c.kvHeads,
                              inverse: false, srcStride: width)
                    let v = packed.data + qd + kd
                    for (i, seq) in tokens.enumerated() {
                        let cache = caches[i], dst = cache.length * kd
                        (cache.keys[l] + dst).update(from: kr.data + starts[i] * kd, count: seq.count * kd)
                        for r in 0..<seq.count {
                            (cache.values[l] + dst + r * kd).update(from: v + (starts[i] + r) * width, count: kd)
                        }
                    }
                    let att = Tensor(zeros: [n, qd])
                    self.cachedAttention(q: qr, out: att, tokens: tokens, starts: starts, caches: caches, layer: l)
                    return att
                }
            }
            for (i, seq) in tokens.enumerated() { caches[i].advance(seq.count) }
            let rows: Tensor
            if allLogits { rows = x } else {
                let h = c.hiddenSize
                rows = Tensor(zeros: [tokens.count, h])
                for (i, seq) in tokens.enumerated() {
                    (rows.data + i * h).update(from: x.data + (starts[i] + seq.count - 1) * h, count: h)
                }
            }
            let hn = try rmsNorm(rows, weight: finalNorm, eps: eps)
            return try linear(hn, lmHead)
        }
    }

    /// Attention of each new token against its sequence's cache (already holding the new keys).
    func cachedAttention(q: Tensor, out: Tensor, tokens: [[Int]], starts: [Int], caches: [KVCache], layer: Int) {
        let hq = config.attentionHeads, hkv = config.kvHeads, d = config.headDim, group = hq / hkv
        let scale = 1 / Float(d).squareRoot()
        let qp = q.data, op = out.data
        let work = tokens.indices.flatMap { i in (0..<hq).map { (i, $0) } }
        parallelFor(work.count) { range in
            var scratch = [Float]()
            for w in range {
                let (i, h) = work[w]
                let c = caches[i], newCount = tokens[i].count, past = c.length
                let keysTotal = past + newCount
                if scratch.count < newCount * keysTotal { scratch = [Float](repeating: 0, count: newCount * keysTotal) }
                let kvh = h / group
                scratch.withUnsafeMutableBufferPointer { buf in
                    guard let sc = buf.baseAddress else { return }
                    let qBase = qp + (starts[i] * hq + h) * d
                    let kBase = c.keys[layer] + kvh * d, vBase = c.values[layer] + kvh * d
                    sgemm(transA: false, transB: true, m: newCount, n: keysTotal, k: d, alpha: scale,
                          a: qBase, lda: hq * d, b: kBase, ldb: hkv * d, c: sc, ldc: keysTotal)
                    for r in 0..<newCount {
                        let row = sc + r * keysTotal, valid = past + r + 1
                        softmaxRow(row, row, valid)
                        for j in valid..<keysTotal { row[j] = 0 }
                    }
                    sgemm(transA: false, transB: false, m: newCount, n: d, k: keysTotal, a: sc, lda: keysTotal,
                          b: vBase, ldb: hkv * d, c: op + (starts[i] * hq + h) * d, ldc: hq * d)
                }
            }
        }
    }

    /// A new empty cache sized for this model.
    public func makeCache(capacity: Int = KVCache.chunk) -> KVCache {
        KVCache(layers: config.hiddenLayers, kvHeads: config.kvHeads, headDim: config.headDim, capacity: capacity)
    }
}
