// Fused log-softmax + cross-entropy over rows of logits, with an ignore index.
import Foundation
import CSupport

/// How per-row losses are combined.
public enum LossReduction { case mean, sum, none }

/// Cross-entropy of logits [N, V] against targets [N]; targets equal to `ignoreIndex` count
/// nothing. `.mean` divides by the number of counted rows (0 rows → loss 0).
public func crossEntropy(_ logits: Tensor, targets: [Int], ignoreIndex: Int = -100,
                         reduction: LossReduction = .mean) throws -> Tensor {
    guard logits.rank == 2, logits.shape[0] == targets.count else {
        throw TensorError.shapeMismatch(op: "crossEntropy", lhs: logits.shape, rhs: [targets.count])
    }
    let n = logits.shape[0], v = logits.shape[1]
    for t in targets where t != ignoreIndex && (t < 0 || t >= v) {
        throw TensorError.indexOutOfRange(op: "crossEntropy target", index: t, bound: v)
    }
    let lc = logits.contiguous()
    let lse = Tensor(unfilled: [n])
    let rowLoss = Tensor(unfilled: [n])   // both written for every row below
    let lp = lc.data, lsep = lse.data, rl = rowLoss.data
    targets.withUnsafeBufferPointer { tp in
        parallelFor(n, minChunk: 4) { range in
            for r in range {
                let row = lp + r * v
                let z = logSumExpRow(row, v)
                lsep[r] = z
                let t = tp[r]
                rl[r] = t == ignoreIndex ? 0 : z - row[t]
            }
        }
    }
    let counted = targets.filter { $0 != ignoreIndex }.count
    let out: Tensor
    switch reduction {
    case .none: out = rowLoss
    case .sum, .mean:
        var acc: Double = 0
        for r in 0..<n { acc += Double(rl[r]) }
        let denom = reduction == .mean ? Double(Swift.max(counted, 1)) : 1
        out = Tensor.scalar(Float(acc / denom))
    }
    let ld = lc.detach()
    return Tensor.record(out, op: .crossEntropy, inputs: [logits]) { g in
        // d/dlogits = (softmax − onehot)·scale per row
        let gl = Tensor(unfilled: [n, v])   // every row written below (ignored rows as zeros)
        let gp = g.data, glp = gl.data, lp = ld.data, lsep = lse.data
        let meanScale: Float = reduction == .mean ? 1 / Float(Swift.max(counted, 1)) : 1
        targets.withUnsafeBufferPointer { tp in
            parallelFor(n, minChunk: 4) { range in
                for r in range {
                    let t = tp[r]
                    if t == ignoreIndex { (glp + r * v).update(repeating: 0, count: v); continue }
                    let scale = reduction == .none ? gp[r] : gp[0] * meanScale
                    let row = lp + r * v, dst = glp + r * v, z = lsep[r]
                    _ = octo_exp_sum(row, dst, v, 1, z)
                    octo_scale(dst, v, scale)
                    dst[t] -= scale
                }
            }
        }
        return [gl]
    }
}
