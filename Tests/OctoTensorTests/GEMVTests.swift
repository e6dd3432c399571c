import XCTest
@testable import OctoTensor
import OctoBase

/// The decode kernels (GEMV.swift, DecodeAttention.swift) against the GEMM path they stand in
/// for, on shapes that hit every tail of the vector loops, and each row's bits in a step of
/// several rows against the same row alone.
final class GEMVTests: XCTestCase {
    override func setUp() { Threads.set(2) }
    override func tearDown() { Threads.set(2) }

    func testGEMVMatchesLinearOnRaggedShapes() throws {
        var rng = RNG(seed: 11)
        for inF in [1, 7, 16, 37, 64, 100, 130, 896] {
            for outF in [1, 5, 33, 700] {
                let x = Tensor.randn([1, inF], rng: &rng), w = Tensor.randn([outF, inF], rng: &rng), b = Tensor.randn([outF], rng: &rng)
                for bias in [nil, b] {
                    let ours = try gemv(x, w, bias: bias).toArray()
                    let ref = try noGrad { try linear(x, w, bias: bias) }.toArray()
                    XCTAssertEqual(ours.count, outF)
                    for i in 0..<outF {
                        XCTAssertEqual(ours[i], ref[i], accuracy: 1e-5 * Float(inF).squareRoot() * 4, "in=\(inF) out=\(outF) row \(i)")
                    }
                }
            }
        }
    }

    func testFusedTargetsFillEachOutput() throws {
        var rng = RNG(seed: 12)
        let x = Tensor.randn([1, 96], rng: &rng)
        let ws = [Tensor.randn([40, 96], rng: &rng), Tensor.randn([8, 96], rng: &rng), Tensor.randn([3000, 96], rng: &rng)]
        let bias = Tensor.randn([8], rng: &rng)
        let outs = ws.map { Tensor(zeros: [1, $0.shape[0]]) }
        gemv(x.data, inFeatures: 96, targets: zip(ws, outs).enumerated().map { i, p in
            GemvTarget(weight: p.0, bias: i == 1 ? bias : nil, out: p.1.data)
        })
        for (i, (w, o)) in zip(ws, outs).enumerated() {
            XCTAssertEqual(o.toArray(), try gemv(x, w, bias: i == 1 ? bias : nil).toArray(), "target \(i)")
        }
    }

    func testGEMVBitsDoNotDependOnTheThreadCount() throws {
        var rng = RNG(seed: 13)
        let x = Tensor.randn([1, 300], rng: &rng), w = Tensor.randn([5000, 300], rng: &rng)
        let g = Tensor.randn([3000, 300], rng: &rng), u = Tensor.randn([3000, 300], rng: &rng)
        Threads.set(1)
        let one = try gemv(x, w).toArray(), oneS = try gemvSwiGLU(x, gate: g, up: u).toArray()
        Threads.set(2)
        XCTAssertEqual(try gemv(x, w).toArray(), one)
        XCTAssertEqual(try gemvSwiGLU(x, gate: g, up: u).toArray(), oneS)
    }

    func testGEMVSwiGLUMatchesSwiGLUOfTwoLinears() throws {
        var rng = RNG(seed: 14)
        let x = Tensor.randn([1, 77], rng: &rng), g = Tensor.randn([130, 77], rng: &rng), u = Tensor.randn([130, 77], rng: &rng)
        let ours = try gemvSwiGLU(x, gate: g, up: u).toArray()
        let ref = try noGrad { try swiglu(gate: linear(x, g), up: linear(x, u)) }.toArray()
        for i in 0..<ours.count { XCTAssertEqual(ours[i], ref[i], accuracy: 1e-4 * max(1, abs(ref[i]))) }
        XCTAssertThrowsError(try gemvSwiGLU(x, gate: g, up: Tensor(zeros: [130, 76])))
        XCTAssertThrowsError(try gemv(Tensor(zeros: [1, 5]), Tensor(zeros: [3, 4])))
    }

