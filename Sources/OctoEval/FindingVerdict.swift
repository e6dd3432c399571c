// The verdict rule of the study in miniature: a finding compares two arms run with the same
// seeds. For each seed take the paired difference (arm − baseline). The finding is
// *reproduced* only if every seed's difference points the expected way and the mean
// difference is at least two standard errors from zero; *not reproduced* otherwise.
// With fewer than two seeds there is no standard error, and the verdict says so.

import Foundation

/// The expected direction of a finding's difference.
public enum FindingDirection: String, Sendable, Codable {
    case greater, less
}

/// A computed verdict with every number it follows from.
public struct FindingVerdict: Sendable, Equatable {
    /// Per-seed differences (arm − baseline), in seed order.
    public let differences: [Double]
    public let mean: Double
    /// Sample standard deviation of the differences / √n (0 with fewer than 2 seeds, or when
    /// every difference is the same number).
    public let standardError: Double
    /// mean / SE with its sign flipped for `.less` (positive = the expected way); nil when SE = 0.
    public let zScore: Double?
    public let direction: FindingDirection
    /// "reproduced", "not reproduced" or "too few seeds".
    public let verdict: String
    /// Why, in words computed from the numbers.
    public let reason: String

    /// The rule applied to paired arm values (equal length, one per seed).
    /// - Throws: `FindingVerdict.InvalidInput` for unequal or empty lists or non-finite values.
    public init(arm: [Double], baseline: [Double], expect direction: FindingDirection) throws {
        guard !arm.isEmpty, arm.count == baseline.count else {
            throw InvalidInput(message: "a verdict needs one value per seed for both arms (got \(arm.count) and \(baseline.count))")
        }
        guard (arm + baseline).allSatisfy(\.isFinite) else { throw InvalidInput(message: "a verdict needs finite values (nil or NaN in a seed's metric)") }
        let d = zip(arm, baseline).map { $0 - $1 }
        let n = Double(d.count)
        // Identical differences have no spread: their mean is that value and SE is 0 exactly.
        // Summed, (x + x + x) / 3 can round away from x and leave an SE of 1e-17, whose "z" is
        // then a meaningless 1e16.
        let identical = d.allSatisfy { $0 == d[0] }
        let mean = identical ? d[0] : d.reduce(0, +) / n
        var se = 0.0
        if !identical {   // one seed is identical to itself: SE 0
            let variance = d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
            se = (variance / n).squareRoot()
        }
        let sign = direction == .greater ? 1.0 : -1.0
        let z: Double? = se > 0 ? sign * mean / se : nil
        let allExpected = d.allSatisfy { sign * $0 > 0 }
        self.differences = d; self.mean = mean; self.standardError = se; self.zScore = z; self.direction = direction
        let dirWord = direction == .greater ? "above" : "below"
        if d.count < 2 {
            verdict = "too few seeds"
            reason = "one seed: no standard error (difference \(Self.fmt(mean)))"
        } else if !allExpected {
            let against = d.filter { sign * $0 <= 0 }.count
            verdict = "not reproduced"
            reason = "\(against) of \(d.count) seeds' differences are not \(dirWord) zero"
        } else if se == 0 {
            verdict = "reproduced"
            reason = "every seed's difference is \(dirWord) zero and identical (SE 0)"
        } else if let z, z >= 2 {
            verdict = "reproduced"
            reason = "every seed's difference is \(dirWord) zero; mean \(Self.fmt(mean)) = \(Self.fmt(z)) SE"
        } else {
            verdict = "not reproduced"
            reason = "every seed's difference is \(dirWord) zero but the mean \(Self.fmt(mean)) is only \(Self.fmt(z ?? 0)) SE (< 2)"
        }
    }

    /// Values the rule cannot judge (the message names what is wrong).
    public struct InvalidInput: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    static func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
}
