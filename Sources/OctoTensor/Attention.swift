// Causal self-attention with grouped-query heads, row-blocked so that no T×T matrix per head
// exists at once (a block of `blockRows` query rows × keys is the largest scratch).
// Forward stores each row's log-sum-exp; backward recomputes probabilities from it
// (the FlashAttention recipe, on BLAS blocks).
import Foundation
import CSupport

/// Query rows per block.
public let attentionBlockRows = 64

/// q: [B, T, Hq, D], k, v: [B, T, Hkv, D] (Hq a multiple of Hkv) → [B, T, Hq, D].
public func causalAttention(q: Tensor, k: Tensor, v: Tensor) throws -> Tensor {
    guard q.rank == 4, k.rank == 4, v.rank == 4, k.shape == v.shape,
          q.shape[0] == k.shape[0], q.shape[1] == k.shape[1], q.shape[3] == k.shape[3],
          k.shape[2] > 0, q.shape[2] % k.shape[2] == 0 else {
        throw TensorError.shapeMismatch(op: "causalAttention (q vs k/v)", lhs: q.shape, rhs: k.shape)
    }
    let b = q.shape[0], t = q.shape[1], hq = q.shape[2], hkv = k.shape[2], d = q.shape[3]
    let qc = q.contiguous(), kc = k.contiguous(), vc = v.contiguous()
    // Written whole below (every row block's P·V at beta = 0, every row's log-sum-exp).
    let out = Tensor(unfilled: q.shape)
    let lse = Tensor(unfilled: [b, hq, t])
    let scale = 1 / Float(d).squareRoot()
    let qp = qc.data, kp = kc.data, vp = vc.data, op = out.data, lp = lse.data
    let clockStart = KernelClock.now
    defer { KernelClock.addAttention(since: clockStart) }
    withSingleThreadedBLAS {
        parallelFor(b * hq) { range in
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: attentionBlockRows * t)
            defer { scratch.deallocate() }
            for bh in range {
                let bi = bh / hq, h = bh % hq, kvh = h / (hq / hkv)
                let kBase = kp + (bi * t * hkv + kvh) * d, vBase = vp + (bi * t * hkv + kvh) * d
                var i0 = 0
                while i0 < t {
                    let rows = min(attentionBlockRows, t - i0), keys = i0 + rows
                    let qBlk = qp + ((bi * t + i0) * hq + h) * d
                    sgemm(transA: false, transB: true, m: rows, n: keys, k: d, alpha: scale,
                          a: qBlk, lda: hq * d, b: kBase, ldb: hkv * d, c: scratch, ldc: keys)
                    for r in 0..<rows {
                        let row = scratch + r * keys, valid = i0 + r + 1
                        for j in valid..<keys { row[j] = 0 }
                        let m = octo_max(row, valid)
                        let sum = octo_exp_sum(row, row, valid, 1, m)
                        lp[(bi * hq + h) * t + i0 + r] = m + Foundation.log(sum)
                        octo_scale(row, valid, 1 / sum)
                    }
                    sgemm(transA: false, transB: false, m: rows, n: d, k: keys, a: scratch, lda: keys,
                          b: vBase, ldb: hkv * d, c: op + ((bi * t + i0) * hq + h) * d, ldc: hq * d)
                    i0 += rows
                }
            }
        }
    }
    let qd = qc.detach(), kd = kc.detach(), vd = vc.detach(), od = out.detach()
    return Tensor.record(out, op: .causalAttention, inputs: [q, k, v]) { g in
        // dQ is written whole (each row block at beta = 0); dK and dV accumulate from zero.
        let dq = Tensor(unfilled: qd.shape), dk = Tensor(zeros: kd.shape), dv = Tensor(zeros: vd.shape)
        let qp = qd.data, kp = kd.data, vp = vd.data, op = od.data, gp = g.data, lp = lse.data
        let dqp = dq.data, dkp = dk.data, dvp = dv.data
        let group = hq / hkv
        let clockStart = KernelClock.now
        defer { KernelClock.addAttention(since: clockStart) }
        withSingleThreadedBLAS {
            parallelFor(b * hkv) { range in
                let p = UnsafeMutablePointer<Float>.allocate(capacity: attentionBlockRows * t)
                let dp = UnsafeMutablePointer<Float>.allocate(capacity: attentionBlockRows * t)
                defer { p.deallocate(); dp.deallocate() }
                for bk in range {
                    let bi = bk / hkv, kvh = bk % hkv
                    let kBase = kp + (bi * t * hkv + kvh) * d, vBase = vp + (bi * t * hkv + kvh) * d
                    let dkBase = dkp + (bi * t * hkv + kvh) * d, dvBase = dvp + (bi * t * hkv + kvh) * d
                    for h in (kvh * group)..<((kvh + 1) * group) {
                        var i0 = 0
                        while i0 < t {
                            let rows = min(attentionBlockRows, t - i0), keys = i0 + rows
                            let off = ((bi * t + i0) * hq + h) * d
                            let qBlk = qp + off, oBlk = op + off, gBlk = gp + off
                            sgemm(transA: false, transB: true, m: rows, n: keys, k: d, alpha: scale,
                                  a: qBlk, lda: hq * d, b: kBase, ldb: hkv * d, c: p, ldc: keys)
                            for r in 0..<rows {
                                let row = p + r * keys, valid = i0 + r + 1
                                let z = lp[(bi * hq + h) * t + i0 + r]
                                _ = octo_exp_sum(row, row, valid, 1, z)
                                for j in valid..<keys { row[j] = 0 }
                            }
                            // dV += Pᵀ dO
                            sgemm(transA: true, transB: false, m: keys, n: d, k: rows, a: p, lda: keys,
                                  b: gBlk, ldb: hq * d, beta: 1, c: dvBase, ldc: hkv * d)
                            // dP = dO Vᵀ
                            sgemm(transA: false, transB: true, m: rows, n: keys, k: d, a: gBlk, lda: hq * d,
                                  b: vBase, ldb: hkv * d, c: dp, ldc: keys)
                            // dS = P ∘ (dP − rowsum(dO ∘ O)) · scale
                            for r in 0..<rows {
                                let go = gBlk + r * hq * d, oo = oBlk + r * hq * d
                                var di: Float = 0
                                for j in 0..<d { di += go[j] * oo[j] }
                                let pr = p + r * keys, dpr = dp + r * keys
                                for j in 0..<keys { dpr[j] = pr[j] * (dpr[j] - di) * scale }
                            }
                            // dQ = dS K ; dK += dSᵀ Q
                            sgemm(transA: false, transB: false, m: rows, n: d, k: keys, a: dp, lda: keys,
                                  b: kBase, ldb: hkv * d, c: dqp + off, ldc: hq * d)
                            sgemm(transA: true, transB: false, m: keys, n: d, k: rows, a: dp, lda: keys,
                                  b: qBlk, ldb: hq * d, beta: 1, c: dkBase, ldc: hkv * d)
                            i0 += rows
                        }
                    }
                }
            }
        }
        return [dq, dk, dv]
    }
}
