// Views that share storage — reshape, transpose, narrow — and their backward passes.

extension Tensor {
    /// Same values in a new shape (one dimension may be -1). Shares storage when contiguous.
    public func reshape(_ newShape: [Int]) throws -> Tensor {
        var dims = newShape
        let known = dims.filter { $0 != -1 }.reduce(1, *)
        let inferred = dims.filter { $0 == -1 }.count
        guard inferred <= 1, dims.allSatisfy({ $0 >= -1 }) else {
            throw TensorError.invalidShape(op: "reshape", shape: newShape, reason: "at most one -1 and no negative sizes")
        }
        if inferred == 1 {
            guard known > 0, count % known == 0 else { throw TensorError.shapeMismatch(op: "reshape", lhs: shape, rhs: newShape) }
            if let i = dims.firstIndex(of: -1) { dims[i] = count / known }
        }
        guard dims.reduce(1, *) == count else { throw TensorError.shapeMismatch(op: "reshape", lhs: shape, rhs: newShape) }
        let src = contiguous()
        let out = Tensor(storage: src.storage, shape: dims, strides: Tensor.contiguousStrides(dims), offset: src.offset)
        let inShape = shape
        return Tensor.record(out, op: .reshape, inputs: [src]) { g in
            [Tensor(storage: g.storage, shape: inShape, strides: Tensor.contiguousStrides(inShape), offset: g.offset)]
        }
    }

    /// Swaps two dimensions (a strided view; matmul passes it to BLAS as a transpose).
    public func transpose(_ d0: Int = -2, _ d1: Int = -1) throws -> Tensor {
        let a = d0 < 0 ? d0 + rank : d0, b = d1 < 0 ? d1 + rank : d1
        guard a >= 0, a < rank, b >= 0, b < rank else {
            throw TensorError.invalidArgument(op: "transpose", reason: "dims \(d0), \(d1) out of range for shape \(shape)")
        }
        var sh = shape, st = strides
        sh.swapAt(a, b); st.swapAt(a, b)
        let out = Tensor(storage: storage, shape: sh, strides: st, offset: offset)
        return Tensor.record(out, op: .transpose, inputs: [self]) { g in
            guard let gt = try? g.transpose(a, b) else { return [nil] }
            return [gt.contiguous()]
        }
    }

    /// Elements `start..<start+length` along `dim` (a view).
    public func narrow(_ dim: Int, _ start: Int, _ length: Int) throws -> Tensor {
        let d = dim < 0 ? dim + rank : dim
        guard d >= 0, d < rank else { throw TensorError.invalidArgument(op: "narrow", reason: "dim \(dim) out of range for shape \(shape)") }
        guard start >= 0, length >= 0, start + length <= shape[d] else {
            throw TensorError.indexOutOfRange(op: "narrow", index: start + length, bound: shape[d] + 1)
        }
        var sh = shape; sh[d] = length
        let out = Tensor(storage: storage, shape: sh, strides: strides, offset: offset + start * strides[d])
        let inShape = shape
        return Tensor.record(out, op: .narrow, inputs: [self]) { g in
            let full = Tensor(zeros: inShape)
            let outer = inShape[..<d].reduce(1, *), inner = inShape[(d + 1)...].reduce(1, *)
            for o in 0..<outer {
                let dst = full.data + (o * inShape[d] + start) * inner
                dst.update(from: g.data + o * length * inner, count: length * inner)
            }
            return [full]
        }
    }

    /// Row `i` of the first dimension (a view), like `x[i]`. Negative indices count from the end.
    public func index(_ i: Int) throws -> Tensor {
        guard rank > 0 else { throw TensorError.invalidArgument(op: "index", reason: "cannot index a scalar") }
        let j = i < 0 ? i + shape[0] : i
        guard j >= 0, j < shape[0] else { throw TensorError.indexOutOfRange(op: "index", index: i, bound: shape[0]) }
        return try narrow(0, j, 1).reshape(Array(shape.dropFirst()))
    }

    /// Concatenates tensors along `dim`.
    public static func concat(_ parts: [Tensor], dim: Int) throws -> Tensor {
        guard let first = parts.first else { throw TensorError.invalidArgument(op: "concat", reason: "no tensors") }
        let d = dim < 0 ? dim + first.rank : dim
        guard d >= 0, d < first.rank else { throw TensorError.invalidArgument(op: "concat", reason: "dim \(dim) out of range") }
        for p in parts {
            var a = p.shape, b = first.shape
            guard a.count == b.count else { throw TensorError.shapeMismatch(op: "concat", lhs: first.shape, rhs: p.shape) }
            a[d] = 0; b[d] = 0
            guard a == b else { throw TensorError.shapeMismatch(op: "concat", lhs: first.shape, rhs: p.shape) }
        }
        var sh = first.shape
        sh[d] = parts.reduce(0) { $0 + $1.shape[d] }
        let out = Tensor(zeros: sh)
        let outer = sh[..<d].reduce(1, *), inner = sh[(d + 1)...].reduce(1, *)
        var at = 0
        let cs = parts.map { $0.contiguous() }
        for p in cs {
            let w = p.shape[d] * inner
            for o in 0..<outer { (out.data + o * sh[d] * inner + at).update(from: p.data + o * w, count: w) }
            at += w
        }
        let sizes = parts.map { $0.shape[d] }
        return record(out, op: .concat, inputs: parts) { g in
            var start = 0
            return sizes.map { s in
                defer { start += s }
                return (try? g.narrow(d, start, s))?.contiguous()
            }
        }
    }
}
