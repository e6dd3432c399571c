// ops: each fused kernel's achieved bandwidth against a plain copy of the same bytes,
// forward and backward; attention in tokens/s.
import Foundation
import OctoTensor
import OctoBase

func benchOps() throws {
    var rng = RNG(seed: 2)
    let rows = 4096, c = 1024
    let x = Tensor.randn([rows, c], rng: &rng), w = Tensor.randn([c], rng: &rng)
    let bytes = rows * c * 4
    let copyGBs = copyBandwidth(bytes: bytes)
    let anchor = String(format: "copy %.1f GB/s", copyGBs)
    func kernel(_ name: String, bytesMoved: Int, _ fwd: () throws -> Tensor) throws {
        let tf = try bestTime { _ = try noGrad { try fwd() } }
        let gbF = Double(bytesMoved) / tf / 1e9
        report("ops", "\(name) forward", value: gbF, unit: "GB/s", ratio: gbF / copyGBs, anchor: anchor)
        var out: Tensor?
        let tb = try bestTime {
            if out == nil { out = try fwd() }
            guard let o = out else { return }
            _ = o.localBackward(Tensor.full(o.shape, 1))
        }
        let gbB = Double(bytesMoved * 2) / tb / 1e9
        report("ops", "\(name) backward", value: gbB, unit: "GB/s", ratio: gbB / copyGBs, anchor: anchor)
    }
    x.requiresGrad = true; w.requiresGrad = true
    try kernel("rmsnorm", bytesMoved: 2 * bytes) { try rmsNorm(x, weight: w, eps: 1e-5) }
    let u = Tensor.randn([rows, c], rng: &rng); u.requiresGrad = true
    try kernel("swiglu", bytesMoved: 3 * bytes) { try swiglu(gate: x, up: u) }
    try kernel("softmax", bytesMoved: 2 * bytes) { softmax(x) }
    let table = RopeTable(headDim: 64, theta: 10000)
    let xr = try x.reshape([1, rows, c / 64, 64])
    let positions = Array(0..<rows)
    try kernel("rope", bytesMoved: 2 * bytes) { try rope(xr, table: table, positions: positions) }
    let targets = (0..<rows).map { $0 % c }
    try kernel("cross_entropy", bytesMoved: bytes) { try crossEntropy(x, targets: targets) }

    // Attention: BENCH-S head layout (8 query heads, 4 kv heads, head dim 32), batch 1.
    for t in [256, 1024, 4096] {
        let q = Tensor.randn([1, t, 8, 32], rng: &rng), k = Tensor.randn([1, t, 4, 32], rng: &rng), v = Tensor.randn([1, t, 4, 32], rng: &rng)
        // Anchor: the same FLOPs (causal half of QKᵀ and PV) at raw sgemm speed, timed
        // alternately with attention (a 256² GEMM takes a third of a millisecond: two runs of
        // each, apart, read anywhere from 40 to 100 GFLOP/s on this VM).
        let flops = 2.0 * 2 * Double(t) * Double(t) / 2 * 32 * 8
        let a = Tensor.randn([t, 256], rng: &rng), b = Tensor.randn([256, t], rng: &rng), cc = Tensor(zeros: [t, t])
        let (tg, tf) = try bestTimesInterleaved(reps: t >= 4096 ? 5 : 15, settle: openBLASSettle,
            anchor: { rawOpenBLASsgemm(m: t, n: t, k: 256, a: a.data, b: b.data, c: cc.data) },
            ours: { _ = try noGrad { try causalAttention(q: q, k: k, v: v) } })
        let gemmRate = 2.0 * Double(t * t * 256) / tg
        report("ops", "attention T=\(t) forward", value: Double(t) / tf, unit: "tokens/s", ratio: (flops / tf) / gemmRate,
               anchor: String(format: "sgemm %.0f GFLOP/s on the same FLOPs", gemmRate / 1e9))
    }
}
