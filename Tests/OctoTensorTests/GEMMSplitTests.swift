import XCTest
import Foundation
@testable import OctoTensor
import OctoBase

/// `sgemm` splits a large product into pieces of rows or columns on the engine's threads, with
/// OpenBLAS on one thread: every transpose and both split sides agree with a float64 product,
/// the pieces tile the side exactly, and the bits do not depend on whether the pieces ran in
/// parallel or in order inside another loop.
final class GEMMSplitTests: XCTestCase {
    override func setUp() { Threads.set(2) }
    override func tearDown() { Threads.set(2) }

    func testPiecesTileTheSideInWhole16Blocks() {
        for length in [32, 33, 47, 48, 100, 4096, 4097] {
            for threads in [2, 3, 4] {
                let p = GEMMPieces(length: length, threads: threads, fmas: 1 << 20)
                XCTAssertLessThanOrEqual(p.count, threads)
                XCTAssertGreaterThan(p.count, 1, "length \(length) splits on \(threads) threads")
                XCTAssertEqual(p.size % 16, 0)
                var next = 0
                for i in 0..<p.count {
                    let r = p.range(i)
                    XCTAssertEqual(r.lowerBound, next)
                    XCTAssertFalse(r.isEmpty)
                    next = r.upperBound
                }
                XCTAssertEqual(next, length, "length \(length), \(threads) threads")
            }
        }
        XCTAssertEqual(GEMMPieces(length: 4096, threads: 2, fmas: gemmSplitFMAs - 1).count, 1, "small products run whole")
        XCTAssertEqual(GEMMPieces(length: 31, threads: 2, fmas: 1 << 30).count, 1, "a short side runs whole")
        XCTAssertEqual(GEMMPieces(length: 4096, threads: 1, fmas: 1 << 30).count, 1, "one thread runs whole")
    }

    /// C = alpha·op(A)·op(B) + beta·C against float64, for every transpose pair, a split by rows
    /// (m ≥ n) and by columns (m < n), with padded leading dimensions.
    func testEveryTransposeAndSplitSideMatchesFloat64() {
        var rng = RNG(seed: 7)
        for (m, n, k) in [(150, 37, 70), (37, 150, 70), (64, 64, 64)] {
            XCTAssertGreaterThan(GEMMPieces(length: max(m, n), threads: 2, fmas: m * n * k).count, 1)
            for transA in [false, true] {
                for transB in [false, true] {
                    let lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 5, ldc = n + 2
                    let a = (0..<((transA ? k : m) * lda)).map { _ in rng.normal() }
                    let b = (0..<((transB ? n : k) * ldb)).map { _ in rng.normal() }
                    var c = (0..<(m * ldc)).map { _ in rng.normal() }
                    let c0 = c
                    a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
                        sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.5, a: ap.baseAddress!, lda: lda,
                              b: bp.baseAddress!, ldb: ldb, beta: 2, c: cp.baseAddress!, ldc: ldc)
                    } } }
                    var worst = 0.0
                    for i in 0..<m {
                        for j in 0..<n {
                            var s = 0.0
                            for p in 0..<k {
                                let x = Double(transA ? a[p * lda + i] : a[i * lda + p])
                                let y = Double(transB ? b[j * ldb + p] : b[p * ldb + j])
                                s += x * y
                            }
                            let want = 0.5 * s + 2 * Double(c0[i * ldc + j])
                            worst = max(worst, abs(Double(c[i * ldc + j]) - want))
                        }
                        for j in n..<ldc { XCTAssertEqual(c[i * ldc + j], c0[i * ldc + j], "padding untouched") }
                    }
                    XCTAssertLessThan(worst, 1e-4, "m \(m) n \(n) k \(k) transA \(transA) transB \(transB)")
                }
            }
        }
    }

    /// The same product at the top level (pieces in parallel) and inside a parallel loop
    /// (pieces in order on one thread): the same bits.
    func testBitsDoNotDependOnWherePiecesRun() {
        var rng = RNG(seed: 3)
        let m = 200, n = 96, k = 80
        let a = (0..<(m * k)).map { _ in rng.normal() }, b = (0..<(n * k)).map { _ in rng.normal() }
        func product() -> [Float] {
            var c = [Float](repeating: 0, count: m * n)
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
                sgemm(transA: false, transB: true, m: m, n: n, k: k, a: ap.baseAddress!, lda: k, b: bp.baseAddress!, ldb: k,
                      c: cp.baseAddress!, ldc: n)
            } } }
            return c
        }
        let top = product()
        var nested: [Float] = []
        let lock = NSLock()
        parallelTasks(2) { t in
            if t == 0 { let c = product(); lock.lock(); nested = c; lock.unlock() }
        }
        XCTAssertEqual(top.map(\.bitPattern), nested.map(\.bitPattern))
        XCTAssertEqual(product().map(\.bitPattern), top.map(\.bitPattern), "run to run")
    }

    /// setUp's `Threads.set` starts the engine, which holds OpenBLAS at one thread.
    func testOpenBLASRunsOneThread() {
        XCTAssertEqual(Threads.blasThreads, 1)
    }
}
