// Aligned float32 buffers owned by a final class: kernels work on raw pointers.
import Foundation
import CSupport

/// A 64-byte aligned, zero-initialised buffer of float32 values.
public final class Storage {
    /// The first element. Valid for `count` elements while this object lives.
    public let data: UnsafeMutablePointer<Float>
    public let count: Int

    private static let tuned: Bool = { octo_tune_malloc(); return true }()

    public init(count: Int) {
        _ = Storage.tuned
        let n = max(count, 1)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<Float>.stride, alignment: 64)
        data = raw.bindMemory(to: Float.self, capacity: n)
        data.initialize(repeating: 0, count: n)
        self.count = count
    }

    deinit { data.deallocate() }
}
