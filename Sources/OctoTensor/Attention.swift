// Causal self-attention with grouped-query heads: one (batch, kv head) per task, through the
// register-tiled kernels of CSupport/attention.c. Query rows go in blocks whose scores stay in
// L2. When the call is recorded for autograd, the forward keeps the probabilities (the causal
// half of each head's T × T, ~B·Hq·T²/2 floats) and the backward reads them instead of
// recomputing scores and exponentials; unrecorded calls keep nothing.
import Foundation
import CSupport

/// Query rows per block for `t` positions: whole 6-row tiles whose score rows stay in L2.
public func attentionBlockRows(positions t: Int) -> Int { octo_attention_block_rows(t) }

/// Floats of probabilities a recorded attention call keeps per query head for `t` positions
/// (the causal half of T × T, by blocks of whole 16-float rows).
public func attentionKeptProbabilityFloats(positions t: Int) -> Int { octo_attention_probs_floats(t) }

/// q: [B, T, Hq, D], k, v: [B, T, Hkv, D] (Hq a multiple of Hkv) → [B, T, Hq, D].
public func causalAttention(q: Tensor, k: Tensor, v: Tensor) throws -> Tensor {
    guard q.rank == 4, k.rank == 4, v.rank == 4, k.shape == v.shape,
          q.shape[0] == k.shape[0], q.shape[1] == k.shape[1], q.shape[3] == k.shape[3],
          k.shape[2] > 0, q.shape[2] % k.shape[2] == 0 else {
        throw TensorError.shapeMismatch(op: "causalAttention (q vs k/v)", lhs: q.shape, rhs: k.shape)
    }
    let b = q.shape[0], t = q.shape[1], hq = q.shape[2], hkv = k.shape[2], d = q.shape[3]
    let qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous()
    // Written whole below (every row of every head).
    let out = Tensor(unfilled: q.shape)
    let heads = AttentionHeads(batch: b, positions: t, queryHeads: hq, kvHeads: hkv, headDim: d,
                               qStride: hq * d, kvStride: hkv * d, outStride: hq * d)
    let probs = heads.keptProbabilities(recorded: [q, k, v])
    heads.forward(q: qc.data, k: kc.data, v: vc.data, out: out.data, probs: probs?.data)
    guard let probs = probs else { return out }
    let qd = qc.detach(), kd = kc.detach(), vd = vc.detach(), od = out.detach()
    return Tensor.record(out, op: .causalAttention, inputs: [q, k, v]) { g in
        // dQ is written whole (every row of every head); dK and dV accumulate from zero.
        let gc = g.contiguous()
        let dq = Tensor(unfilled: qd.shape), dk = Tensor(zeros: kd.shape), dv = Tensor(zeros: vd.shape)
        heads.backward(q: qd.data, k: kd.data, v: vd.data, out: od.data, outGrad: gc.data, probs: probs.data,
                       dq: dq.data, dk: dk.data, dv: dv.data)
        return [dq, dk, dv]
    }
}

/// Rotary embeddings and causal attention on packed projections: `qkv` [B, T, (Hq + 2·Hkv)·D]
/// holds each token's q, k and v side by side (one GEMM's output, `linear(x, [q, k, v], …)`);
/// returns [B, T, Hq·D]. The same values as `rope` on q and k then `causalAttention`, without
/// splitting the projections apart: attention reads q, k and v at the packed row stride, and
/// its backward writes one packed gradient, rotated back in place.
public func ropeCausalAttention(qkv: Tensor, queryHeads hq: Int, kvHeads hkv: Int, table: RopeTable,
                                positions: [Int]) throws -> Tensor {
    let d = table.headDim, qd = hq * d, kd = hkv * d, width = qd + 2 * kd
    guard qkv.rank == 3, hkv > 0, hq % hkv == 0, qkv.shape[2] == width else {
        throw TensorError.shapeMismatch(op: "ropeCausalAttention (qkv [B,T,(Hq+2·Hkv)·D])", lhs: qkv.shape,
                                        rhs: [hq, hkv, d])
    }
    guard d > 0, d % 2 == 0 else {
        throw TensorError.invalidArgument(op: "ropeCausalAttention", reason: "head dim \(d) must be positive and even")
    }
    let b = qkv.shape[0], t = qkv.shape[1], rows = b * t
    guard positions.count == rows else {
        throw TensorError.shapeMismatch(op: "ropeCausalAttention (positions)", lhs: qkv.shape, rhs: [positions.count])
    }
    try table.ensure(positions: positions, op: "ropeCausalAttention")
    let src = qkv.contiguous()
    // q and k rotated, v copied: every element of `rotated` is written.
    let rotated = Tensor(unfilled: qkv.shape)
    ropeApply(src.data, rotated.data, table: table, positions: positions, heads: hq, inverse: false,
              srcStride: width, dstStride: width)
    ropeApply(src.data + qd, rotated.data + qd, table: table, positions: positions, heads: hkv, inverse: false,
              srcStride: width, dstStride: width)
    let sp = src.data + qd + kd, rp = rotated.data + qd + kd
    parallelFor(rows, minChunk: 64) { range in
        for r in range { (rp + r * width).update(from: sp + r * width, count: kd) }
    }
    let out = Tensor(unfilled: [b, t, qd])
    let heads = AttentionHeads(batch: b, positions: t, queryHeads: hq, kvHeads: hkv, headDim: d,
                               qStride: width, kvStride: width, outStride: qd)
    let probs = heads.keptProbabilities(recorded: [qkv])
    let rq = rotated.data
    heads.forward(q: rq, k: rq + qd, v: rq + qd + kd, out: out.data, probs: probs?.data)
    guard let probs = probs else { return out }
    let rd = rotated.detach(), od = out.detach()
    return Tensor.record(out, op: .ropeCausalAttention, inputs: [qkv]) { g in
        let gc = g.contiguous()
        // dq's columns are written whole; dk's and dv's accumulate from zero.
        let grad = Tensor(unfilled: qkv.shape), gp = grad.data
        parallelFor(rows, minChunk: 64) { range in
            for r in range { (gp + r * width + qd).update(repeating: 0, count: 2 * kd) }
        }
        let rq = rd.data
        heads.backward(q: rq, k: rq + qd, v: rq + qd + kd, out: od.data, outGrad: gc.data, probs: probs.data,
                       dq: gp, dk: gp + qd, dv: gp + qd + kd)
        // The rotation's backward is its inverse, in place on the q and k columns.
        ropeApply(gp, gp, table: table, positions: positions, heads: hq, inverse: true,
                  srcStride: width, dstStride: width)
        ropeApply(gp + qd, gp + qd, table: table, positions: positions, heads: hkv, inverse: true,
                  srcStride: width, dstStride: width)
        return [grad]
    }
}

