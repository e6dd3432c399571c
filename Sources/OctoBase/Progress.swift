// The progress protocol: engines report through it and never print. OctoTerm draws it; it lives
// in OctoBase so that the terminal and the engines share it without depending on each other.

/// One progress update from a long-running engine call.
public struct ProgressEvent: Sendable, Equatable {
    /// Work done so far, in `unit`s.
    public var done: Int
    /// Total work, or nil when unknown.
    public var total: Int?
    /// What `done` counts: "step", "token", "sample", ….
    public var unit: String
    /// A short label for the task ("stable phase", "rollouts", …).
    public var label: String
    /// Named scalar statistics of the latest step (loss, lr, reward, …), in display order.
    public var stats: [(String, Double)]
    /// Items per second, when the engine measured it.
    public var rate: Double?

    public init(done: Int, total: Int?, unit: String, label: String = "",
                stats: [(String, Double)] = [], rate: Double? = nil) {
        self.done = done; self.total = total; self.unit = unit; self.label = label
        self.stats = stats; self.rate = rate
    }

    public static func == (a: ProgressEvent, b: ProgressEvent) -> Bool {
        a.done == b.done && a.total == b.total && a.unit == b.unit && a.label == b.label
            && a.rate == b.rate && a.stats.map(\.0) == b.stats.map(\.0)
            && a.stats.map(\.1) == b.stats.map(\.1)
    }
}

/// Receives progress from engines. Return `false` from `shouldContinue` to ask the engine
/// to stop at its next safe point (Ctrl-C): the engine keeps its state so a later call
/// can go on.
public protocol ProgressReporter: AnyObject {
    func begin(_ event: ProgressEvent)
    func update(_ event: ProgressEvent)
    func end(_ event: ProgressEvent, interrupted: Bool)
    /// Polled by engines between units of work.
    var shouldContinue: Bool { get }
}

/// A reporter that ignores everything and never interrupts (the default for engines).
public final class SilentProgress: ProgressReporter {
    public init() {}
    public func begin(_ event: ProgressEvent) {}
    public func update(_ event: ProgressEvent) {}
    public func end(_ event: ProgressEvent, interrupted: Bool) {}
    public var shouldContinue: Bool { true }
}

/// Passes the outer reporter's stop request (Ctrl-C) to an inner engine call that should not
/// draw progress of its own, and remembers it: once asked to stop, it stays stopped.
public final class InterruptProbe: ProgressReporter {
    public let outer: ProgressReporter
    /// Whether the outer reporter asked to stop.
    public private(set) var interrupted = false
    public init(_ outer: ProgressReporter) { self.outer = outer }
    public func begin(_ event: ProgressEvent) {}
    public func update(_ event: ProgressEvent) {}
    public func end(_ event: ProgressEvent, interrupted: Bool) {}
    public var shouldContinue: Bool {
        if !outer.shouldContinue { interrupted = true }
        return !interrupted
    }
}
