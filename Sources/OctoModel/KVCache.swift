// Per-sequence key/value cache: one growable [capacity, Hkv, D] buffer per layer for keys
// and one for values, preallocated and grown by chunks.
import OctoTensor

/// The cache of one sequence across all layers.
public final class KVCache {
    public let layers: Int, kvHeads: Int, headDim: Int
    public private(set) var length = 0
    public private(set) var capacity: Int
    var keys: [UnsafeMutablePointer<Float>]
    var values: [UnsafeMutablePointer<Float>]
    /// Growth step in positions.
    public static let chunk = 256

    public init(layers: Int, kvHeads: Int, headDim: Int, capacity: Int = KVCache.chunk) {
        self.layers = layers; self.kvHeads = kvHeads; self.headDim = headDim
        self.capacity = max(capacity, 1)
        let row = kvHeads * headDim
        keys = (0..<layers).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: max(capacity, 1) * row) }
        values = (0..<layers).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: max(capacity, 1) * row) }
    }

    /// Attention scores of one new token (all heads), reused across decode steps.
    private var scoreBuffer: UnsafeMutablePointer<Float>?
    private var scoreCapacity = 0

    deinit {
        keys.forEach { $0.deallocate() }; values.forEach { $0.deallocate() }
        scoreBuffer?.deallocate()
    }

    /// Scratch for the scores of one new token: `heads` rows of `capacity` floats, reallocated
    /// only when the cache's capacity grows (by chunks), not per token.
    func scores(heads: Int) -> UnsafeMutablePointer<Float> {
        let count = heads * capacity
        if let b = scoreBuffer, scoreCapacity >= count { return b }
        scoreBuffer?.deallocate()
        let b = UnsafeMutablePointer<Float>.allocate(capacity: count)
        scoreBuffer = b; scoreCapacity = count
        return b
    }

    /// Makes room for `n` more positions.
    func reserve(_ n: Int) {
        guard length + n > capacity else { return }
        let newCap = ((length + n) / KVCache.chunk + 1) * KVCache.chunk
        let row = kvHeads * headDim
        for l in 0..<layers {
            let k = UnsafeMutablePointer<Float>.allocate(capacity: newCap * row)
            k.update(from: keys[l], count: length * row); keys[l].deallocate(); keys[l] = k
            let v = UnsafeMutablePointer<Float>.allocate(capacity: newCap * row)
            v.update(from: values[l], count: length * row); values[l].deallocate(); values[l] = v
        }
        capacity = newCap
    }

    func advance(_ n: Int) { length += n }

    /// Drops positions from `newLength` on (to re-sample from a prefix).
    public func truncate(to newLength: Int) { length = max(0, min(length, newLength)) }

    /// A copy (used to fork many samples from one prefilled prompt).
    public func copy() -> KVCache {
        let c = KVCache(layers: layers, kvHeads: kvHeads, headDim: headDim, capacity: capacity)
        let row = kvHeads * headDim
        for l in 0..<layers {
            c.keys[l].update(from: keys[l], count: length * row)
            c.values[l].update(from: values[l], count: length * row)
        }
        c.length = length
        return c
    }
}
