// CSupport's rotary-embedding kernel against the scalar rotation it replaced, bit for bit:
// whole vector blocks and a scalar tail, strided rows, in place, forward and inverse.
import XCTest
@testable import OctoTensor

final class RoPEKernelTests: XCTestCase {
    /// The rotation as the scalar Swift loop computed it (no contraction).
    private func reference(_ x: [Float], table: RopeTable, positions: [Int], heads: Int, stride: Int, inverse: Bool) -> [Float] {
        var y = x
        let d = table.headDim, half = d / 2, sign: Float = inverse ? -1 : 1
        for (t, p) in positions.enumerated() {
            for h in 0..<heads {
                let base = t * stride + h * d
                for i in 0..<half {
                    let x1 = x[base + i], x2 = x[base + i + half]
                    let c = table.cos[p * half + i], si = sign * table.sin[p * half + i]
                    y[base + i] = x1 * c - x2 * si
                    y[base + i + half] = x2 * c + x1 * si
                }
            }
        }
        return y
    }

    func testMatchesTheScalarRotationBitForBit() throws {
        // Head dims 40 (half 20: one 16-lane block and a tail of 4) and 8 (tail only).
        for (d, heads) in [(40, 3), (8, 2)] {
            let table = RopeTable(headDim: d, theta: 500000, scaling: .llama3(factor: 8, lowFreqFactor: 1, highFreqFactor: 4,
                                                                              originalMaxPositionEmbeddings: 32))
            let positions = (0..<67).map { ($0 * 7) % 90 }
            table.ensure(90)
            let stride = heads * d + 5   // rows wider than the heads, as in packed q/k/v
            let x = randn([positions.count * stride], seed: 90).toArray()
            for inverse in [false, true] {
                let expected = reference(x, table: table, positions: positions, heads: heads, stride: stride, inverse: inverse)
                var out = x
                x.withUnsafeBufferPointer { src in
                    out.withUnsafeMutableBufferPointer { dst in
                        ropeApply(src.baseAddress!, dst.baseAddress!, table: table, positions: positions, heads: heads,
                                  inverse: inverse, srcStride: stride, dstStride: stride)
                    }
                }
                XCTAssertEqual(out.map(\.bitPattern), expected.map(\.bitPattern), "d \(d) inverse \(inverse)")
                var inPlace = x
                inPlace.withUnsafeMutableBufferPointer { buf in
                    ropeApply(buf.baseAddress!, buf.baseAddress!, table: table, positions: positions, heads: heads,
                              inverse: inverse, srcStride: stride, dstStride: stride)
                }
                XCTAssertEqual(inPlace.map(\.bitPattern), expected.map(\.bitPattern), "in place, d \(d) inverse \(inverse)")
            }
        }
    }
}
