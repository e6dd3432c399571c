// Softmax and log-softmax over the last dim, forward and backward.
import Foundation
import CSupport

/// Softmax over the last dimension.
public func softmax(_ x: Tensor) -> Tensor {
    let c = x.shape.last ?? 1
    let xc = x.contiguous()
    let rows = x.count / Swift.max(c, 1)
    let out = Tensor(unfilled: x.shape)   // every row written below
    let xp = xc.data, op = out.data
    parallelFor(rows, minChunk: 8) { range in
        for r in range { softmaxRow(xp + r * c, op + r * c, c) }
    }
    let y = out.detach()
    return Tensor.record(out, op: .softmax, inputs: [x]) { g in
        // dx = y·(dy − Σ dy·y)
        let gx = Tensor(unfilled: y.shape)   // every row written below
        let yp = y.data, gp = g.data, gxp = gx.data
        parallelFor(rows, minChunk: 8) { range in
            for r in range {
                let yr = yp + r * c, gr = gp + r * c, dst = gxp + r * c
                let dot = octo_dot(gr, yr, c)
                for j in 0..<c { dst[j] = yr[j] * (gr[j] - dot) }
            }
        }
        return [gx]
    }
}

/// log-softmax over the last dimension.
public func logSoftmax(_ x: Tensor) -> Tensor {
    let c = x.shape.last ?? 1
    let xc = x.contiguous()
    let rows = x.count / Swift.max(c, 1)
    let out = Tensor(unfilled: x.shape)   // every row written below
    let xp = xc.data, op = out.data
    parallelFor(rows, minChunk: 8) { range in
        for r in range {
            let row = xp + r * c, dst = op + r * c
            let lse = logSumExpRow(row, c)
            for j in 0..<c { dst[j] = row[j] - lse }
        }
    }
    let y = out.detach()
    return Tensor.record(out, op: .logSoftmax, inputs: [x]) { g in
        // dx = dy − softmax·Σ dy
        let gx = Tensor(unfilled: y.shape)   // every row written below
        let yp = y.data, gp = g.data, gxp = gx.data
        parallelFor(rows, minChunk: 8) { range in
            for r in range {
                let yr = yp + r * c, gr = gp + r * c, dst = gxp + r * c
                var s: Float = 0
                for j in 0..<c { s += gr[j] }
                _ = octo_exp_sum(yr, dst, c, 1, 0)
                for j in 0..<c { dst[j] = gr[j] - dst[j] * s }
            }
        }
        return [gx]
    }
}

/// Stable softmax of one row of length n into dst.
@inline(__always)
public func softmaxRow(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
    let m = octo_max(src, n)
    let s = octo_exp_sum(src, dst, n, 1, m)
    octo_scale(dst, n, 1 / s)
}

/// log Σ exp of one row, stably (the exponentials are summed, not stored).
@inline(__always)
public func logSumExpRow(_ src: UnsafePointer<Float>, _ n: Int) -> Float {
    let m = octo_max(src, n)
    if m == -Float.infinity { return m }
    return m + Foundation.log(octo_exp_sum(src, nil, n, 1, m))
}

/// The sampling distribution of one logits row at `temperature`: writes softmax(logits / T)
/// into `probs` and returns log Z (so log p_j = logits_j / T − log Z) and the entropy in nats,
/// computed as log Z − Σ p_j · logits_j / T (no per-element log).
public func temperedDistribution(_ logits: UnsafePointer<Float>, count v: Int, temperature t: Float,
                                 probs: UnsafeMutablePointer<Float>) -> (logZ: Float, entropy: Float) {
    let inv = 1 / t
    let m = octo_max(logits, v) * inv
    let s = octo_exp_sum(logits, probs, v, inv, m)
    octo_scale(probs, v, 1 / s)
    let logZ = m + Foundation.log(s)
    let expected = octo_dot(probs, logits, v) * inv
    return (logZ, max(0, logZ - expected))
}
