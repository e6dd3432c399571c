// Causal self-attention with grouped-query heads: one (batch, kv head) per task, through the
// register-tiled kernels of CSupport/attention.c. Query rows go in blocks (no T×T matrix per
// head exists at once); forward stores each row's log-sum-exp and backward recomputes the
// probabilities from it (the FlashAttention recipe).
import Foundation
import CSupport

/// Query rows per block for `t` positions: whole 6-row tiles whose score rows stay in L2.
public func attentionBlockRows(positions t: Int) -> Int { octo_attention_block_rows(t) }

/// q: [B, T, Hq, D], k, v: [B, T, Hkv, D] (Hq a multiple of Hkv) → [B, T, Hq, D].
public func causalAttention(q: Tensor, k: Tensor, v: Tensor) throws -> Tensor {
    guard q.rank == 4, k.rank == 4, v.rank == 4, k.shape == v.shape,
          q.shape[0] == k.shape[0], q.shape[1] == k.shape[1], q.shape[3] == k.shape[3],
          k.shape[2] > 0, q.shape[2] % k.shape[2] == 0 else {
        throw TensorError.shapeMismatch(op: "causalAttention (q vs k/v)", lhs: q.shape, rhs: k.shape)
    }
    let b = q.shape[0], t = q.shape[1], hq = q.shape[2], hkv = k.shape[2], d = q.shape[3]
    let qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous()
    // Written whole below (every row of every head, every row's log-sum-exp).
    let out = Tensor(unfilled: q.shape)
    let lse = Tensor(unfilled: [b, hq, t])
    let scale = 1 / Float(d).squareRoot()
    let qp = qc.data, kp = kc.data, vp = vc.data, op = out.data, lp = lse.data
    let heads = AttentionHeads(batch: b, positions: t, queryHeads: hq, kvHeads: hkv, headDim: d)
    let clockStart = KernelClock.now
    defer { KernelClock.addAttention(since: clockStart) }
    // Each (batch, kv head) packs its keys and values once for the group's query heads.
    heads.forEach { work, qOff, kvOff, lseOff in
        octo_attention_forward(qp + qOff, hq * d, heads.group, kp + kvOff, vp + kvOff, hkv * d, t, d, scale,
                               op + qOff, hq * d, lp + lseOff, work)
    }
    let qd = qc.detach(), kd = kc.detach(), vd = vc.detach(), od = out.detach()
    return Tensor.record(out, op: .causalAttention, inputs: [q, k, v]) { g in
        // dQ is written whole (every row of every head); dK and dV accumulate from zero.
        let gc = g.contiguous()
        let dq = Tensor(unfilled: qd.shape), dk = Tensor(zeros: kd.shape), dv = Tensor(zeros: vd.shape)
        let qp = qd.data, kp = kd.data, vp = vd.data, op = od.data, gp = gc.data, lp = lse.data
        let dqp = dq.data, dkp = dk.data, dvp = dv.data
        let clockStart = KernelClock.now
        defer { KernelClock.addAttention(since: clockStart) }
        // Each (batch, kv head) owns that head's dK and dV, adding its query heads in order.
        heads.forEach { work, qOff, kvOff, lseOff in
            octo_attention_backward(qp + qOff, hq * d, heads.group, kp + kvOff, vp + kvOff, hkv * d,
                                    op + qOff, gp + qOff, lp + lseOff, t, d, scale,
                                    dqp + qOff, dkp + kvOff, dvp + kvOff, work)
        }
        return [dq, dk, dv]
    }
}

/// The (batch, kv head) tasks of an attention call over q [B, T, Hq, D], k/v [B, T, Hkv, D]
/// and the log-sum-exp [B, Hq, T].
private struct AttentionHeads {
    let batch: Int, positions: Int, queryHeads: Int, kvHeads: Int, headDim: Int
    var group: Int { queryHeads / kvHeads }

    /// Runs `body(scratch, q offset, k/v offset, log-sum-exp offset)` for the first query head
    /// of every (batch, kv head), split evenly across threads (causal heads cost the same); each
    /// thread's chunk gets one scratch buffer.
    func forEach(_ body: (UnsafeMutablePointer<Float>, Int, Int, Int) -> Void) {
        let t = positions, d = headDim, floats = octo_attention_work_floats(t, d)
        parallelFor(batch * kvHeads) { range in
            let work = AttentionScratch.shared.take(floats)
            defer { AttentionScratch.shared.give(work) }
            for task in range {
                let bi = task / kvHeads, kvh = task % kvHeads, h = kvh * group
                body(work.data, (bi * t * queryHeads + h) * d, (bi * t * kvHeads + kvh) * d, (bi * queryHeads + h) * t)
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
