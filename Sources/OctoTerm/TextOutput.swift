// Where rendered text goes: stderr, stdout, or a string in tests.
import Foundation

/// A sink for rendered text. Progress bars write here so that tests can capture them.
public protocol TextOutput: AnyObject {
    /// Writes `text` as is (no newline added).
    func write(_ text: String)
}

/// Writes to standard error, unbuffered.
public final class StandardErrorOutput: TextOutput {
    public init() {}
    public func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// Writes to standard output (flushing Swift's `print` buffer first keeps the order).
public final class StandardOutput: TextOutput {
    public init() {}
    public func write(_ text: String) {
        fflush(stdout)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Collects everything written, for tests and for capturing output into a value.
public final class StringOutput: TextOutput {
    private let lock = NSLock()
    private var buffer = ""
    public init() {}
    public func write(_ text: String) { lock.lock(); buffer += text; lock.unlock() }
    /// Everything written so far.
    public var text: String { lock.lock(); defer { lock.unlock() }; return buffer }
}
