// Threads: a deterministic row partition for the engine's own loops, OpenBLAS held to one
// thread (the engine splits large GEMMs itself), and flush-to-zero in every compute thread.
import Foundation
import CBLAS
import CSupport

/// Thread settings of the engine. Partitions depend only on `threads`, so the same thread
/// count gives the same bits.
public enum Threads {
    /// Threads for the engine's own parallel loops (default: all cores).
    public private(set) static var count: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Sets the engine's thread count (OpenBLAS stays at one thread: `sgemm` splits).
    public static func set(_ n: Int) {
        count = max(1, n)
        ensureInitialized()
        octo_set_ftz_daz()
    }

    /// OpenBLAS's current thread count: 1 once the engine has started.
    public static var blasThreads: Int { Int(openblas_get_num_threads()) }

    /// OpenBLAS's build configuration and the kernel it chose ("Haswell", "Cooperlake", …).
    public static var blasDescription: String {
        let cfg = openblas_get_config().map { String(cString: $0) } ?? "?"
        let env = ProcessInfo.processInfo.environment
        let coreType = env["OPENBLAS_CORETYPE"] ?? "unset"
        return "OpenBLAS \(cfg) core=\(blasCore) OPENBLAS_CORETYPE=\(coreType) threads=\(blasThreads) (GEMMs split by the engine)"
    }

    /// The kernels behind the engine's arithmetic on this machine: OpenBLAS's core (its GEMM
    /// summation order), the ISA of CSupport's kernels and the engine's revision. Bits are
    /// reproducible for the same seed, thread count and signature; another signature may round
    /// differently.
    public static var kernelSignature: String {
        "openblas=\(blasCore) csupport=\(gemvInstructionSet) engine=\(engineRevision)"
    }

    /// Raised whenever a change to the engine alters results' bits on the same OpenBLAS core
    /// and ISA, so outputs recorded before it no longer claim bit-for-bit agreement
    /// (2: decode steps of batched sampling run the row-wise GEMV kernels, not BLAS; 3:
    /// attention runs CSupport's register-tiled kernels, not BLAS blocks; 4: the vectorised
    /// exponential uses explicit multiply-adds; 5: OpenBLAS runs single-threaded on pieces
    /// of each large GEMM split by the engine, not on its own threads; 6: a layer's q, k and v
    /// are one GEMM, whose backward sums over all three at once, and the gradient norm adds
    /// fixed chunks' partial sums).
    static let engineRevision = 6

    /// The kernel OpenBLAS chose for this CPU ("Zen", "Cooperlake", …).
    static var blasCore: String { openblas_get_corename().map { String(cString: $0) } ?? "?" }

    /// Sets FTZ/DAZ on the calling thread.
    public static func enableFlushToZero() { octo_set_ftz_daz() }
    public static var flushToZeroEnabled: Bool { octo_ftz_daz_enabled() != 0 }

    private static var initialized = false
    /// Called by kernels before their first use: sets FTZ on the main thread and OpenBLAS to
    /// one thread (its own threads would spin on the cores the engine's loops use).
    static func ensureInitialized() {
        if initialized { return }
        initialized = true
        openblas_set_num_threads(1)
        octo_set_ftz_daz()
    }
}

/// Runs `body` over `0..<n` split into at most `Threads.count` contiguous chunks, each at
/// least `minChunk` long. Chunk boundaries depend only on n, minChunk and the thread count.
@inline(__always)
public func parallelFor(_ n: Int, minChunk: Int = 1, _ body: (Range<Int>) -> Void) {
    Threads.ensureInitialized()
    let workers = min(Threads.count, max(1, n / max(minChunk, 1)))
    if workers <= 1 || n <= 1 {
        if n > 0 { body(0..<n) }
        return
    }
    let base = n / workers, extra = n % workers
    parallelTasks(workers) { w in
        let start = w * base + min(w, extra)
        body(start..<(start + base + (w < extra ? 1 : 0)))
    }
}

/// Runs `task(0..<tasks)` on the engine's threads (the caller and the persistent workers of
/// CSupport/pool.c), each task once, claimed as threads come free; returns when all are done.
/// Which thread runs a task never changes its result.
public func parallelTasks(_ tasks: Int, _ task: (Int) -> Void) {
    guard tasks > 0 else { return }
    Threads.ensureInitialized()
    octo_set_ftz_daz()   // the caller runs tasks too (workers set it when they start)
    withoutActuallyEscaping(task) { task in
        var box = TaskBox(task: task)
        withUnsafeMutablePointer(to: &box) { ptr in
            octo_parallel_run(Threads.count, tasks, { ctx, t in
                ctx?.assumingMemoryBound(to: TaskBox.self).pointee.task(t)
            }, ptr)
        }
    }
}

/// The closure a C task callback reaches through its context pointer.
private struct TaskBox {
    let task: (Int) -> Void
}
