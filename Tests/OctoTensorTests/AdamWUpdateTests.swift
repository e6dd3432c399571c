import XCTest
import OctoBase
@testable import OctoTensor

/// The vectorised AdamW kernel against the scalar loop it replaced (the same arithmetic in the
/// same order): bit for bit, on any thread count, with tails that are not a multiple of a vector.
final class AdamWUpdateTests: XCTestCase {
    override func tearDown() { Threads.set(2) }

    /// The Swift loop AdamW ran before the kernel (torch's single-tensor AdamW).
    private func scalarReference(_ p: inout [Float], _ g: [Float], _ m: inout [Float], _ v: inout [Float], _ k: AdamWConstants) {
        for i in p.indices {
            let gi = g[i]
            p[i] *= k.decay
            m[i] += (gi - m[i]) * (1 - k.beta1)
            v[i] = v[i] * k.beta2 + (1 - k.beta2) * gi * gi
            let denom = v[i].squareRoot() / k.bc2Sqrt + k.eps
            p[i] += -k.stepSize * (m[i] / denom)
        }
    }

    func testMatchesTheScalarLoopBitForBit() throws {
        var rng = RNG(seed: 11)
        let k = AdamWConstants(decay: 1 - 3e-4 * 0.1, beta1: 0.9, beta2: 0.95, bc2Sqrt: (1 - Float(0.95 * 0.95)).squareRoot(),
                               eps: 1e-8, stepSize: 3e-4 / (1 - 0.81))
        for (n, threads) in [(1, 1), (17, 2), (40_003, 2), (100_000, 3)] {
            Threads.set(threads)
            let p = Tensor.randn([n], rng: &rng), g = Tensor.randn([n], rng: &rng)
            let m = Tensor.randn([n], rng: &rng), v = Tensor.randn([n], rng: &rng)
            for i in 0..<n { v.data[i] = abs(v.data[i]) * 1e-3; g.data[i] *= Float(i % 7) * 0.5 }   // v ≥ 0, some g = 0
            g.data[0] = 1e-30; if n > 1 { g.data[1] = -4e3 }
            var rp = p.toArray(), rm = m.toArray(), rv = v.toArray()
            scalarReference(&rp, g.toArray(), &rm, &rv, k)
            try adamWUpdate(param: p, grad: g, expAvg: m, expAvgSq: v, k)
            XCTAssertEqual(p.toArray().map(\.bitPattern), rp.map(\.bitPattern), "parameters, n=\(n) threads=\(threads)")
            XCTAssertEqual(m.toArray().map(\.bitPattern), rm.map(\.bitPattern), "first moment, n=\(n)")
            XCTAssertEqual(v.toArray().map(\.bitPattern), rv.map(\.bitPattern), "second moment, n=\(n)")
        }
    }

    func testMismatchedOrStridedTensorsAreRejectedUntouched() throws {
        let k = AdamWConstants(decay: 1, beta1: 0.9, beta2: 0.95, bc2Sqrt: 1, eps: 1e-8, stepSize: 0.1)
        let p = Tensor.full([2, 3], 1), g = Tensor.full([2, 3], 1)
        XCTAssertThrowsError(try adamWUpdate(param: p, grad: g, expAvg: Tensor(zeros: [3, 2]), expAvgSq: Tensor(zeros: [2, 3]), k)) {
            guard case TensorError.shapeMismatch = $0 else { return XCTFail("\($0)") }
        }
        let strided = try Tensor.full([3, 2], 1).transpose(0, 1)
        XCTAssertThrowsError(try adamWUpdate(param: strided, grad: g, expAvg: Tensor(zeros: [2, 3]), expAvgSq: Tensor(zeros: [2, 3]), k)) {
            guard case TensorError.invalidArgument = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(p.toArray(), [Float](repeating: 1, count: 6))
    }

    func testAddAssignAndScaleInPlaceAreElementwise() throws {
        Threads.set(2)
        var rng = RNG(seed: 5)
        let n = 300_001
        let a = Tensor.randn([n], rng: &rng), b = Tensor.randn([n], rng: &rng)
        let expected = zip(a.toArray(), b.toArray()).map { ($0 + $1) * 0.37 }
        try a.addAssign(b)
        a.scaleInPlace(0.37)
        XCTAssertEqual(a.toArray().map(\.bitPattern), expected.map(\.bitPattern))
        XCTAssertThrowsError(try a.addAssign(Tensor(zeros: [n - 1])))
    }
}
