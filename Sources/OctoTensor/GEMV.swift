// A decode step's rows (one new token per sequence) through weight matrices without BLAS.
// Weights stay in HF layout [Out, In] and are streamed once per step, on all engine threads,
// by the C kernels in CSupport/gemv.c. Weight rows are split across threads, but every output
// is one fixed-order dot product, so the bits depend neither on the thread count nor on how
// many input rows share the step: a sequence decodes to the same bits alone or in a batch.
// No autograd (inference only).
import Foundation
import CSupport

/// One projection of a fused GEMV: out[0..<Out] = weight · x (+ bias), the weight in f32 or
/// as a bfloat16 copy.
public struct GemvTarget {
    let f32: Tensor?, bf16: BF16Matrix?
    public let bias: Tensor?
    public let out: UnsafeMutablePointer<Float>
    /// Floats from one output row to the next (at least `rows`).
    public let outStride: Int
    /// Rows of the weight (its Out).
    public var rows: Int { f32?.shape[0] ?? bf16?.rows ?? 0 }
    /// An f32 weight [Out, In] (made contiguous if it is a view); output row i at
    /// `out + i·outStride` (`Out` when nil).
    public init(weight: Tensor, bias: Tensor?, out: UnsafeMutablePointer<Float>, outStride: Int? = nil) {
        f32 = weight.contiguous(); bf16 = nil; self.bias = bias?.contiguous(); self.out = out
        self.outStride = Swift.max(outStride ?? 0, weight.shape.first ?? 0)
    }
    /// A bfloat16 weight [Out, In].
    public init(weight: BF16Matrix, bias: Tensor?, out: UnsafeMutablePointer<Float>, outStride: Int? = nil) {
        f32 = nil; bf16 = weight; self.bias = bias?.contiguous(); self.out = out
        self.outStride = Swift.max(outStride ?? 0, weight.rows)
    }

    /// Weight rows lo..<hi for `n` input rows [n, In]; `out` holds n rows at `outStride`.
    func run(_ x: UnsafePointer<Float>, n: Int, inFeatures: Int, _ lo: Int, _ hi: Int) {
        if let w = f32 { octo_gemv_rows(w.data, inFeatures, x, n, bias?.data, out, outStride, lo, hi) }
        else if let w = bf16 { octo_gemv_bf16_rows(w.data, inFeatures, x, n, bias?.data, out, outStride, lo, hi) }
    }
}

/// Runs `body` over `0..<rows` in chunks of about 256 KB of weights (`rowFloats` floats a row),
/// claimed by the engine's threads as they come free: a thread slowed by other load does not
/// hold the others up at a static split. Small matrices run on the calling thread.
func gemvChunks(_ rows: Int, rowFloats: Int, _ body: (Range<Int>) -> Void) {
    let rowsPerChunk = max(16, (1 << 16) / max(rowFloats, 1))
    let chunks = min(256, (rows + rowsPerChunk - 1) / rowsPerChunk)
    if Threads.count <= 1 || chunks <= 1 {
        if rows > 0 { body(0..<rows) }
        return
    }
    parallelTasks(chunks) { c in body((rows * c / chunks)..<(rows * (c + 1) / chunks)) }
}

/// out_t = x W_tᵀ (+ b_t) for every target, all reading the same input `x` [n, In] (`n` rows):
/// one parallel pass over the concatenated weight rows (fused q/k/v); target t's output is
/// [n, Out_t]. Weights must be contiguous [Out_t, In] with In = `inFeatures`; checked by the
/// caller's shapes.
public func gemv(_ x: UnsafePointer<Float>, rows n: Int = 1, inFeatures: Int, targets: [GemvTarget]) {
    var ends: [Int] = []
    var total = 0
    for t in targets { total += t.rows; ends.append(total) }
    gemvChunks(total, rowFloats: inFeatures * max(n, 1)) { range in
        var start = 0
        for (i, t) in targets.enumerated() {
            let lo = max(range.lowerBound, start), hi = min(range.upperBound, ends[i])
            if lo < hi {
                t.run(x, n: n, inFeatures: inFeatures, lo - start, hi - start)
            }
            start = ends[i]
        }
    }
}

/// The number of rows of `x` [..., In] as decode-step inputs, or nil when its last
/// dimension is not `inFeatures` (or it has no rows).
private func gemvRows(_ x: Tensor, inFeatures: Int) -> Int? {
    guard x.rank >= 1, x.shape[x.rank - 1] == inFeatures, inFeatures > 0, x.count > 0 else { return nil }
    return x.count / inFeatures
}

