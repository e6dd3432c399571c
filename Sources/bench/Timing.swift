// Timing helpers for the benchmark: best-of-N wall time, printed lines with a ratio.
import Foundation
import OctoTensor

/// Seconds of the fastest of `reps` runs (after one warm-up run).
func bestTime(reps: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var best = Double.infinity
    for _ in 0..<reps {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    return best
}

/// One benchmark figure: "group name: value unit ratio=R vs anchor (settings)".
func report(_ group: String, _ name: String, value: Double, unit: String, ratio: Double, anchor: String) {
    let v = value >= 100 ? String(format: "%.0f", value) : String(format: "%.3g", value)
    print("\(group) \(name): \(v) \(unit) ratio=\(String(format: "%.3f", ratio)) vs \(anchor) [threads=\(Threads.count) blas_threads=\(Threads.blasThreads)]")
}

/// Copy bandwidth (GB/s, read + write bytes) for `bytes` bytes, the anchor of memory-bound kernels.
func copyBandwidth(bytes: Int) -> Double {
    let n = bytes / 4
    let a = UnsafeMutablePointer<Float>.allocate(capacity: n); a.initialize(repeating: 1, count: n)
    let b = UnsafeMutablePointer<Float>.allocate(capacity: n); b.initialize(repeating: 0, count: n)
    defer { a.deallocate(); b.deallocate() }
    let t = bestTime { parallelFor(n, minChunk: 1 << 16) { r in (b + r.lowerBound).update(from: a + r.lowerBound, count: r.count) } }
    return Double(2 * bytes) / t / 1e9
}
