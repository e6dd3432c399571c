// Aligned float32 buffers owned by a final class: kernels work on raw pointers.
import Foundation
import CSupport

/// A 64-byte aligned buffer of float32 values, zero-initialised unless a kernel that writes
/// every element asks otherwise.
public final class Storage {
    /// The first element. Valid for `count` elements while this object lives.
    public let data: UnsafeMutablePointer<Float>
    public let count: Int

    /// Buffers from 8 MiB up are advised onto transparent huge pages.
    static let hugePageFloats = 2 << 20

    private static let tuned: Bool = { octo_tune_malloc(); return true }()

    public convenience init(count: Int) { self.init(count: count, zeroed: true) }

    /// `zeroed: false` skips the zero fill, for outputs a kernel overwrites whole (a GEMM with
    /// beta = 0): the fill costs a pass over memory that the GEMM then repeats.
    init(count: Int, zeroed: Bool) {
        _ = Storage.tuned
        let n = max(count, 1)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<Float>.stride, alignment: 64)
        data = raw.bindMemory(to: Float.self, capacity: n)
        // Large buffers (weights, activations) on 2 MiB pages: a weight streamed once per
        // decoded token takes a TLB miss per 4 KiB page otherwise.
        if n >= Storage.hugePageFloats { octo_advise_huge_pages(raw, n * MemoryLayout<Float>.stride) }
        if zeroed { data.initialize(repeating: 0, count: n) } else { data[0] = 0 }
        self.count = count
    }

    deinit { data.deallocate() }
}
