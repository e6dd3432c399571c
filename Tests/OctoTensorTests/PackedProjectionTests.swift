// A layer's q, k and v as one product: `linear` over several weights and `ropeCausalAttention`
// on the packed rows, against the separate ops they replace and against central differences.
import XCTest
@testable import OctoTensor
import OctoBase

final class PackedProjectionTests: XCTestCase {
    func testStackedLinearGradientsAgainstCentralDifferences() throws {
        // Biases on two of the three weights (one missing) and a 3-D input.
        try gradCheck("linear [q, k, v]", inputs: [randn([2, 3, 4], seed: 60), randn([5, 4], seed: 61), randn([2, 4], seed: 62),
                                                   randn([3, 4], seed: 63), randn([5], seed: 64), randn([3], seed: 65)]) {
            try linear($0[0], [$0[1], $0[2], $0[3]], biases: [$0[4], nil, $0[5]])
        }
    }

    func testStackedLinearIsTheSeparateProductsSideBySide() throws {
        let x = randn([7, 6], seed: 66), ws = [randn([4, 6], seed: 67), randn([2, 6], seed: 68), randn([2, 6], seed: 69)]
        let biases = [randn([4], seed: 70), randn([2], seed: 71), randn([2], seed: 72)]
        let packed = try noGrad { try linear(x, ws, biases: biases) }.toArray()
        var col = 0
        for (w, b) in zip(ws, biases) {
            let alone = try noGrad { try linear(x, w, bias: b) }.toArray()
            let o = w.shape[0]
            for r in 0..<7 {
                for j in 0..<o { XCTAssertEqual(packed[r * 8 + col + j], alone[r * o + j], accuracy: 1e-5, "row \(r) col \(col + j)") }
            }
            col += o
        }
    }

    func testStackedLinearRejectsMismatchedShapes() {
        let x = randn([3, 4], seed: 73)
        XCTAssertThrowsError(try linear(x, [randn([2, 4], seed: 74), randn([2, 5], seed: 75)], biases: [nil, nil]))
        XCTAssertThrowsError(try linear(x, [randn([2, 4], seed: 76)], biases: [randn([3], seed: 77)]))
        XCTAssertThrowsError(try linear(x, [randn([2, 4], seed: 78)], biases: []))
        XCTAssertThrowsError(try linear(x, [], biases: []))
    }

    /// qkv [B, T, (Hq + 2·Hkv)·D] split into q, k, v views shaped for `rope` and `causalAttention`.
    private func split(_ qkv: Tensor, hq: Int, hkv: Int, d: Int) throws -> (Tensor, Tensor, Tensor) {
        let b = qkv.shape[0], t = qkv.shape[1]
        let q = try qkv.narrow(2, 0, hq * d).contiguous().reshape([b, t, hq, d])
        let k = try qkv.narrow(2, hq * d, hkv * d).contiguous().reshape([b, t, hkv, d])
        let v = try qkv.narrow(2, (hq + hkv) * d, hkv * d).contiguous().reshape([b, t, hkv, d])
        return (q, k, v)
    }

    func testPackedAttentionHasTheSeparateOpsBits() throws {
        // T = 70 spans two query blocks; 4 query heads share 2 kv heads; Llama-3 scaled RoPE.
        let (b, t, hq, hkv, d) = (2, 70, 4, 2, 8)
        let table = RopeTable(headDim: d, theta: 500000, scaling: .llama3(factor: 32, lowFreqFactor: 1, highFreqFactor: 4,
                                                                         originalMaxPositionEmbeddings: 16))
        let positions = (0..<b).flatMap { bi in (0..<t).map { $0 + 3 * bi } }
        let qkv = randn([b, t, (hq + 2 * hkv) * d], seed: 79, std: 0.5)
        let g = randn([b, t, hq * d], seed: 80)

        qkv.requiresGrad = true
        let packed = try ropeCausalAttention(qkv: qkv, queryHeads: hq, kvHeads: hkv, table: table, positions: positions)
        try packed.backward(g)
        let packedGrad = try XCTUnwrap(qkv.grad)

        let (q, k, v) = try split(qkv.detach(), hq: hq, hkv: hkv, d: d)
        for x in [q, k, v] { x.requiresGrad = true }
        let qr = try rope(q, table: table, positions: positions), kr = try rope(k, table: table, positions: positions)
        let separate = try causalAttention(q: qr, k: kr, v: v).reshape([b, t, hq * d])
        try separate.backward(g)

        XCTAssertEqual(packed.toArray(), separate.toArray(), "forward")
        let (dq, dk, dv) = try split(packedGrad, hq: hq, hkv: hkv, d: d)
        XCTAssertEqual(dq.toArray(), try XCTUnwrap(q.grad).toArray(), "dq")
        XCTAssertEqual(dk.toArray(), try XCTUnwrap(k.grad).toArray(), "dk")
        XCTAssertEqual(dv.toArray(), try XCTUnwrap(v.grad).toArray(), "dv")
    }

