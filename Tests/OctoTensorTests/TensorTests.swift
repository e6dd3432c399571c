import XCTest
@testable import OctoTensor
import OctoBase

final class TensorTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    func testShapeErrorsNameBothShapes() throws {
        let a = Tensor(zeros: [2, 3]), b = Tensor(zeros: [4, 5])
        XCTAssertThrowsError(try a.matmul(b)) { e in
            XCTAssertEqual("\(e)", "matmul: shapes [2, 3] and [4, 5] do not match")
        }
        XCTAssertThrowsError(try a.add(Tensor(zeros: [2]))) { e in
            XCTAssertEqual(e as? TensorError, .shapeMismatch(op: "add", lhs: [2, 3], rhs: [2]))
        }
        XCTAssertThrowsError(try Tensor([1, 2, 3], shape: [2, 2]))
        XCTAssertThrowsError(try a.reshape([4, 2]))
        XCTAssertThrowsError(try embedding(Tensor(zeros: [3, 2]), ids: [3]))
        XCTAssertThrowsError(try crossEntropy(Tensor(zeros: [2, 3]), targets: [0, 7]))
        XCTAssertThrowsError(try a.index(2))
    }

    func testMatmulMatchesNaive() throws {
        let a = randn([5, 7], seed: 1), b = randn([7, 3], seed: 2)
        let c = try a.matmul(b).toArray()
        let av = a.toArray(), bv = b.toArray()
        for i in 0..<5 { for j in 0..<3 {
            var s: Float = 0
            for k in 0..<7 { s += av[i * 7 + k] * bv[k * 3 + j] }
            XCTAssertEqual(c[i * 3 + j], s, accuracy: 1e-5)
        } }
        // A transposed view is passed to BLAS, not copied, and gives the same numbers.
        let bt = try Tensor(randn([3, 7], seed: 3).toArray(), shape: [3, 7])
        let viaView = try a.matmul(bt.transpose()).toArray()
        let viaCopy = try a.matmul(bt.transpose().contiguous()).toArray()
        XCTAssertEqual(viaView, viaCopy)
    }

    func testViewsShareStorage() throws {
        let a = try Tensor((0..<12).map(Float.init), shape: [3, 4])
        let t = try a.transpose()
        XCTAssertTrue(t.storage === a.storage)
        XCTAssertEqual(try t.value(at: [1, 2]), 9)
        XCTAssertEqual(try a.narrow(1, 1, 2).toArray(), [1, 2, 5, 6, 9, 10])
        XCTAssertEqual(try a.index(-1).toArray(), [8, 9, 10, 11])
    }

    func testReductionsValues() throws {
        let a = try Tensor([1, 5, 3, -2, 0, 4], shape: [2, 3])
        XCTAssertEqual(try a.sum(axis: 1).toArray(), [9, 2])
        XCTAssertEqual(try a.max(axis: 0).toArray(), [1, 5, 4])
        XCTAssertEqual(try a.argmax(axis: 1), [1, 2])
        XCTAssertEqual(try a.mean(axis: 1).toArray()[0], 3, accuracy: 1e-6)
        let lse = try a.logsumexp(axis: 1).toArray()
        XCTAssertEqual(lse[0], Float(log(exp(1.0) + exp(5.0) + exp(3.0))), accuracy: 1e-5)
    }

    func testAttentionMatchesNaiveAt300Tokens() throws {
        let t = 150, hq = 2, hkv = 1, d = 8
        let q = randn([1, t, hq, d], seed: 5), k = randn([1, t, hkv, d], seed: 6), v = randn([1, t, hkv, d], seed: 7)
        let out = try causalAttention(q: q, k: k, v: v).toArray()
        let qv = q.toArray(), kv = k.toArray(), vv = v.toArray()
        let scale = 1 / Float(d).squareRoot()
        for i in [0, 63, 64, 149] { for h in 0..<hq {
            var scores = [Float](repeating: 0, count: i + 1)
            for j in 0...i { var s: Float = 0; for c in 0..<d { s += qv[(i * hq + h) * d + c] * kv[j * d + c] }; scores[j] = s * scale }
            let m = scores.max() ?? 0
            let e = scores.map { exp($0 - m) }, z = e.reduce(0, +)
            for c in 0..<d {
                var o: Float = 0
                for j in 0...i { o += e[j] / z * vv[j * d + c] }
                XCTAssertEqual(out[(i * hq + h) * d + c], o, accuracy: 1e-5)
            }
        } }
    }

    func testCrossEntropyIgnoreIndexAndValue() throws {
        let logits = try Tensor([0, 0, 0, 1, 2, 3], shape: [2, 3])
        let l = try crossEntropy(logits, targets: [-100, 2]).item
        XCTAssertEqual(l, Float(log(exp(1.0) + exp(2.0) + exp(3.0)) - 3), accuracy: 1e-6)
        XCTAssertEqual(try crossEntropy(logits, targets: [-100, -100]).item, 0)
    }

    func testHalfConversions() {
        XCTAssertEqual(bf16ToFloat(0x3F80), 1)
        XCTAssertEqual(bf16ToFloat(0xC000), -2)
        XCTAssertEqual(floatToBF16(1.00390625), 0x3F80)  // ties to even
        XCTAssertEqual(f16ToFloat(0x3C00), 1)
        XCTAssertEqual(f16ToFloat(0x0001), Float(sign: .plus, exponent: -24, significand: 1))
        XCTAssertEqual(f16ToFloat(0x7C00), .infinity)
        XCTAssertTrue(f16ToFloat(0x7E00).isNaN)
        XCTAssertEqual(f16ToFloat(0xC000), -2)
    }

    func testSameSeedSameBitsForTraining() throws {
        func run() throws -> [Float] {
            let w = randn([16, 8], seed: 11); w.requiresGrad = true
            let x = randn([4, 33, 8], seed: 12)
            let h = try linear(x, w)
            let a = try causalAttention(q: h.reshape([4, 33, 4, 4]), k: h.reshape([4, 33, 4, 4]), v: h.reshape([4, 33, 4, 4]))
            try a.square().sum().backward()
            return (w.grad?.toArray() ?? []) + a.toArray()
        }
        XCTAssertEqual(try run(), try run())
    }

    func testFlushToZeroInWorkers() {
        Threads.set(2)
        XCTAssertTrue(Threads.flushToZeroEnabled)
        var flags = [Bool](repeating: false, count: 2)
        flags.withUnsafeMutableBufferPointer { buf in
            let p = buf.baseAddress
            parallelFor(2) { r in for i in r { p?[i] = Threads.flushToZeroEnabled } }
        }
        XCTAssertEqual(flags, [true, true])
    }

    func testNoGradRecordsNothing() throws {
        let w = randn([3], seed: 1); w.requiresGrad = true
        let y = noGrad { w.square() }
        XCTAssertFalse(y.tracksGrad)
        XCTAssertThrowsError(try y.sum().backward())
    }

    func testGradientAccumulatesAcrossBackwardCalls() throws {
        let w = try Tensor([1, 2], shape: [2], requiresGrad: true)
        try w.square().sum().backward()
        try w.square().sum().backward()
        XCTAssertEqual(w.grad?.toArray(), [4, 8])
        w.zeroGrad(); XCTAssertNil(w.grad)
    }
    /// log-sum-exp sums the exponentials without storing them (cross-entropy's forward); the
    /// sum must be the very one the storing path makes (the sampler's temperedDistribution).
    func testLogSumExpRowEqualsTheStoringPathBitForBit() {
        var rng = RNG(seed: 11)
        for n in [1, 15, 16, 17, 1000, 8192] {
            var row = (0..<n).map { _ in Float(rng.normal()) * 6 }
            if n > 2 { row[1] = -.infinity }
            var probs = [Float](repeating: 0, count: n)
            let logZ = row.withUnsafeBufferPointer { r in probs.withUnsafeMutableBufferPointer { p in
                temperedDistribution(r.baseAddress!, count: n, temperature: 1, probs: p.baseAddress!).logZ
            } }
            let lse = row.withUnsafeBufferPointer { logSumExpRow($0.baseAddress!, n) }
            XCTAssertEqual(lse.bitPattern, logZ.bitPattern, "n = \(n)")
        }
    }
}
