// Ctrl-C: a process-wide flag the SIGINT handler sets and the interpreter (and engines,
// through their progress reporters) poll between units of work.

/// The interrupt flag. `request()` is async-signal-safe (one store to preallocated memory).
public enum Interrupt {
    nonisolated(unsafe) private static let flag: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// Sets the flag (call from a signal handler, or from tests).
    public static func request() { flag.pointee = 1 }
    /// Clears the flag (the REPL does this before each cell).
    public static func clear() { flag.pointee = 0 }
    /// Whether Ctrl-C was pressed since the last `clear()`.
    public static var isRequested: Bool { flag.pointee != 0 }
    /// Touch the flag once at start-up so the handler never runs the lazy initializer.
    public static func prepare() { _ = flag }
}