    /// A decode step's rows: each row's output is bit-identical to that row alone, for every
    /// row count (the three-row AVX2 kernel and its remainders), with bias, for the fused
    /// targets and SwiGLU, f32 and bf16.
    func testSeveralRowsGiveEachRowsBitsAlone() throws {
        var rng = RNG(seed: 17)
        for inF in [5, 37, 64, 300] {
            let w = Tensor.randn([70, inF], rng: &rng), b = Tensor.randn([70], rng: &rng)
            let g = Tensor.randn([50, inF], rng: &rng), u = Tensor.randn([50, inF], rng: &rng)
            let wb = try BF16Matrix(w), gb = try BF16Matrix(g), ub = try BF16Matrix(u)
            for n in [2, 3, 4, 7] {
                let x = Tensor.randn([n, inF], rng: &rng)
                let all = try gemv(x, w, bias: b).toArray(), allS = try gemvSwiGLU(x, gate: g, up: u).toArray()
                let allB = try gemv(x, wb, bias: b).toArray(), allBS = try gemvSwiGLU(x, gate: gb, up: ub).toArray()
                XCTAssertEqual(all.count, n * 70)
                for t in 0..<n {
                    let row = try Tensor(Array(x.toArray()[(t * inF)..<((t + 1) * inF)]), shape: [1, inF])
                    XCTAssertEqual(Array(all[(t * 70)..<((t + 1) * 70)]), try gemv(row, w, bias: b).toArray(), "in=\(inF) n=\(n) row \(t)")
                    XCTAssertEqual(Array(allS[(t * 50)..<((t + 1) * 50)]), try gemvSwiGLU(row, gate: g, up: u).toArray(), "swiglu in=\(inF) n=\(n) row \(t)")
                    XCTAssertEqual(Array(allB[(t * 70)..<((t + 1) * 70)]), try gemv(row, wb, bias: b).toArray(), "bf16 in=\(inF) n=\(n) row \(t)")
                    XCTAssertEqual(Array(allBS[(t * 50)..<((t + 1) * 50)]), try gemvSwiGLU(row, gate: gb, up: ub).toArray(), "bf16 swiglu in=\(inF) n=\(n) row \(t)")
                }
                let ref = try noGrad { try linear(x, w, bias: b) }.toArray()
                for i in 0..<all.count { XCTAssertEqual(all[i], ref[i], accuracy: 1e-5 * Float(inF).squareRoot() * 4, "in=\(inF) n=\(n) [\(i)]") }
            }
        }
        // Fused targets over several rows: each target's output is [n, Out_t].
        let x = Tensor.randn([5, 96], rng: &rng)
        let ws = [Tensor.randn([40, 96], rng: &rng), Tensor.randn([8, 96], rng: &rng)]
        let outs = ws.map { Tensor(zeros: [5, $0.shape[0]]) }
        gemv(x.data, rows: 5, inFeatures: 96, targets: zip(ws, outs).map { GemvTarget(weight: $0.0, bias: nil, out: $0.1.data) })
        for (w, o) in zip(ws, outs) { XCTAssertEqual(o.toArray(), try gemv(x, w).toArray()) }
        XCTAssertThrowsError(try gemv(Tensor(zeros: [0, 96]), ws[0]))
    }

    func testDecodeAttentionOfSeveralSequencesGivesEachItsBitsAlone() throws {
        var rng = RNG(seed: 18)
        let hq = 4, hkv = 2, d = 8, lengths = [1, 9, 30]
        let qs = lengths.map { _ in Tensor.randn([hq * d], rng: &rng) }
        let ks = lengths.map { Tensor.randn([$0, hkv * d], rng: &rng) }, vs = lengths.map { Tensor.randn([$0, hkv * d], rng: &rng) }
        let scores = lengths.map { UnsafeMutablePointer<Float>.allocate(capacity: hq * $0) }
        defer { scores.forEach { $0.deallocate() } }
        let outs = lengths.map { _ in Tensor(zeros: [hq * d]) }
        decodeAttention(lengths.indices.map { i in
            DecodeAttentionRow(q: qs[i].data, keys: ks[i].data, values: vs[i].data, length: lengths[i], scores: scores[i], out: outs[i].data)
        }, heads: hq, kvHeads: hkv, headDim: d)
        for i in lengths.indices {
            let alone = Tensor(zeros: [hq * d])
            decodeAttention(q: qs[i].data, keys: ks[i].data, values: vs[i].data, length: lengths[i], heads: hq, kvHeads: hkv, headDim: d,
                            scores: scores[i], out: alone.data)
            XCTAssertEqual(outs[i].toArray(), alone.toArray(), "sequence \(i)")
        }
    }

