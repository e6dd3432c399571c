// One row through weight matrices without BLAS: the batch-1 decode projections. Weights stay
// in HF layout [Out, In] and are streamed once, on all engine threads, by the C kernels in
// CSupport/gemv.c. Rows are split across threads, but every output row is one fixed-order dot
// product, so the bits do not depend on the thread count. No autograd (inference only).
import Foundation
import CSupport

/// One projection of a fused GEMV: out[0..<Out] = weight · x (+ bias), the weight in f32 or
/// as a bfloat16 copy.
public struct GemvTarget {
    let f32: Tensor?, bf16: BF16Matrix?
    public let bias: Tensor?
    public let out: UnsafeMutablePointer<Float>
    /// Rows of the weight (its Out).
    public var rows: Int { f32?.shape[0] ?? bf16?.rows ?? 0 }
    /// An f32 weight [Out, In] (made contiguous if it is a view).
    public init(weight: Tensor, bias: Tensor?, out: UnsafeMutablePointer<Float>) {
        f32 = weight.contiguous(); bf16 = nil; self.bias = bias?.contiguous(); self.out = out
    }
    /// A bfloat16 weight [Out, In].
    public init(weight: BF16Matrix, bias: Tensor?, out: UnsafeMutablePointer<Float>) {
        f32 = nil; bf16 = weight; self.bias = bias?.contiguous(); self.out = out
    }

    func run(_ x: UnsafePointer<Float>, inFeatures: Int, _ lo: Int, _ hi: Int) {
        if let w = f32 { octo_gemv_rows(w.data, inFeatures, x, bias?.data, out, lo, hi) }
        else if let w = bf16 { octo_gemv_bf16_rows(w.data, inFeatures, x, bias?.data, out, lo, hi) }
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

/// out_t = W_t x (+ b_t) for every target, all reading the same input `x` of length In: one
/// parallel pass over the concatenated rows (fused q/k/v). Weights must be contiguous
/// [Out_t, In] with In = `inFeatures`; checked by the caller's shapes.
public func gemv(_ x: UnsafePointer<Float>, inFeatures: Int, targets: [GemvTarget]) {
    var ends: [Int] = []
    var total = 0
    for t in targets { total += t.rows; ends.append(total) }
    gemvChunks(total, rowFloats: inFeatures) { range in
        var start = 0
        for (i, t) in targets.enumerated() {
            let lo = max(range.lowerBound, start), hi = min(range.upperBound, ends[i])
            if lo < hi {
                t.run(x, inFeatures: inFeatures, lo - start, hi - start)
            }
            start = ends[i]
        }
    }
}

/// y = W x for one row: x [1, In] or [In], weight [Out, In] → [1, Out] (or [Out]).
public func gemv(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
    guard weight.rank == 2, x.count == weight.shape[1], bias.map({ $0.shape == [weight.shape[0]] }) ?? true else {
        throw TensorError.shapeMismatch(op: "gemv (one row)", lhs: x.shape, rhs: weight.shape)
    }
    let xin = x.contiguous()
    let out = Tensor(zeros: Array(x.shape.dropLast()) + [weight.shape[0]])
    gemv(xin.data, inFeatures: weight.shape[1], targets: [GemvTarget(weight: weight, bias: bias, out: out.data)])
    return out
}

/// y = W x for one row with a bfloat16 weight [Out, In] → [1, Out].
public func gemv(_ x: Tensor, _ weight: BF16Matrix, bias: Tensor? = nil) throws -> Tensor {
    guard x.count == weight.cols, bias.map({ $0.shape == [weight.rows] }) ?? true else {
        throw TensorError.shapeMismatch(op: "gemv (one row, bf16)", lhs: x.shape, rhs: [weight.rows, weight.cols])
    }
    let xin = x.contiguous()
    let out = Tensor(zeros: Array(x.shape.dropLast()) + [weight.rows])
    gemv(xin.data, inFeatures: weight.cols, targets: [GemvTarget(weight: weight, bias: bias, out: out.data)])
    return out
}

/// silu(gate x) · (up x) for one row x [1, In] with bfloat16 gate and up [F, In] → [1, F].
public func gemvSwiGLU(_ x: Tensor, gate: BF16Matrix, up: BF16Matrix) throws -> Tensor {
    guard gate.rows == up.rows, gate.cols == up.cols, x.count == gate.cols else {
        throw TensorError.shapeMismatch(op: "gemvSwiGLU (one row, bf16)", lhs: x.shape, rhs: [gate.rows, gate.cols])
    }
    let xin = x.contiguous(), f = gate.rows, inF = gate.cols
    let out = Tensor(zeros: Array(x.shape.dropLast()) + [f])
    let scratch = Tensor(zeros: [f])
    gemvChunks(f, rowFloats: inF) { range in
        octo_gemv_swiglu_bf16_rows(gate.data, up.data, inF, xin.data, out.data, scratch.data, range.lowerBound, range.upperBound)
    }
    return out
}

/// silu(gate x) · (up x) for one row x [1, In]: gate and up [F, In] read in one pass → [1, F].
public func gemvSwiGLU(_ x: Tensor, gate: Tensor, up: Tensor) throws -> Tensor {
    guard gate.rank == 2, gate.shape == up.shape, x.count == gate.shape[1] else {
        throw TensorError.shapeMismatch(op: "gemvSwiGLU (one row)", lhs: x.shape, rhs: gate.shape)
    }
    let xin = x.contiguous(), g = gate.contiguous(), u = up.contiguous()
    let f = gate.shape[0], inF = gate.shape[1]
    let out = Tensor(zeros: Array(x.shape.dropLast()) + [f])
    let scratch = Tensor(zeros: [f])
    gemvChunks(f, rowFloats: 2 * inF) { range in
        octo_gemv_swiglu_rows(g.data, u.data, inF, xin.data, out.data, scratch.data, range.lowerBound, range.upperBound)
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
