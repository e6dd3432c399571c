// Matrix products through cblas_sgemm: matmul (2-D and batched) and linear (x Wᵀ + b).
// Transposed views are passed to BLAS as transposes, never materialised. Outputs that a
// beta = 0 GEMM writes whole are not zero-filled first (BLAS never reads them at beta = 0,
// so the bits are the same).

extension Tensor {
    /// For the last two dims: (is a transposed view, leading dimension) if BLAS can read it.
    func blasLayout() -> (trans: Bool, ld: Int)? {
        guard rank >= 2 else { return nil }
        let r = shape[rank - 2], c = shape[rank - 1]
        let sr = strides[rank - 2], sc = strides[rank - 1]
        if sc == 1 && (sr >= c || r == 1) { return (false, Swift.max(sr, c, 1)) }
        if sr == 1 && (sc >= r || c == 1) { return (true, Swift.max(sc, r, 1)) }
        return nil
    }

    /// Batch dims must be contiguous around the matrix for a single offset step per batch.
    func batchStride() -> Int? {
        guard rank >= 2 else { return 0 }
        if rank == 2 { return 0 }
        // Require leading dims to be laid out contiguously over the matrices.
        var expect = strides[rank - 3]
        for d in stride(from: rank - 3, through: 0, by: -1) {
            if strides[d] != expect { return nil }
            expect *= shape[d]
        }
        return strides[rank - 3]
    }

    /// Matrix product. a: [..., M, K], b: [K, N] or [..., M?, K, N] with the same batch dims.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard rank >= 2, other.rank >= 2 else {
            throw TensorError.shapeMismatch(op: "matmul (needs rank ≥ 2)", lhs: shape, rhs: other.shape)
        }
        let m = shape[rank - 2], k = shape[rank - 1]
        let k2 = other.shape[other.rank - 2], n = other.shape[other.rank - 1]
        guard k == k2 else { throw TensorError.shapeMismatch(op: "matmul", lhs: shape, rhs: other.shape) }
        let batchA = Array(shape.dropLast(2)), batchB = Array(other.shape.dropLast(2))
        guard other.rank == 2 || batchA == batchB else {
            throw TensorError.shapeMismatch(op: "matmul (batch dims)", lhs: shape, rhs: other.shape)
        }
        let a = (blasLayout() != nil && batchStride() != nil) ? self : contiguous()
        let b = (other.blasLayout() != nil && other.batchStride() != nil) ? other : other.contiguous()
        guard let la = a.blasLayout(), let lb = b.blasLayout(), let sa = a.batchStride(), let sb = b.batchStride() else {
            throw TensorError.invalidArgument(op: "matmul", reason: "unsupported strides")
        }
        let batches = batchA.reduce(1, *)
        let out = Tensor(unfilled: batchA + [m, n])
        for i in 0..<batches {
            sgemm(transA: la.trans, transB: lb.trans, m: m, n: n, k: k,
                  a: a.data + i * sa, lda: la.ld, b: b.data + (other.rank == 2 ? 0 : i * sb), ldb: lb.ld,
                  c: out.data + i * m * n, ldc: n)
        }
        let ad = a.detach(), bd = b.detach(), bRank2 = other.rank == 2
        return Tensor.record(out, op: .matmul, inputs: [self, other]) { g in
            // dA = g Bᵀ ; dB = Aᵀ g (summed over batches when B is shared)
            let ga = Tensor(unfilled: batchA + [m, k])
            let gbShape = bRank2 ? [k, n] : batchB + [k, n]
            let gb = batches == 0 ? Tensor(zeros: gbShape) : Tensor(unfilled: gbShape)   // batch 0 writes it at beta = 0
            for i in 0..<batches {
                let bp = bd.data + (bRank2 ? 0 : i * sb)
                sgemm(transA: false, transB: !lb.trans, m: m, n: k, k: n,
                      a: g.data + i * m * n, lda: n, b: bp, ldb: lb.ld, c: ga.data + i * m * k, ldc: k)
                sgemm(transA: !la.trans, transB: false, m: k, n: n, k: m,
                      a: ad.data + i * sa, lda: la.ld, b: g.data + i * m * n, ldb: n,
                      beta: bRank2 && i > 0 ? 1 : 0, c: gb.data + (bRank2 ? 0 : i * k * n), ldc: n)
            }
            return [ga, gb]
        }
    }
}

