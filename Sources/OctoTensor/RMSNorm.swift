// RMSNorm (Llama/Qwen2): y = x / sqrt(mean(x²) + eps) * w, over the last dim. Forward and backward.
import Foundation
import CSupport

/// x: [..., C], weight: [C] → [..., C].
public func rmsNorm(_ x: Tensor, weight: Tensor, eps: Float) throws -> Tensor {
    let c = x.shape.last ?? 0
    guard weight.shape == [c] else { throw TensorError.shapeMismatch(op: "rmsNorm", lhs: x.shape, rhs: weight.shape) }
    let xc = x.contiguous(), w = weight.contiguous()
    let rows = x.count / Swift.max(c, 1)
    let out = Tensor(unfilled: x.shape)   // both written for every row below
    let rstd = Tensor(unfilled: [rows])
    let xp = xc.data, wp = w.data, op = out.data, rp = rstd.data
    parallelFor(rows, minChunk: 16) { range in
        for r in range {
            let row = xp + r * c, dst = op + r * c
            let ss = octo_dot(row, row, c)
            let s = 1 / (ss / Float(c) + eps).squareRoot()
            rp[r] = s
            for j in 0..<c { dst[j] = wp[j] * (row[j] * s) }
        }
    }
    let xd = xc.detach(), wd = w.detach()
    return Tensor.record(out, op: .rmsNorm, inputs: [x, weight]) { g in
        let gx = Tensor(unfilled: xd.shape)   // written for every row below
        let gp = g.data, gxp = gx.data, xp = xd.data, wp = wd.data, rp = rstd.data
        // dx = s·(dŷ − x̂·mean(dŷ·x̂)), with x̂ = x·s and dŷ = dy·w
        parallelFor(rows, minChunk: 16) { range in
            for r in range {
                let s = rp[r], row = xp + r * c, gr = gp + r * c, dst = gxp + r * c
                let dot = octo_dot3(gr, wp, row, c) * s
                let m = dot / Float(c)
                for j in 0..<c { dst[j] = s * (gr[j] * wp[j] - row[j] * s * m) }
            }
        }
        // dw = Σ_rows dy·x̂ (sequential over rows: deterministic)
        let gw = Tensor(zeros: [c])
        for r in 0..<rows {
            let s = rp[r], row = xp + r * c, gr = gp + r * c
            for j in 0..<c { gw.data[j] += gr[j] * row[j] * s }
        }
        return [gx, gw]
    }
}
