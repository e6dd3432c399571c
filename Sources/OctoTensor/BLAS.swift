// The one GEMM entry point: row-major cblas_sgemm with transposes passed to BLAS.
import CSupport
import CBLAS

/// C = alpha * op(A) * op(B) + beta * C, row-major. op(A) is M×K, op(B) is K×N.
@inline(__always)
public func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                  a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                  beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        if beta == 0 { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
        else if beta != 1 { for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } } }
        return
    }
    // OpenBLAS's threads need the cores our spinning workers would take.
    let fannedOut = openblas_get_num_threads() > 1
    if fannedOut { octo_pool_rest() }
    let t0 = fannedOut ? KernelClock.now : 0   // 0 while the clock is stopped
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    KernelClock.addGEMM(since: t0, m: m, n: n, k: k)
}
