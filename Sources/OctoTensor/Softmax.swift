// Softmax and log-softmax over the last dim, forward and backward.
import Foundation

/// Softmax over the last dimension.
public func softmax(_ x: Tensor) -> Tensor {
    let c = x.shape.last ?? 1
    let xc = x.contiguous()
    let rows = x.count / Swift.max(c, 1)
    let out = Tensor(zeros: x.shape)
    let xp = xc.data, op = out.data
    parallelFor(rows, minChunk: 8) { range in
        for r in range { softmaxRow(xp + r * c, op + r * c, c) }
    }
    let y = out.detach()
    return Tensor.record(out, op: "softmax", inputs: [x]) { g in
        // dx = y·(dy − Σ dy·y)
        let gx = Tensor(zeros: y.shape)
        let yp = y.data, gp = g.data, gxp = gx.data
        parallelFor(rows, minChunk: 8) { range in
            for r in range {
                let yr = yp + r * c, gr = gp + r * c, dst = gxp + r * c
                var dot: Float = 0
                for j in 0..<c { dot += gr[j] * yr[j] }
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
    let out = Tensor(zeros: x.shape)
    let xp = xc.data, op = out.data
    parallelFor(rows, minChunk: 8) { range in
        for r in range {
            let row = xp + r * c, dst = op + r * c
            let lse = logSumExpRow(row, c)
            for j in 0..<c { dst[j] = row[j] - lse }
        }
    }
    let y = out.detach()
    return Tensor.record(out, op: "logSoftmax", inputs: [x]) { g in
        // dx = dy − softmax·Σ dy
        let gx = Tensor(zeros: y.shape)
        let yp = y.data, gp = g.data, gxp = gx.data
        parallelFor(rows, minChunk: 8) { range in
            for r in range {
                let yr = yp + r * c, gr = gp + r * c, dst = gxp + r * c
                var s: Float = 0
                for j in 0..<c { s += gr[j] }
                for j in 0..<c { dst[j] = gr[j] - Foundation.exp(yr[j]) * s }
            }
        }
        return [gx]
    }
}

/// Stable softmax of one row of length n into dst.
@inline(__always)
public func softmaxRow(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
    var m = -Float.infinity
    for j in 0..<n { m = Swift.max(m, src[j]) }
    var s: Float = 0
    for j in 0..<n { let e = Foundation.exp(src[j] - m); dst[j] = e; s += e }
    let inv = 1 / s
    for j in 0..<n { dst[j] *= inv }
}

/// log Σ exp of one row, stably.
@inline(__always)
public func logSumExpRow(_ src: UnsafePointer<Float>, _ n: Int) -> Float {
    var m = -Float.infinity
    for j in 0..<n { m = Swift.max(m, src[j]) }
    if m == -Float.infinity { return m }
    var s: Float = 0
    for j in 0..<n { s += Foundation.exp(src[j] - m) }
    return m + Foundation.log(s)
}
