import XCTest
@testable import OctoTensor

/// The register-tiled attention kernels (CSupport/attention.c) against a float64 reference,
/// at shapes whose every edge is ragged: positions not a multiple of the 6-row tiles or of
/// the 16-key panels, several query-row blocks, a head dim with a partial 16-wide panel.
final class AttentionKernelTests: XCTestCase {
    override func tearDown() { Threads.set(2) }

    /// out, dq, dk, dv of causal attention (GQA) in float64; g is dOut.
    private func reference(q: [Float], k: [Float], v: [Float], g: [Float], b: Int, t: Int, hq: Int, hkv: Int, d: Int)
        -> (out: [Double], dq: [Double], dk: [Double], dv: [Double]) {
        var out = [Double](repeating: 0, count: q.count), dq = out
        var dk = [Double](repeating: 0, count: k.count), dv = dk
        let scale = 1 / Double(d).squareRoot()
        for bi in 0..<b { for h in 0..<hq {
            let kvh = h / (hq / hkv)
            func qi(_ i: Int) -> Int { ((bi * t + i) * hq + h) * d }
            func ki(_ j: Int) -> Int { ((bi * t + j) * hkv + kvh) * d }
            for i in 0..<t {
                var s = [Double](repeating: 0, count: i + 1)
                for j in 0...i { var acc = 0.0; for c in 0..<d { acc += Double(q[qi(i) + c]) * Double(k[ki(j) + c]) }; s[j] = acc * scale }
                let m = s.max() ?? 0
                let e = s.map { Foundation.exp($0 - m) }, z = e.reduce(0, +)
                let p = e.map { $0 / z }
                for c in 0..<d { for j in 0...i { out[qi(i) + c] += p[j] * Double(v[ki(j) + c]) } }
                // dP = g·v, dS = p (dP − Σ p dP)
                var dp = [Double](repeating: 0, count: i + 1)
                for j in 0...i { var acc = 0.0; for c in 0..<d { acc += Double(g[qi(i) + c]) * Double(v[ki(j) + c]) }; dp[j] = acc }
                let dot = zip(p, dp).map { $0 * $1 }.reduce(0, +)
                for j in 0...i {
                    let ds = p[j] * (dp[j] - dot) * scale
                    for c in 0..<d {
                        dv[ki(j) + c] += p[j] * Double(g[qi(i) + c])
                        dq[qi(i) + c] += ds * Double(k[ki(j) + c])
                        dk[ki(j) + c] += ds * Double(q[qi(i) + c])
                    }
                }
            }
        } }
        return (out, dq, dk, dv)
    }

    private func assertClose(_ got: [Float], _ want: [Double], _ what: String, tol: Double = 2e-5) {
        XCTAssertEqual(got.count, want.count, what)
        var worst = 0.0
        for (a, b) in zip(got, want) { worst = max(worst, abs(Double(a) - b) / max(1, abs(b))) }
        XCTAssertLessThan(worst, tol, "\(what): worst error \(worst)")
    }

    private func check(b: Int, t: Int, hq: Int, hkv: Int, d: Int, seed: UInt64) throws {
        let q = randn([b, t, hq, d], seed: seed), k = randn([b, t, hkv, d], seed: seed + 1)
        let v = randn([b, t, hkv, d], seed: seed + 2), g = randn([b, t, hq, d], seed: seed + 3)
        for x in [q, k, v] { x.requiresGrad = true }
        let out = try causalAttention(q: q, k: k, v: v)
        try out.mul(g).sum().backward()
        let ref = reference(q: q.toArray(), k: k.toArray(), v: v.toArray(), g: g.toArray(), b: b, t: t, hq: hq, hkv: hkv, d: d)
        let shape = "b=\(b) t=\(t) hq=\(hq) hkv=\(hkv) d=\(d)"
        assertClose(out.toArray(), ref.out, "out \(shape)")
        assertClose(q.grad?.toArray() ?? [], ref.dq, "dq \(shape)")
        assertClose(k.grad?.toArray() ?? [], ref.dk, "dk \(shape)")
        assertClose(v.grad?.toArray() ?? [], ref.dv, "dv \(shape)")
        // Unrecorded, the forward keeps no probabilities (its scores stay in scratch rows) and
        // gives the same bits as the recorded forward that keeps them.
        let inference = try noGrad { try causalAttention(q: q, k: k, v: v) }
        XCTAssertNil(inference.opKind)
        XCTAssertEqual(inference.toArray().map(\.bitPattern), out.toArray().map(\.bitPattern), "unrecorded forward \(shape)")
    }

    func testRaggedShapesMatchFloat64() throws {
        Threads.set(2)
        try check(b: 2, t: 77, hq: 4, hkv: 2, d: 40, seed: 100)    // two 48-row blocks, 40 = 16 + 16 + 8
        try check(b: 1, t: 5, hq: 3, hkv: 1, d: 7, seed: 200)      // less than one tile everywhere
        try check(b: 1, t: 97, hq: 2, hkv: 2, d: 16, seed: 300)    // three blocks, one exact panel
    }

    func testBlockRowsShrinkForLongSequences() {
        XCTAssertEqual(attentionBlockRows(positions: 512), 48)
        XCTAssertEqual(attentionBlockRows(positions: 1100), 42)   // 44 rounded down to whole 6-row tiles
        XCTAssertEqual(attentionBlockRows(positions: 100_000), 6)
    }

    func testSameBitsOnOneAndTwoThreads() throws {
        func run(_ threads: Int) throws -> [Float] {
            Threads.set(threads)
            let q = randn([3, 61, 4, 24], seed: 7), k = randn([3, 61, 2, 24], seed: 8), v = randn([3, 61, 2, 24], seed: 9)
            for x in [q, k, v] { x.requiresGrad = true }
            let out = try causalAttention(q: q, k: k, v: v)
            try out.square().sum().backward()
            return out.toArray() + (q.grad?.toArray() ?? []) + (k.grad?.toArray() ?? []) + (v.grad?.toArray() ?? [])
        }
        let one = try run(1), two = try run(2)
        XCTAssertEqual(one.map(\.bitPattern), two.map(\.bitPattern))
    }
}
