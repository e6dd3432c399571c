// Seeded, splittable random numbers: xoshiro256** seeded through SplitMix64. Streams split
// by name so that data order, initialisation and sampling never disturb one another.
import Foundation

/// A deterministic generator. Same seed → same sequence on every machine.
public struct RNG: RandomNumberGenerator, Codable, Equatable, Sendable {
    public private(set) var state: [UInt64]

    public init(seed: UInt64) {
        var sm = seed
        state = (0..<4).map { _ in RNG.splitMix(&sm) }
        if state.allSatisfy({ $0 == 0 }) { state[0] = 1 }
    }

    static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public mutating func next() -> UInt64 {
        let result = RNG.rotl(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]; state[3] ^= state[1]; state[1] ^= state[2]; state[0] ^= state[3]
        state[2] ^= t; state[3] = RNG.rotl(state[3], 45)
        return result
    }

    /// An independent child stream named `label` (does not advance this generator).
    public func split(_ label: String) -> RNG {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a of the label mixed with the state
        for byte in label.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var mix = h ^ state[0] ^ RNG.rotl(state[1], 13) ^ RNG.rotl(state[2], 29) ^ RNG.rotl(state[3], 47)
        return RNG(seed: RNG.splitMix(&mix))
    }

    /// Uniform in [0, 1) with 24 bits (float) precision.
    public mutating func uniform() -> Float { Float(next() >> 40) * (1.0 / 16_777_216.0) }

    /// Uniform in [0, 1) with 53 bits.
    public mutating func uniformDouble() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }

    /// Standard normal (Box–Muller; one draw per call, deterministic).
    public mutating func normal() -> Float {
        var u1 = uniformDouble()
        if u1 < 1e-300 { u1 = 1e-300 }
        let u2 = uniformDouble()
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }

    /// An integer in 0..<n (n > 0), unbiased.
    public mutating func int(below n: Int) -> Int {
        guard n > 1 else { return 0 }
        return Int(next(upperBound: UInt64(n)))
    }

    /// An index drawn with probability proportional to `weights` (non-negative).
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

extension Tensor {
    /// A tensor of N(mean, std²) draws from `rng`.
    public static func randn(_ shape: [Int], std: Float = 1, mean: Float = 0, rng: inout RNG) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.data[i] = mean + std * rng.normal() }
        return t
    }

    /// A tensor of U[low, high) draws from `rng`.
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, rng: inout RNG) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.data[i] = low + (high - low) * rng.uniform() }
        return t
    }
}
