// SiLU and SwiGLU: silu(g) = g·σ(g); swiglu(g, u) = silu(g)·u. Forward and backward.
import Foundation
import CSupport

@inline(__always) func sigmoid(_ x: Float) -> Float { 1 / (1 + Foundation.exp(-x)) }

/// silu(x) = x·σ(x).
public func silu(_ x: Tensor) -> Tensor {
    let out = x.mapValues { $0 * sigmoid($0) }
    let xd = x.contiguous().detach()
    return Tensor.record(out, op: .silu, inputs: [x]) { g in
        let gx = Tensor(zeros: xd.shape)
        for i in 0..<xd.count {
            let v = xd.data[i], s = sigmoid(v)
            gx.data[i] = g.data[i] * s * (1 + v * (1 - s))
        }
        return [gx]
    }
}

/// silu(gate)·up, fused. gate and up have the same shape.
public func swiglu(gate: Tensor, up: Tensor) throws -> Tensor {
    guard gate.shape == up.shape else { throw TensorError.shapeMismatch(op: "swiglu", lhs: gate.shape, rhs: up.shape) }
    let gc = gate.contiguous(), uc = up.contiguous()
    let out = Tensor(unfilled: gate.shape)   // the kernel writes every element
    let n = out.count, gp = gc.data, upp = uc.data, op = out.data
    parallelFor(n, minChunk: 4096) { range in
        octo_swiglu(gp + range.lowerBound, upp + range.lowerBound, op + range.lowerBound, range.count)
    }
    let gd = gc.detach(), ud = uc.detach()
    return Tensor.record(out, op: .swiglu, inputs: [gate, up]) { g in
        let dg = Tensor(unfilled: gd.shape), du = Tensor(unfilled: ud.shape)
        let gp = gd.data, upp = ud.data, dy = g.data, dgp = dg.data, dup = du.data
        parallelFor(n, minChunk: 4096) { range in
            let o = range.lowerBound
            octo_swiglu_backward(gp + o, upp + o, dy + o, dgp + o, dup + o, range.count)
        }
        return [dg, du]
    }
}
