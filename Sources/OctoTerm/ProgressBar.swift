// Draws the engines' progress protocol: a redrawn bar on a terminal, one line otherwise.
import Foundation
import OctoBase

/// A progress bar for `ProgressReporter` events.
///
/// On a terminal it redraws one line in place (`\r`), at most every `minInterval` seconds:
///
///     stable phase  45%|█████████         | 45/100 step [00:04<00:05, 12.3 step/s] loss 2.31 lr 1e-3
///
/// and replaces it with a summary line at `end`. When the output is not a terminal it stays
/// quiet until `end`, then writes only the summary:
///
///     stable phase: 100/100 step in 00:08 (12.5 step/s) loss 2.31 lr 1e-3
///
/// `requestStop()` (from a SIGINT handler, say) makes `shouldContinue` false until `reset()`
/// or the next `begin`. All methods may be called from any thread.
public final class ProgressBar: ProgressReporter {
    private let output: TextOutput
    private let capabilities: TerminalCapabilities
    private let clock: () -> Double
    private let minInterval: Double
    private let lock = NSLock()

    private var stopRequested = false
    private var startTime = 0.0
    private var startDone = 0
    private var lastDraw = -Double.infinity
    private var drawn = false

    /// - Parameters:
    ///   - output: where to write (stderr by default).
    ///   - capabilities: of the terminal behind `output` (detected on stderr by default).
    ///   - clock: seconds from any fixed origin; inject one in tests.
    ///   - minInterval: least time between two redraws, in seconds.
    public init(output: TextOutput = StandardErrorOutput(),
                capabilities: TerminalCapabilities = .detect(fileDescriptor: 2),
                clock: @escaping () -> Double = ProgressBar.monotonicSeconds,
                minInterval: Double = 0.1) {
        self.output = output; self.capabilities = capabilities
        self.clock = clock; self.minInterval = minInterval
    }

    /// Seconds of a monotonic clock.
    public static func monotonicSeconds() -> Double { ProcessInfo.processInfo.systemUptime }

    // MARK: - Interrupt flag

    /// False once `requestStop()` was called, until `reset()` or the next `begin`.
    public var shouldContinue: Bool { lock.lock(); defer { lock.unlock() }; return !stopRequested }

    /// Asks the engine to stop at its next safe point (Ctrl-C).
    public func requestStop() { lock.lock(); stopRequested = true; lock.unlock() }

    /// Clears a stop request.
    public func reset() { lock.lock(); stopRequested = false; lock.unlock() }

    // MARK: - ProgressReporter

    public func begin(_ event: ProgressEvent) {
        lock.lock(); defer { lock.unlock() }
        stopRequested = false
        startTime = clock(); startDone = event.done
        lastDraw = -Double.infinity; drawn = false
        if capabilities.isTTY { draw(event, now: startTime) }
    }

    public func update(_ event: ProgressEvent) {
        lock.lock(); defer { lock.unlock() }
        guard capabilities.isTTY else { return }
        let now = clock()
        if now - lastDraw >= minInterval { draw(event, now: now) }
    }

    public func end(_ event: ProgressEvent, interrupted: Bool) {
        lock.lock(); defer { lock.unlock() }
        let now = clock()
        let summary = summaryLine(event, elapsed: now - startTime, interrupted: interrupted)
        if capabilities.isTTY {
            output.write("\r" + clearLine + TextWidth.truncate(summary, to: capabilities.width - 1) + "\n")
        } else {
            output.write(summary + "\n")
        }
        drawn = false
    }

    // MARK: - Lines

    private var clearLine: String { "\u{1B}[K" }

    private func draw(_ event: ProgressEvent, now: Double) {
        // Two columns spare: the terminal echoes ^C after the line, which must not wrap it.
        let line = barLine(event, elapsed: now - startTime, width: capabilities.width - 3)
        output.write("\r" + line + clearLine)
        lastDraw = now; drawn = true
    }

    /// Items per second: the engine's own figure, or measured since `begin`.
    func rate(_ event: ProgressEvent, elapsed: Double) -> Double? {
        if let r = event.rate, r.isFinite, r >= 0 { return r }
        guard elapsed > 0, event.done > startDone else { return nil }
        return Double(event.done - startDone) / elapsed
    }

    /// The redrawn line, at most `width` columns.
    func barLine(_ event: ProgressEvent, elapsed: Double, width: Int) -> String {
        let rate = rate(event, elapsed: elapsed)
        let rateText = rate.map { "\(NumberFormat.significant($0, digits: 3)) \(event.unit)/s" } ?? "? \(event.unit)/s"
        let label = event.label.isEmpty ? "" : event.label + " "
        let stats = Self.statsText(event.stats)
        let tail = stats.isEmpty ? "" : " " + stats
        guard let total = event.total, total > 0 else {
            let line = "\(label)\(event.done) \(event.unit) [\(NumberFormat.duration(elapsed)), \(rateText)]\(tail)"
            return TextWidth.truncate(line, to: width)
        }
        let fraction = min(1, max(0, Double(event.done) / Double(total)))
        let eta = rate.flatMap { $0 > 0 ? max(0, Double(total) - Double(event.done)) / $0 : nil }
        let percent = String(Int((fraction * 100).rounded(.down)))
        let head = label + String(repeating: " ", count: max(0, 3 - percent.count)) + percent + "%|"
        let counts = "| \(event.done)/\(total) \(event.unit) [\(NumberFormat.duration(elapsed))<\(eta.map(NumberFormat.duration) ?? "?"), \(rateText)]"
        let room = width - TextWidth.of(head) - TextWidth.of(counts) - TextWidth.of(tail)
        let barWidth = min(30, max(10, room))
        let line = head + Self.bar(fraction, width: barWidth) + counts + tail
        return TextWidth.truncate(line, to: width)
    }

    /// The one line written at `end`.
    func summaryLine(_ event: ProgressEvent, elapsed: Double, interrupted: Bool) -> String {
        let label = event.label.isEmpty ? "" : event.label + ": "
        let count = event.total.map { "\(event.done)/\($0) \(event.unit)" } ?? "\(event.done) \(event.unit)"
        let what = interrupted ? "interrupted at \(count) after" : "\(count) in"
        var line = "\(label)\(what) \(NumberFormat.duration(elapsed))"
        if let r = rate(event, elapsed: elapsed) {
            line += " (\(NumberFormat.significant(r, digits: 3)) \(event.unit)/s)"
        }
        let stats = Self.statsText(event.stats)
        return stats.isEmpty ? line : line + " " + stats
    }

    /// "loss 2.31 lr 1e-3".
    static func statsText(_ stats: [(String, Double)]) -> String {
        stats.map { "\($0.0) \(NumberFormat.significant($0.1, digits: 4))" }.joined(separator: " ")
    }

    /// A bar of `width` columns filled to `fraction`, with eighth blocks at the edge.
    static func bar(_ fraction: Double, width: Int) -> String {
        let eighths = Int((min(1, max(0, fraction)) * Double(width * 8)).rounded(.down))
        let full = eighths / 8
        let partial = eighths % 8
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: full)
        if full < width { bar += partial > 0 ? blocks[partial] : " " }
        return bar + String(repeating: " ", count: max(0, width - full - 1))
    }
}
