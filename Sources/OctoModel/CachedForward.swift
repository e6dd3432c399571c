// Inference forward with KV caches: many sequences of different lengths, each appending
// its own new tokens (prefill: many tokens; decode: one). Projections run as one GEMM over
// all new tokens; attention runs per sequence against its own cache. No autograd.
import Foundation
import OctoTensor

extension DecoderModel {
    /// Appends `tokens[i]` to sequence i (whose cache is `caches[i]`) and returns the logits
    /// of the last new token of each sequence, [N, V]. When `allLogits` is set, returns the
    /// logits of every new token instead, in order.
    public func forwardCached(_ tokens: [[Int]], caches: [KVCache], allLogits: Bool = false) throws -> Tensor {
        guard tokens.count == caches.count, !tokens.isEmpty, tokens.allSatisfy({ !$0.isEmpty }) else {
            throw ModelError.invalidArgument("forwardCached: need one non-empty token list per cache")
        }
        let s = spec
        let flat = tokens.flatMap { $0 }
        if let bad = flat.first(where: { $0 < 0 || $0 >= s.vocabSize }) {
            throw ModelError.badTokens("id \(bad) is outside the vocabulary 0..<\(s.vocabSize)")
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
            let qd = s.heads * s.headDim, kd = s.kvHeads * s.headDim
            var x = try embedding(p("model.embed_tokens.weight"), ids: flat)
            for l in 0..<s.layers {
                let pre = "model.layers.\(l)."
                let h = try rmsNorm(x, weight: p(pre + "input_layernorm.weight"), eps: s.rmsEps)
                let q = try linear(h, p(pre + "self_attn.q_proj.weight"), bias: s.qkvBias ? p(pre + "self_attn.q_proj.bias") : nil)
                let k = try linear(h, p(pre + "self_attn.k_proj.weight"), bias: s.qkvBias ? p(pre + "self_attn.k_proj.bias") : nil)
                let v = try linear(h, p(pre + "self_attn.v_proj.weight"), bias: s.qkvBias ? p(pre + "self_attn.v_proj.bias") : nil)
                let qr = Tensor(zeros: [n, qd])
                ropeApply(q.data, qr.data, table: rope, positions: positions, heads: s.heads, inverse: false)
                let kr = Tensor(zeros: [n, kd])
                ropeApply(k.data, kr.data, table: rope, positions: positions, heads: s.kvHeads, inverse: false)
                for (i, seq) in tokens.enumerated() {
                    let c = caches[i], dst = c.length * kd
                    (c.keys[l] + dst).update(from: kr.data + starts[i] * kd, count: seq.count * kd)
                    (c.values[l] + dst).update(from: v.data + starts[i] * kd, count: seq.count * kd)
                }
                let att = Tensor(zeros: [n, qd])
                cachedAttention(q: qr, out: att, tokens: tokens, starts: starts, caches: caches, layer: l)
                x = try x.add(linear(att, p(pre + "self_attn.o_proj.weight")))
                let h2 = try rmsNorm(x, weight: p(pre + "post_attention_layernorm.weight"), eps: s.rmsEps)
                let g = try linear(h2, p(pre + "mlp.gate_proj.weight"))
                let u = try linear(h2, p(pre + "mlp.up_proj.weight"))
                x = try x.add(linear(swiglu(gate: g, up: u), p(pre + "mlp.down_proj.weight")))
            }
            for (i, seq) in tokens.enumerated() { caches[i].advance(seq.count) }
            let rows: Tensor
            if allLogits { rows = x } else {
                let c = s.hiddenSize
                rows = Tensor(zeros: [tokens.count, c])
                for (i, seq) in tokens.enumerated() {
                    (rows.data + i * c).update(from: x.data + (starts[i] + seq.count - 1) * c, count: c)
                }
            }
            let hn = try rmsNorm(rows, weight: p("model.norm.weight"), eps: s.rmsEps)
            return try linear(hn, lmHead)
        }
    }

    /// Attention of each new token against its sequence's cache (already holding the new keys).
    func cachedAttention(q: Tensor, out: Tensor, tokens: [[Int]], starts: [Int], caches: [KVCache], layer: Int) {
        let s = spec, hq = s.heads, hkv = s.kvHeads, d = s.headDim, group = hq / hkv
        let scale = 1 / Float(d).squareRoot()
        let qp = q.data, op = out.data
        let work = tokens.indices.flatMap { i in (0..<hq).map { (i, $0) } }
        withSingleThreadedBLAS {
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
    }

    /// A new empty cache sized for this model.
    public func makeCache(capacity: Int = KVCache.chunk) -> KVCache {
        KVCache(layers: spec.layers, kvHeads: spec.kvHeads, headDim: spec.headDim, capacity: capacity)
    }
}
