// Where a training step's time goes, for the benchmark: wall time in the GEMMs issued outside
// the engine's parallel loops (the linear layers and the LM head, each split across the
// threads) and in causal attention (forward and backward, on its own register tiles).
// Everything else (norms, RoPE, SwiGLU, cross-entropy, AdamW) is the step's time minus both.
import Foundation

/// Off unless a caller (the benchmark) starts it; start, read and stop it from the thread that
/// runs the step (the one that issues the GEMMs and calls attention).
public enum KernelClock {
    nonisolated(unsafe) public private(set) static var running = false
    nonisolated(unsafe) public private(set) static var gemmSeconds = 0.0
    nonisolated(unsafe) public private(set) static var gemmFlops = 0.0
    nonisolated(unsafe) public private(set) static var attentionSeconds = 0.0

    /// Zeroes the totals and starts counting.
    public static func start() { gemmSeconds = 0; gemmFlops = 0; attentionSeconds = 0; running = true }
    /// Stops counting; the totals stay readable.
    public static func stop() { running = false }

    /// A start time to pass to `add…(since:)`: 0 (nothing to add) while the clock is stopped.
    static var now: UInt64 { running ? DispatchTime.now().uptimeNanoseconds : 0 }

    static func addGEMM(since t0: UInt64, m: Int, n: Int, k: Int) {
        if t0 == 0 { return }
        gemmSeconds += elapsed(since: t0)
        gemmFlops += 2 * Double(m) * Double(n) * Double(k)
    }

    static func addAttention(since t0: UInt64) {
        if t0 != 0 { attentionSeconds += elapsed(since: t0) }
    }

    private static func elapsed(since t0: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }
}
