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

/// silu(gate)·up on packed rows: `gateUp` [..., 2F] holds each row's gate then its up (one
/// GEMM's output, `linear(x, [gate, up], …)`) → [..., F]. The same bits as `swiglu(gate:up:)`
/// on the halves; the backward writes one packed gradient.
public func swiglu(gateUp: Tensor) throws -> Tensor {
    guard gateUp.rank >= 1, let width = gateUp.shape.last, width % 2 == 0 else {
        throw TensorError.invalidArgument(op: "swiglu(gateUp:)",
                                          reason: "the last dimension holds gate then up, so it must be even; got shape \(gateUp.shape)")
    }
    let f = width / 2, rows = gateUp.count / Swift.max(width, 1)
    let src = gateUp.contiguous()
    let out = Tensor(unfilled: Array(gateUp.shape.dropLast()) + [f])   // the kernel writes every element
    let sp = src.data, op = out.data
    parallelFor(rows, minChunk: Swift.max(1, 4096 / Swift.max(f, 1))) { range in
        for r in range { octo_swiglu(sp + r * width, sp + r * width + f, op + r * f, f) }
    }
    let sd = src.detach()
    return Tensor.record(out, op: .swiglu, inputs: [gateUp]) { g in
        let grad = Tensor(unfilled: sd.shape)
        let sp = sd.data, dy = g.data, gp = grad.data
        parallelFor(rows, minChunk: Swift.max(1, 4096 / Swift.max(f, 1))) { range in
            for r in range {
                let row = r * width
                octo_swiglu_backward(sp + row, sp + row + f, dy + r * f, gp + row, gp + row + f, f)
            }
        }
        return [grad]
    }
}
