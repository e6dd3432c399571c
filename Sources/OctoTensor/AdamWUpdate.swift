// The AdamW arithmetic over raw buffers (the optimizer's state and rules live in OctoTrain):
// one C kernel that vectorises the update the Swift loop ran scalar, with the same bits.
import CSupport

/// The constants of one AdamW step (torch.optim.AdamW, single-tensor path).
public struct AdamWConstants: Sendable {
    public var decay, beta1, beta2, bc2Sqrt, eps, stepSize: Float
    public init(decay: Float, beta1: Float, beta2: Float, bc2Sqrt: Float, eps: Float, stepSize: Float) {
        self.decay = decay; self.beta1 = beta1; self.beta2 = beta2; self.bc2Sqrt = bc2Sqrt; self.eps = eps; self.stepSize = stepSize
    }
}

/// Updates `param` and its moments `expAvg`, `expAvgSq` in place from `grad`, element by element:
/// p ← p·decay − stepSize · m/(√v / bc2Sqrt + eps) with m ← m + (g − m)(1 − β1), v ← v·β2 + (1 − β2)g².
/// Elements are independent, so the split across threads never changes a result.
/// - Throws: `TensorError.shapeMismatch` when the four tensors differ in shape,
///   `TensorError.invalidArgument` when a tensor updated in place is a strided view.
public func adamWUpdate(param: Tensor, grad: Tensor, expAvg: Tensor, expAvgSq: Tensor, _ k: AdamWConstants) throws {
    for other in [grad, expAvg, expAvgSq] where other.shape != param.shape {
        throw TensorError.shapeMismatch(op: "adamWUpdate", lhs: param.shape, rhs: other.shape)
    }
    guard param.isContiguous, expAvg.isContiguous, expAvgSq.isContiguous else {
        throw TensorError.invalidArgument(op: "adamWUpdate", reason: "the parameter and its moments must be contiguous (updated in place)")
    }
    let pp = param.data, gp = grad.contiguous().data, mp = expAvg.data, vp = expAvgSq.data
    parallelFor(param.count, minChunk: 16384) { r in
        let o = r.lowerBound
        octo_adamw(pp + o, gp + o, mp + o, vp + o, r.count, k.decay, 1 - k.beta1, k.beta2, 1 - k.beta2, k.bc2Sqrt, k.eps, k.stepSize)
    }
}
