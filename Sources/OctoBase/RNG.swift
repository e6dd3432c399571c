// The one seeded generator of the project: SplitMix64 (Steele, Lea & Flood 2014). Its whole
// state is one UInt64, so saving and restoring it resumes a stream exactly. Streams split by
// name (FNV-1a of the name mixed into the seed), so data order, initialisation, sampling and
// the session's `random()` never disturb one another. Same seed → same bits on every machine.

import Foundation

/// A deterministic, splittable random generator.
public struct RNG: RandomNumberGenerator, Codable, Equatable, Sendable {
    /// The full state; saving and restoring it resumes the stream exactly.
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The generator of the sub-stream `stream` of `seed`, independent of the others.
    public init(seed: UInt64, stream: String) {
        state = seed ^ FNV1a.hash64(stream) &* 0x9e37_79b9_7f4a_7c15
        _ = next()
    }

    /// An independent child stream named `label` (does not advance this generator).
    public func split(_ label: String) -> RNG { RNG(seed: state, stream: label) }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniformDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [0, 1) with 24 bits (float) precision.
    public mutating func uniform() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// Standard normal (Box–Muller; one draw per call, deterministic).
    public mutating func normal() -> Float {
        var u1 = uniformDouble()
        if u1 < 1e-300 { u1 = 1e-300 }
        let u2 = uniformDouble()
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }

    /// An integer in 0..<n, unbiased (0 when n ≤ 1).
    public mutating func int(below n: Int) -> Int {
        guard n > 1 else { return 0 }
        return Int(next(upperBound: UInt64(n)))
    }

    /// Uniform integer in `range` (modulo draw; the bias is below 2⁻⁴⁰ for lab-sized ranges).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { uniformDouble() < p }

    /// An index drawn with probability proportional to `weights` (non-negative); 0 when all
    /// weights are zero.
    public mutating func categorical(_ weights: UnsafeBufferPointer<Float>) -> Int {
        var total: Double = 0
        for w in weights { total += Double(w) }
        guard total > 0 else { return 0 }
        let r = uniformDouble() * total
        var acc: Double = 0
        for (i, w) in weights.enumerated() {
            acc += Double(w)
            if r < acc { return i }
        }
        return weights.count - 1
    }

    public mutating func categorical(_ weights: [Float]) -> Int {
        weights.withUnsafeBufferPointer { categorical($0) }
    }
}