/// y = x Wᵀ (+ b) for a decode step's rows: x [..., In], weight [Out, In] → [..., Out].
public func gemv(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
    guard weight.rank == 2, let n = gemvRows(x, inFeatures: weight.shape[1]),
          bias.map({ $0.shape == [weight.shape[0]] }) ?? true else {
        throw TensorError.shapeMismatch(op: "gemv (decode rows)", lhs: x.shape, rhs: weight.shape)
    }
    let xin = x.contiguous()
    let out = Tensor(unfilled: Array(x.shape.dropLast()) + [weight.shape[0]])   // every row written
    gemv(xin.data, rows: n, inFeatures: weight.shape[1], targets: [GemvTarget(weight: weight, bias: bias, out: out.data)])
    return out
}

/// y = x Wᵀ (+ b) with a bfloat16 weight [Out, In]: x [..., In] → [..., Out].
public func gemv(_ x: Tensor, _ weight: BF16Matrix, bias: Tensor? = nil) throws -> Tensor {
    guard let n = gemvRows(x, inFeatures: weight.cols), bias.map({ $0.shape == [weight.rows] }) ?? true else {
        throw TensorError.shapeMismatch(op: "gemv (decode rows, bf16)", lhs: x.shape, rhs: [weight.rows, weight.cols])
    }
    let xin = x.contiguous()
    let out = Tensor(unfilled: Array(x.shape.dropLast()) + [weight.rows])
    gemv(xin.data, rows: n, inFeatures: weight.cols, targets: [GemvTarget(weight: weight, bias: bias, out: out.data)])
    return out
}

/// silu(x gateᵀ) · (x upᵀ) with bfloat16 gate and up [F, In]: x [..., In] → [..., F].
public func gemvSwiGLU(_ x: Tensor, gate: BF16Matrix, up: BF16Matrix) throws -> Tensor {
    guard gate.rows == up.rows, gate.cols == up.cols, let n = gemvRows(x, inFeatures: gate.cols) else {
        throw TensorError.shapeMismatch(op: "gemvSwiGLU (decode rows, bf16)", lhs: x.shape, rhs: [gate.rows, gate.cols])
    }
    let xin = x.contiguous(), f = gate.rows, inF = gate.cols
    let out = Tensor(unfilled: Array(x.shape.dropLast()) + [f])
    gemvChunks(f, rowFloats: inF * n) { range in
        octo_gemv_swiglu_bf16_rows(gate.data, up.data, inF, xin.data, n, out.data, f, range.lowerBound, range.upperBound)
    }
    return out
}

/// silu(x gateᵀ) · (x upᵀ): gate and up [F, In] read in one pass; x [..., In] → [..., F].
public func gemvSwiGLU(_ x: Tensor, gate: Tensor, up: Tensor) throws -> Tensor {
    guard gate.rank == 2, gate.shape == up.shape, let n = gemvRows(x, inFeatures: gate.shape[1]) else {
        throw TensorError.shapeMismatch(op: "gemvSwiGLU (decode rows)", lhs: x.shape, rhs: gate.shape)
    }
    let xin = x.contiguous(), g = gate.contiguous(), u = up.contiguous()
    let f = gate.shape[0], inF = gate.shape[1]
    let out = Tensor(unfilled: Array(x.shape.dropLast()) + [f])
    gemvChunks(f, rowFloats: 2 * inF * n) { range in
        octo_gemv_swiglu_rows(g.data, u.data, inF, xin.data, n, out.data, f, range.lowerBound, range.upperBound)
    }
    return out
}

/// Reads `count` floats from `x` on all engine threads; returns their sum (so the read
/// cannot be skipped). The memory-bandwidth anchor of the GEMV path.
public func streamingRead(_ x: UnsafePointer<Float>, count: Int) -> Float {
    let parts = Threads.count
    var partial = [Float](repeating: 0, count: parts)
    partial.withUnsafeMutableBufferPointer { p in
        guard let base = p.baseAddress else { return }
        parallelFor(parts) { workers in
            for w in workers {
                let lo = count * w / parts, hi = count * (w + 1) / parts
                base[w] = octo_read_sum(x + lo, hi - lo)
            }
        }
    }
    return partial.reduce(0, +)
}

/// The instruction set of the GEMV kernels on this CPU.
public var gemvInstructionSet: String { String(cString: octo_gemv_isa()) }
