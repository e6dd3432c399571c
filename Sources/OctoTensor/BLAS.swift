// The one GEMM entry point: row-major cblas_sgemm with transposes passed to BLAS. OpenBLAS
// runs on one thread; a large product is split into `Threads.count` pieces of rows (or of
// columns, whichever side is longer) that run as one parallel loop on the engine's threads.
// OpenBLAS's own threads spun on sched_yield for ~0.1 s after every multi-threaded call and
// took the cores the norms, attention and SwiGLU that follow a GEMM run on (5–6 % of a
// training step's CPU time spent yielding); with no such threads, BENCH-S and BENCH-M steps
// ran 2–9 % faster in alternated steps (Benchmarks.md).
import CSupport
import CBLAS

/// A product splits only when its FMAs (m·n·k) reach this (a few µs of work), so the parallel
/// loop pays for itself.
let gemmSplitFMAs = 1 << 18

/// C = alpha * op(A) * op(B) + beta * C, row-major. op(A) is M×K, op(B) is K×N. The bits
/// depend only on the shapes and `Threads.count`: the pieces' bounds do, and which thread runs
/// a piece does not. Called inside a parallel loop, the pieces run in order on the caller.
public func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                  a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                  beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        if beta == 0 { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
        else if beta != 1 { for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } } }
        return
    }
    Threads.ensureInitialized()
    // Timed only outside the engine's loops: a GEMM inside one (decode attention) is part
    // of that loop's time.
    let t0 = octo_pool_in_job() == 0 ? KernelClock.now : 0   // 0 while the clock is stopped
    defer { KernelClock.addGEMM(since: t0, m: m, n: n, k: k) }
    let ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans
    let splitRows = m >= n, length = splitRows ? m : n
    let pieces = GEMMPieces(length: length, threads: Threads.count, fmas: m * n * k)
    if pieces.count <= 1 {
        cblas_sgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                    beta, c, Int32(ldc))
        return
    }
    parallelTasks(pieces.count) { i in
        let range = pieces.range(i)
        if splitRows {   // rows lo..<hi of op(A) and of C
            let aPiece = transA ? a + range.lowerBound : a + range.lowerBound * lda
            cblas_sgemm(CblasRowMajor, ta, tb, Int32(range.count), Int32(n), Int32(k), alpha, aPiece, Int32(lda),
                        b, Int32(ldb), beta, c + range.lowerBound * ldc, Int32(ldc))
        } else {         // columns lo..<hi of op(B) and of C
            let bPiece = transB ? b + range.lowerBound * ldb : b + range.lowerBound
            cblas_sgemm(CblasRowMajor, ta, tb, Int32(m), Int32(range.count), Int32(k), alpha, a, Int32(lda),
                        bPiece, Int32(ldb), beta, c + range.lowerBound, Int32(ldc))
        }
    }
}

/// The pieces of a split product: equal runs of whole 16-row (or 16-column) blocks, the last
/// one shorter. One piece when the product is small or the side too short to split.
struct GEMMPieces {
    let length: Int, size: Int, count: Int

    init(length: Int, threads: Int, fmas: Int) {
        self.length = length
        guard threads > 1, fmas >= gemmSplitFMAs, length >= 32 else { size = length; count = 1; return }
        let blocks = (length + 15) / 16
        size = (blocks + threads - 1) / threads * 16
        count = (length + size - 1) / size
    }

    func range(_ i: Int) -> Range<Int> { (i * size)..<Swift.min(length, (i + 1) * size) }
}