    func testDecodeAttentionMatchesTheLastRowOfCausalAttention() throws {
        var rng = RNG(seed: 15)
        let t = 37, hq = 6, hkv = 2, d = 20
        let q = Tensor.randn([1, t, hq, d], rng: &rng), k = Tensor.randn([1, t, hkv, d], rng: &rng), v = Tensor.randn([1, t, hkv, d], rng: &rng)
        let ref = try noGrad { try causalAttention(q: q, k: k, v: v) }.toArray()
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: hq * t)
        defer { scores.deallocate() }
        let out = Tensor.full([hq * d], 7)   // overwritten, not accumulated into
        decodeAttention(q: q.data + (t - 1) * hq * d, keys: k.data, values: v.data, length: t, heads: hq, kvHeads: hkv, headDim: d,
                        scores: scores, out: out.data)
        let last = Array(ref[((t - 1) * hq * d)...])
        for (a, b) in zip(out.toArray(), last) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    func testStreamingReadSumsEveryElement() {
        let n = 1_000_003
        let buf = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer { buf.deallocate() }
        buf.initialize(repeating: 0.5, count: n)
        buf[n - 1] = 1000
        XCTAssertEqual(Double(streamingRead(buf, count: n)), 0.5 * Double(n - 1) + 1000, accuracy: 1)
    }
}

/// bfloat16 weights: rounding to nearest even and the bf16 GEMV against f32 on the rounded values.
final class BF16GEMVTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    func testRoundingIsToNearestEvenAndKeepsNaN() throws {
        let values: [Float] = [1, 1 + 0x1p-8, 1 + 3 * 0x1p-8, 1 + 0x1p-8 + 0x1p-12, -2.5, .infinity, 0]
        let m = try BF16Matrix(Tensor(values, shape: [1, values.count]))
        XCTAssertEqual(m.toArray(), [1, 1, 1 + 4 * 0x1p-8, 1 + 2 * 0x1p-8, -2.5, .infinity, 0])
        XCTAssertTrue(try BF16Matrix(Tensor([.nan], shape: [1, 1])).toArray()[0].isNaN)
        XCTAssertThrowsError(try BF16Matrix(Tensor(zeros: [4])))
    }

    func testBF16GEMVMatchesF32OnTheRoundedWeights() throws {
        var rng = RNG(seed: 16)
        for inF in [3, 16, 45, 100, 896] {
            let x = Tensor.randn([1, inF], rng: &rng), w = Tensor.randn([70, inF], rng: &rng), b = Tensor.randn([70], rng: &rng)
            let packed = try BF16Matrix(w)
            let rounded = try Tensor(packed.toArray(), shape: w.shape)
            let ours = try gemv(x, packed, bias: b).toArray(), ref = try gemv(x, rounded, bias: b).toArray()
            for i in 0..<70 { XCTAssertEqual(ours[i], ref[i], accuracy: 1e-4, "in=\(inF) row \(i)") }
            let g2 = try BF16Matrix(Tensor.randn([70, inF], rng: &rng))
            let sw = try gemvSwiGLU(x, gate: packed, up: g2).toArray()
            let swRef = try gemvSwiGLU(x, gate: rounded, up: Tensor(g2.toArray(), shape: [70, inF])).toArray()
            for i in 0..<70 { XCTAssertEqual(sw[i], swRef[i], accuracy: 1e-4 * max(1, abs(swRef[i]))) }
        }
    }
}
