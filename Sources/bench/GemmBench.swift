// gemm: the engine's matmul (OpenBLAS on one thread, pieces split across the engine's threads)
// against raw cblas_sgemm on OpenBLAS's own threads, same shapes.
import Foundation
import OctoTensor
import OctoBase

func benchGemm() throws {
    let shapes = [(1024, 1024, 1024), (4096, 256, 256), (4096, 688, 688), (4096, 2048, 2048), (4096, 256, 2048), (4096, 2048, 256)]
    var rng = RNG(seed: 1)
    for (m, n, k) in shapes {
        let a = Tensor.randn([m, k], rng: &rng), b = Tensor.randn([k, n], rng: &rng)
        let c = Tensor(zeros: [m, n])
        let (raw, eng) = try bestTimesInterleaved(settle: openBLASSettle,
            anchor: { rawOpenBLASsgemm(m: m, n: n, k: k, a: a.data, b: b.data, c: c.data) },
            ours: { _ = try noGrad { try a.matmul(b) } })
        let flops = 2.0 * Double(m * n * k)
        report("gemm", "matmul \(m)x\(n)x\(k)", value: flops / eng / 1e9, unit: "GFLOP/s", ratio: raw / eng,
               anchor: String(format: "raw cblas_sgemm %.0f GFLOP/s", flops / raw / 1e9))
    }
}