/// y = x Wᵀ (+ bias). x: [..., In], weight: [Out, In] (HF layout), bias: [Out].
public func linear(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
    try linear(x, [weight], biases: [bias])
}

/// Several projections of the same input as one GEMM: y = x [W₁; W₂; …]ᵀ (+ [b₁; b₂; …]), the
/// outputs side by side [..., Out₁ + Out₂ + …] (a layer's q, k and v). Each weight is [Outᵢ, In];
/// `biases` has one entry per weight, nil for none. The backward is one GEMM for dx (over all
/// the outputs at once) and one for the stacked weights' gradient, whose row ranges are the
/// weights' gradients.
public func linear(_ x: Tensor, _ weights: [Tensor], biases: [Tensor?]) throws -> Tensor {
    guard let inF = weights.first?.shape.last, x.rank >= 1, x.shape[x.rank - 1] == inF,
          weights.count == biases.count, weights.allSatisfy({ $0.rank == 2 && $0.shape[1] == inF }) else {
        throw TensorError.shapeMismatch(op: "linear", lhs: x.shape, rhs: weights.first?.shape ?? [])
    }
    for (w, b) in zip(weights, biases) {
        if let b = b, b.shape != [w.shape[0]] {
            throw TensorError.shapeMismatch(op: "linear (bias)", lhs: w.shape, rhs: b.shape)
        }
    }
    let outs = weights.map { $0.shape[0] }, outF = outs.reduce(0, +)
    // The stacked weight [ΣOut, In]: the weight itself when there is one.
    let w: Tensor
    if weights.count == 1 { w = weights[0].contiguous() } else {
        w = Tensor(unfilled: [outF, inF])
        var row = 0
        for wi in weights {
            (w.data + row * inF).update(from: wi.contiguous().data, count: wi.count)
            row += wi.shape[0]
        }
    }
    let xin = x.contiguous()
    let rows = x.count / Swift.max(inF, 1)
    let out = Tensor(unfilled: Array(x.shape.dropLast()) + [outF])   // the bias copy or the GEMM writes it all
    let hasBias = biases.contains { $0 != nil }
    if hasBias {
        let bias = Tensor(zeros: [outF])
        var col = 0
        for (wi, b) in zip(weights, biases) {
            if let b = b { (bias.data + col).update(from: b.contiguous().data, count: wi.shape[0]) }
            col += wi.shape[0]
        }
        for r in 0..<rows { (out.data + r * outF).update(from: bias.data, count: outF) }
    }
    sgemm(transA: false, transB: true, m: rows, n: outF, k: inF, a: xin.data, lda: inF,
          b: w.data, ldb: inF, beta: hasBias ? 1 : 0, c: out.data, ldc: outF)
    let xd = xin.detach(), wd = w.detach()
    let presentBiases = biases.compactMap { $0 }
    return Tensor.record(out, op: .linear, inputs: [x] + weights + presentBiases) { g in
        let gx = Tensor(unfilled: xd.shape)
        sgemm(transA: false, transB: false, m: rows, n: inF, k: outF, a: g.data, lda: outF,
              b: wd.data, ldb: inF, c: gx.data, ldc: inF)
        let gw = Tensor(unfilled: wd.shape)
        sgemm(transA: true, transB: false, m: outF, n: inF, k: rows, a: g.data, lda: outF,
              b: xd.data, ldb: inF, c: gw.data, ldc: inF)
        var res: [Tensor?] = [gx]
        var row = 0
        for o in outs {
            res.append(weights.count == 1 ? gw : Tensor(storage: gw.storage, shape: [o, inF], strides: [inF, 1],
                                                         offset: gw.offset + row * inF))
            row += o
        }
        if hasBias {
            let gb = Tensor(zeros: [outF])
            for r in 0..<rows { let src = g.data + r * outF; for j in 0..<outF { gb.data[j] += src[j] } }
            var col = 0
            for (o, b) in zip(outs, biases) {
                if b != nil {
                    res.append(outs.count == 1 ? gb : Tensor(storage: gb.storage, shape: [o], strides: [1], offset: gb.offset + col))
                }
                col += o
            }
        }
        return res
    }
}