    func testPackedAttentionGradientsAgainstCentralDifferences() throws {
        let table = RopeTable(headDim: 4, theta: 10000)
        try gradCheck("ropeCausalAttention", inputs: [randn([2, 5, 16], seed: 81, std: 0.5)], atol: 4e-3) {
            try ropeCausalAttention(qkv: $0[0], queryHeads: 2, kvHeads: 1, table: table, positions: [0, 1, 2, 3, 4, 2, 3, 4, 5, 6])
        }
    }

    func testPackedAttentionRejectsBadShapes() {
        let table = RopeTable(headDim: 4, theta: 10000)
        let qkv = randn([1, 3, 16], seed: 82)
        XCTAssertThrowsError(try ropeCausalAttention(qkv: qkv, queryHeads: 3, kvHeads: 1, table: table, positions: [0, 1, 2]))
        XCTAssertThrowsError(try ropeCausalAttention(qkv: qkv, queryHeads: 2, kvHeads: 1, table: table, positions: [0, 1]))
        XCTAssertThrowsError(try ropeCausalAttention(qkv: qkv, queryHeads: 2, kvHeads: 1, table: table, positions: [0, -1, 2]))
        XCTAssertThrowsError(try ropeCausalAttention(qkv: randn([3, 16], seed: 83), queryHeads: 2, kvHeads: 1, table: table,
                                                     positions: [0, 1, 2]))
    }

    func testPackedSwiGLUHasTheSeparateOpsBits() throws {
        let gateUp = randn([3, 2, 2 * 37], seed: 85)
        let g = randn([3, 2, 37], seed: 86)
        gateUp.requiresGrad = true
        let packed = try swiglu(gateUp: gateUp)
        try packed.backward(g)
        let packedGrad = try XCTUnwrap(gateUp.grad)
        let gate = try gateUp.detach().narrow(2, 0, 37).contiguous(), up = try gateUp.detach().narrow(2, 37, 37).contiguous()
        gate.requiresGrad = true; up.requiresGrad = true
        let separate = try swiglu(gate: gate, up: up)
        try separate.backward(g)
        XCTAssertEqual(packed.toArray().map(\.bitPattern), separate.toArray().map(\.bitPattern), "forward")
        XCTAssertEqual(try packedGrad.narrow(2, 0, 37).contiguous().toArray(), try XCTUnwrap(gate.grad).toArray(), "d gate")
        XCTAssertEqual(try packedGrad.narrow(2, 37, 37).contiguous().toArray(), try XCTUnwrap(up.grad).toArray(), "d up")
        try gradCheck("swiglu(gateUp:)", inputs: [randn([3, 8], seed: 87)]) { try swiglu(gateUp: $0[0]) }
        XCTAssertThrowsError(try swiglu(gateUp: randn([2, 5], seed: 88)))
    }

    func testSumOfSquaresIsTheSameOnAnyThreadCount() throws {
        // Three chunks of 2¹⁶ and a short tail, against a double loop within rounding.
        let x = randn([3 * (1 << 16) + 37], seed: 84)
        var reference = 0.0
        for v in x.toArray() { reference += Double(v) * Double(v) }
        var bits: [UInt64] = []
        for threads in [1, 2, 3] {
            Threads.set(threads)
            bits.append(x.sumOfSquares().bitPattern)
        }
        Threads.set(2)
        XCTAssertEqual(Set(bits).count, 1, "\(bits)")
        XCTAssertEqual(Double(bitPattern: bits[0]), reference, accuracy: 1e-9 * reference)
    }
}
