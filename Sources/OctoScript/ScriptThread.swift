// Deep recursion in a tree-walking interpreter needs stack: run cells on a thread with a
// large stack, so the call-depth limit (not the OS) stops runaway recursion.
import Foundation

/// Runs work on a dedicated thread with a big stack and waits for it.
public enum ScriptThread {
    /// Default stack for interpreter threads: 512 MB (virtual; only touched pages cost memory).
    public static let defaultStackSize = 512 << 20

    /// Runs `body` on a new thread with `stackSize` bytes of stack; returns its result.
    public static func run<T>(stackSize: Int = defaultStackSize, _ body: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        guard let value = box.value else { return body() }
        return value
    }
}

private final class ResultBox<T>: @unchecked Sendable { var value: T?; init() {} }
