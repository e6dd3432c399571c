// Attention of one new token per sequence against that sequence's key/value cache (decode):
// per query head, scores = q·k_j / √D over the cached positions, softmax, out = Σ_j p_j v_j.
// Raw pointers, no allocation: each sequence's caller owns its scores row. The (sequence,
// head) pairs are split across engine threads; each is computed in a fixed order by one
// thread, so a sequence's result does not depend on the others in the step.
import CSupport

/// One sequence's new token in a decode step: q [Hq·D]; keys, values [length, Hkv·D] (row-major,
/// the cache layout, already holding the new token); scores ≥ Hq·length floats of scratch;
/// out [Hq·D], overwritten.
public struct DecodeAttentionRow {
    public let q: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>
    public let length: Int
    public let scores: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>
    public init(q: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>, length: Int,
                scores: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>) {
        self.q = q; self.keys = keys; self.values = values; self.length = length; self.scores = scores; self.out = out
    }
}

/// Attends every row's new token over its own cache (rows of length 0 are left alone).
public func decodeAttention(_ rows: [DecodeAttentionRow], heads hq: Int, kvHeads hkv: Int, headDim d: Int) {
    guard !rows.isEmpty, hq > 0, hkv > 0 else { return }
    let group = max(1, hq / hkv), kd = hkv * d
    let scale = 1 / Float(d).squareRoot()
    let longest = rows.map(\.length).max() ?? 1
    parallelFor(rows.count * hq, minChunk: max(1, 8192 / max(longest * d, 1))) { pairs in
        for pair in pairs {
            let r = rows[pair / hq], h = pair % hq, length = r.length
            guard length > 0 else { continue }
            let kvh = h / group, qh = r.q + h * d, row = r.scores + h * length, o = r.out + h * d
            for j in 0..<length { row[j] = scale * octo_dot(qh, r.keys + j * kd + kvh * d, d) }
            softmaxRow(row, row, length)
            o.update(repeating: 0, count: d)
            for j in 0..<length {
                let p = row[j], vj = r.values + j * kd + kvh * d
                for e in 0..<d { o[e] += p * vj[e] }
            }
        }
    }
}

/// One sequence: q [Hq·D]; keys, values [length, Hkv·D]; scores: ≥ Hq·length floats of
/// scratch; out: [Hq·D], overwritten.
public func decodeAttention(q: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>,
                            length: Int, heads hq: Int, kvHeads hkv: Int, headDim d: Int,
                            scores: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>) {
    decodeAttention([DecodeAttentionRow(q: q, keys: keys, values: values, length: length, scores: scores, out: out)],
                    heads: hq, kvHeads: hkv, headDim: d)
}
