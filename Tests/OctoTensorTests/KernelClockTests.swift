import XCTest
import Foundation
@testable import OctoTensor
import OctoBase

/// The clock `bench train` uses to split a step into BLAS GEMMs, attention and the rest: it
/// counts exactly the GEMMs issued outside the engine's parallel loops while it runs, with
/// their FLOPs, and attention's forward and backward as attention.
final class KernelClockTests: XCTestCase {
    override func setUp() { Threads.set(2) }
    override func tearDown() {
        KernelClock.stop()
        Threads.set(ProcessInfo.processInfo.activeProcessorCount)
    }

    func testCountsTheTopLevelGEMMsWhileRunningOnly() throws {
        let m = 128, n = 64, k = 32   // large enough to split into pieces
        let a = [Float](repeating: 1, count: m * k), b = [Float](repeating: 2, count: k * n)
        var c = [Float](repeating: 0, count: m * n)
        func gemm() {
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
                guard let ap = ap.baseAddress, let bp = bp.baseAddress, let cp = cp.baseAddress else { return }
                sgemm(transA: false, transB: false, m: m, n: n, k: k, a: ap, lda: k, b: bp, ldb: n, c: cp, ldc: n)
            } } }
        }
        gemm()   // before start: not counted
        KernelClock.start()
        gemm(); gemm()
        parallelTasks(2) { t in if t == 0 { gemm() } }   // decode attention's kind of call: part of its loop
        KernelClock.stop()
        gemm()   // after stop: not counted
        XCTAssertEqual(KernelClock.gemmFlops, 2 * 2 * Double(m * n * k))
        XCTAssertGreaterThan(KernelClock.gemmSeconds, 0)
        XCTAssertEqual(c[0], Float(2 * k))   // the GEMMs still computed
        KernelClock.start()
        XCTAssertEqual(KernelClock.gemmFlops, 0, "start zeroes the totals")
    }

    func testAttentionCountsAsAttentionNotAsGEMMs() throws {
        var rng = RNG(seed: 1)
        let q = Tensor.randn([1, 96, 4, 16], rng: &rng), k = Tensor.randn([1, 96, 2, 16], rng: &rng), v = Tensor.randn([1, 96, 2, 16], rng: &rng)
        q.requiresGrad = true
        KernelClock.start()
        let out = try causalAttention(q: q, k: k, v: v)
        let afterForward = KernelClock.attentionSeconds
        try out.sum().backward()
        KernelClock.stop()
        XCTAssertGreaterThan(afterForward, 0, "forward is timed")
        XCTAssertGreaterThan(KernelClock.attentionSeconds, afterForward, "backward is timed too")
        XCTAssertEqual(KernelClock.gemmFlops, 0, "attention runs its own tiles, not GEMMs")
        XCTAssertNotNil(q.grad)
    }
}
