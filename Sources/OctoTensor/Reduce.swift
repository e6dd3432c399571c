// Reductions over one axis — sum, mean, max, argmax, logsumexp — forward and backward.
import Foundation
import CSupport

extension Tensor {
    /// Splits the shape around `axis` into (outer, n, inner) for a contiguous layout.
    func axisSplit(_ axis: Int, op: String) throws -> (Int, Int, Int, Int) {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else {
            throw TensorError.invalidArgument(op: op, reason: "axis \(axis) out of range for shape \(shape)")
        }
        return (a, shape[..<a].reduce(1, *), shape[a], shape[(a + 1)...].reduce(1, *))
    }

    func reducedShape(_ a: Int, keepDims: Bool) -> [Int] {
        var s = shape
        if keepDims { s[a] = 1 } else { s.remove(at: a) }
        return s
    }

    /// Sum of all elements (a scalar).
    public func sum() -> Tensor {
        let c = contiguous()
        var acc: Double = 0
        for i in 0..<count { acc += Double(c.data[i]) }
        let out = Tensor.scalar(Float(acc))
        let sh = shape
        return Tensor.record(out, op: .sum, inputs: [self]) { g in [Tensor.full(sh, g.item)] }
    }

    /// Mean of all elements (a scalar).
    public func mean() -> Tensor { sum().scaled(1 / Float(Swift.max(count, 1))) }

    /// Sum over `axis`.
    public func sum(axis: Int, keepDims: Bool = false) throws -> Tensor {
        let (a, outer, n, inner) = try axisSplit(axis, op: "sum")
        let c = contiguous()
        let out = Tensor(zeros: reducedShape(a, keepDims: keepDims))
        for o in 0..<outer {
            for k in 0..<n {
                let src = c.data + (o * n + k) * inner, dst = out.data + o * inner
                for i in 0..<inner { dst[i] += src[i] }
            }
        }
        let sh = shape
        return Tensor.record(out, op: .sumAxis, inputs: [self]) { g in
            let full = Tensor(zeros: sh)
            for o in 0..<outer { for k in 0..<n {
                (full.data + (o * n + k) * inner).update(from: g.data + o * inner, count: inner)
            } }
            return [full]
        }
    }

    /// Mean over `axis`.
    public func mean(axis: Int, keepDims: Bool = false) throws -> Tensor {
        let (_, _, n, _) = try axisSplit(axis, op: "mean")
        return try sum(axis: axis, keepDims: keepDims).scaled(1 / Float(Swift.max(n, 1)))
    }

    /// Maximum over `axis`; the gradient goes to the first maximal element.
    public func max(axis: Int, keepDims: Bool = false) throws -> Tensor {
        let (a, outer, n, inner) = try axisSplit(axis, op: "max")
        guard n > 0 else { throw TensorError.invalidShape(op: "max", shape: shape, reason: "empty axis") }
        let c = contiguous()
        let out = Tensor(zeros: reducedShape(a, keepDims: keepDims))
        var arg = [Int](repeating: 0, count: outer * inner)
        for o in 0..<outer { for i in 0..<inner {
            var best = -Float.infinity, bi = 0
            for k in 0..<n { let v = c.data[(o * n + k) * inner + i]; if v > best { best = v; bi = k } }
            out.data[o * inner + i] = best; arg[o * inner + i] = bi
        } }
        let sh = shape
        return Tensor.record(out, op: .maxAxis, inputs: [self]) { g in
            let full = Tensor(zeros: sh)
            for o in 0..<outer { for i in 0..<inner {
                full.data[(o * n + arg[o * inner + i]) * inner + i] = g.data[o * inner + i]
            } }
            return [full]
        }
    }

    /// Index of the first maximum over `axis` (not differentiable).
    public func argmax(axis: Int) throws -> [Int] {
        let (_, outer, n, inner) = try axisSplit(axis, op: "argmax")
        guard n > 0 else { throw TensorError.invalidShape(op: "argmax", shape: shape, reason: "empty axis") }
        let c = contiguous()
        var res = [Int](repeating: 0, count: outer * inner)
        for o in 0..<outer { for i in 0..<inner {
            var best = -Float.infinity, bi = 0
            for k in 0..<n { let v = c.data[(o * n + k) * inner + i]; if v > best { best = v; bi = k } }
            res[o * inner + i] = bi
        } }
        return res
    }

    /// log Σ exp over `axis`, computed stably.
    public func logsumexp(axis: Int, keepDims: Bool = false) throws -> Tensor {
        let (a, outer, n, inner) = try axisSplit(axis, op: "logsumexp")
        let c = contiguous()
        let out = Tensor(zeros: reducedShape(a, keepDims: keepDims))
        for o in 0..<outer { for i in 0..<inner {
            var m = -Float.infinity
            for k in 0..<n { m = Swift.max(m, c.data[(o * n + k) * inner + i]) }
            var s: Float = 0
            for k in 0..<n { s += Foundation.exp(c.data[(o * n + k) * inner + i] - m) }
            out.data[o * inner + i] = m + Foundation.log(s)
        } }
        let x = c.detach(), y = out.detach(), sh = shape
        return Tensor.record(out, op: .logsumexp, inputs: [self]) { g in
            let full = Tensor(zeros: sh)
            for o in 0..<outer { for k in 0..<n { for i in 0..<inner {
                let p = (o * n + k) * inner + i
                full.data[p] = g.data[o * inner + i] * Foundation.exp(x.data[p] - y.data[o * inner + i])
            } } }
            return [full]
        }
    }
}

extension Tensor {
    /// Σ x² over all elements in double, not recorded. Fixed chunks of 2¹⁶ elements are summed
    /// on the engine's threads and their sums added in order, so the bits do not depend on the
    /// thread count.
    public func sumOfSquares() -> Double {
        let c = contiguous(), n = count, chunk = 1 << 16
        let chunks = (n + chunk - 1) / chunk
        var partial = [Double](repeating: 0, count: chunks)
        partial.withUnsafeMutableBufferPointer { out in
            guard let o = out.baseAddress else { return }
            let p = c.data
            parallelTasks(chunks) { i in o[i] = octo_sum_squares(p + i * chunk, Swift.min(chunk, n - i * chunk)) }
        }
        return partial.reduce(0, +)
    }
}