/// The (batch, kv head) tasks of an attention call over q [B, T, Hq, D], k/v [B, T, Hkv, D],
/// the output [B, T, Hq, D] and the kept probabilities [B, Hq, per head], each token's heads
/// at a row stride (q, k and v may sit side by side in packed rows).
private struct AttentionHeads {
    let batch: Int, positions: Int, queryHeads: Int, kvHeads: Int, headDim: Int
    /// Floats from one token's row to the next: of q (and dq), of k and v (and dk, dv), of the
    /// output (and its gradient).
    let qStride: Int, kvStride: Int, outStride: Int
    var group: Int { queryHeads / kvHeads }
    var scale: Float { 1 / Float(headDim).squareRoot() }
    /// Floats of one query head's kept probabilities.
    var probsPerHead: Int { octo_attention_probs_floats(positions) }

    /// The buffer the forward keeps the probabilities in when the call is recorded for autograd
    /// (grad mode on and an input tracking gradients), else nil. Written by the forward; its
    /// padding past each block's keys is never read.
    func keptProbabilities(recorded inputs: [Tensor]) -> Tensor? {
        guard Tensor.willRecord(inputs) else { return nil }
        return Tensor(unfilled: [batch, queryHeads, probsPerHead])
    }

    /// Each (batch, kv head) packs its keys and values once for the group's query heads.
    func forward(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                 out: UnsafeMutablePointer<Float>, probs: UnsafeMutablePointer<Float>?) {
        let clockStart = KernelClock.now
        defer { KernelClock.addAttention(since: clockStart) }
        let t = positions, d = headDim, scale = scale, group = group
        forEach { work, at in
            octo_attention_forward(q + at.q, qStride, group, k + at.kv, v + at.kv, kvStride, t, d, scale,
                                   out + at.out, outStride, probs.map { $0 + at.probs }, work)
        }
    }

    /// Writes dq whole and adds into dk and dv (zero them first). Each (batch, kv head) owns
    /// that head's dk and dv, adding its query heads in order.
    func backward(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                  out: UnsafePointer<Float>, outGrad: UnsafePointer<Float>, probs: UnsafePointer<Float>,
                  dq: UnsafeMutablePointer<Float>, dk: UnsafeMutablePointer<Float>, dv: UnsafeMutablePointer<Float>) {
        let clockStart = KernelClock.now
        defer { KernelClock.addAttention(since: clockStart) }
        let t = positions, d = headDim, scale = scale, group = group
        forEach { work, at in
            octo_attention_backward(q + at.q, qStride, group, k + at.kv, v + at.kv, kvStride,
                                    out + at.out, outGrad + at.out, outStride, probs + at.probs, t, d, scale,
                                    dq + at.q, dk + at.kv, dv + at.kv, work)
        }
    }

    /// Runs `body(scratch, offsets)` for the first query head of every (batch, kv head), split
    /// evenly across threads (causal heads cost the same); each thread's chunk gets one scratch
    /// buffer.
    private func forEach(_ body: (UnsafeMutablePointer<Float>, (q: Int, kv: Int, out: Int, probs: Int)) -> Void) {
        let t = positions, d = headDim, floats = octo_attention_work_floats(t, d), perHead = probsPerHead
        parallelFor(batch * kvHeads) { range in
            let work = AttentionScratch.shared.take(floats)
            defer { AttentionScratch.shared.give(work) }
            for task in range {
                let bi = task / kvHeads, kvh = task % kvHeads, h = kvh * group
                body(work.data, (q: bi * t * qStride + h * d, kv: bi * t * kvStride + kvh * d,
                                 out: bi * t * outStride + h * d, probs: (bi * queryHeads + h) * perHead))
            }
        }
    }
}

/// Scratch buffers of the attention kernels, kept between calls: a buffer of this size freshly
/// allocated is freshly mapped memory, a page fault per page on every call (4–5 % of the
/// samples of attention run in a loop). A thread takes a buffer for one parallel chunk and
/// gives it back; at most `kept` buffers stay.
private final class AttentionScratch {
    static let shared = AttentionScratch()
    private let lock = NSLock()
    private var free: [Storage] = []
    private let kept = 8

    func take(_ floats: Int) -> Storage {
        lock.lock()
        defer { lock.unlock() }
        if let i = free.firstIndex(where: { $0.count >= floats }) { return free.remove(at: i) }
        return Storage(count: floats, zeroed: false)
    }

    func give(_ buffer: Storage) {
        lock.lock()
        defer { lock.unlock() }
        free.append(buffer)
        if free.count > kept, let smallest = free.indices.min(by: { free[$0].count < free[$1].count }) {
            free.remove(at: smallest)
        }
    }
}
