// Attention of one new token against a key/value cache (batch-1 decode): per query head,
// scores = q·k_j / √D over the cached positions, softmax, out = Σ_j p_j v_j. Raw pointers,
// no allocation: the caller owns the scores row. Heads are split across engine threads;
// each head's result is computed in a fixed order by one thread.
import CSupport

/// q: [Hq·D]; keys, values: [length, Hkv·D] (row-major, the cache layout); scores: ≥ Hq·length
/// floats of scratch; out: [Hq·D], overwritten.
public func decodeAttention(q: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>,
                            length: Int, heads hq: Int, kvHeads hkv: Int, headDim d: Int,
                            scores: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>) {
    guard length > 0, hq > 0, hkv > 0 else { return }
    let group = max(1, hq / hkv), kd = hkv * d
    let scale = 1 / Float(d).squareRoot()
    parallelFor(hq, minChunk: max(1, 8192 / max(length * d, 1))) { heads in
        for h in heads {
            let kvh = h / group, qh = q + h * d, row = scores + h * length, o = out + h * d
            for j in 0..<length { row[j] = scale * octo_dot(qh, keys + j * kd + kvh * d, d) }
            softmaxRow(row, row, length)
            o.update(repeating: 0, count: d)
            for j in 0..<length {
                let p = row[j], vj = values + j * kd + kvh * d
                for e in 0..<d { o[e] += p * vj[e] }
            }
        }
    }
}
