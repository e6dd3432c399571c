// A weight matrix stored as bfloat16 (the high half of each f32, rounded to nearest even):
// half the bytes per decode step for the GEMV kernels, which widen it back to f32 in registers.
// A snapshot: it does not follow later changes to the tensor it was made from.
import CSupport

/// A [rows, cols] bfloat16 copy of a 2-D tensor.
public final class BF16Matrix: @unchecked Sendable {
    public let rows: Int, cols: Int
    let data: UnsafeMutablePointer<UInt16>

    /// Rounds `tensor` [rows, cols] to bfloat16.
    public init(_ tensor: Tensor) throws {
        guard tensor.rank == 2 else {
            throw TensorError.invalidShape(op: "BF16Matrix", shape: tensor.shape, reason: "needs a 2-D weight")
        }
        rows = tensor.shape[0]; cols = tensor.shape[1]
        let n = rows * cols
        data = UnsafeMutablePointer<UInt16>.allocate(capacity: max(n, 1))
        let src = tensor.contiguous(), dst = data
        parallelFor(n, minChunk: 1 << 16) { r in octo_to_bf16(src.data + r.lowerBound, dst + r.lowerBound, r.count) }
    }

    deinit { data.deallocate() }

    /// The values widened back to f32, row-major.
    public func toArray() -> [Float] {
        (0..<(rows * cols)).map { Float(bitPattern: UInt32(data[$0]) << 16) }
    }
}
