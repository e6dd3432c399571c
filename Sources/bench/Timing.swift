// Timing helpers for the benchmark: best-of-N wall time, printed lines with a ratio.
import Foundation
import OctoTensor
import CSupport
import CBLAS

/// Wall seconds of one run of `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

/// Seconds of the fastest of `reps` runs (after one warm-up run).
func bestTime(reps: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var best = Double.infinity
    for _ in 0..<reps { best = min(best, try seconds(body)) }
    return best
}

/// C = A·B (row-major, no transposes) by OpenBLAS itself on the engine's thread count: the
/// raw sgemm anchor. The engine runs OpenBLAS on one thread and splits products itself, so the
/// anchor lends OpenBLAS its own threads for this call only.
func rawOpenBLASsgemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
    openblas_set_num_threads(Int32(Threads.count))
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(k), b, Int32(n), 0, c, Int32(n))
    openblas_set_num_threads(1)
}

/// Best seconds of `anchor` and of `ours`, timed alternately (anchor, ours, anchor, …) so that a
/// slow spell of a noisy machine falls on both sides instead of on one. `settle` seconds of
/// sleep before every timed run let the other side's idle threads stop spinning first
/// (OpenBLAS's spin for ~0.1 s after a multi-threaded call, taking a core from whatever runs
/// next; the engine itself never runs OpenBLAS's threads). After that sleep each side's threads
/// are asleep too, and waking a halted vCPU costs this VM up to a millisecond, so each timed
/// run follows one untimed run of the same side: both are timed warm, as GEMMs run back to back
/// in a training step (a 5 ms product read 60-65 GFLOP/s cold and 80-105 warm, either side).
func bestTimesInterleaved(reps: Int = 9, settle: Double = 0, anchor: () throws -> Void, ours: () throws -> Void) rethrows -> (anchor: Double, ours: Double) {
    try anchor(); try ours()
    var bestA = Double.infinity, bestO = Double.infinity
    for _ in 0..<reps {
        if settle > 0 { Thread.sleep(forTimeInterval: settle); try anchor() }
        bestA = min(bestA, try seconds(anchor))
        if settle > 0 { Thread.sleep(forTimeInterval: settle); try ours() }
        bestO = min(bestO, try seconds(ours))
    }
    return (bestA, bestO)
}

/// Sleep before each side of a comparison with `rawOpenBLASsgemm`: longer than OpenBLAS's
/// idle spin (2^28 TSC cycles, 0.11 s at this VM's 2.45 GHz).
let openBLASSettle = 0.15

/// One benchmark figure: "group name: value unit ratio=R vs anchor (settings)".
func report(_ group: String, _ name: String, value: Double, unit: String, ratio: Double, anchor: String) {
    let figure = Figure(group: group, name: name, value: value, unit: unit, ratio: ratio, anchor: anchor)
    print(figure.line)
    reportedFigures.append(figure)
}

/// The CPU's model name from /proc/cpuinfo ("unknown CPU" elsewhere): every figure names it.
let cpuModel: String = {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
          let colon = line.firstIndex(of: ":") else { return "unknown CPU" }
    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
}()

/// A buffer larger than the caches (1 GiB), on huge pages as the engine's large tensors are,
/// that `read()` streams once on all engine threads: the memory limit of batch-1 decode, which
/// reads every weight once per token.
final class ReadProbe {
    let bytes: Int
    private let buffer: UnsafeMutablePointer<Float>
    private var sink: Float = 0

    init(bytes: Int = 1 << 30) {
        self.bytes = bytes
        let n = bytes / 4
        buffer = UnsafeMutablePointer<Float>.allocate(capacity: n)
        octo_advise_huge_pages(buffer, bytes)
        parallelFor(n, minChunk: 1 << 20) { r in (self.buffer + r.lowerBound).initialize(repeating: 1, count: r.count) }
    }

    deinit {
        if sink == 42 { print("") }   // keeps the reads observable
        buffer.deallocate()
    }

    /// GB/s of one read of the whole buffer.
    func read() -> Double {
        let n = bytes / 4
        let t = seconds { sink += streamingRead(buffer, count: n) }
        return Double(bytes) / t / 1e9
    }
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

/// Starts a new peak-RSS window: returns freed heap memory to the kernel (malloc_trim) and
/// resets the kernel's high-water mark (writing 5 to /proc/self/clear_refs). False where the
/// reset is refused: the peak then covers the whole process.
func resetPeakRSS() -> Bool {
    octo_release_free_memory()
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
    return true
}

/// The process's peak resident set (bytes) since the last `resetPeakRSS` (VmHWM), or since
/// start (getrusage) when /proc is unreadable.
func peakRSSBytes() -> Double {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kb = Double(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") {
        return kb * 1024
    }
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) * 1024
}
