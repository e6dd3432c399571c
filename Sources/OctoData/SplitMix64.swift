// The data layer's seeded generator (SplitMix64, Steele et al. 2014): every random draw in
// OctoData comes from one of these, so the same seed gives the same bits everywhere.

/// A small, fast, seedable generator whose whole state is one `UInt64` (easy to save).
public struct SplitMix64: RandomNumberGenerator, Codable, Equatable, Sendable {
    /// The full state; saving and restoring it resumes the stream exactly.
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for a named sub-stream of `seed`, independent of the others.
    public init(seed: UInt64, stream: String) {
        state = seed ^ HashSplit.fnv1a64(stream) &* 0x9e37_79b9_7f4a_7c15
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in `range` (modulo draw; the bias is below 2⁻⁴⁰ for lab-sized ranges).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniformly chosen element of a non-empty array. Internal: only the lab's constant,
    /// never-empty word lists go through it.
    mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(max(1, items.count)))]
    }
}
