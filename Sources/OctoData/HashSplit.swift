// Train / held-out splits by a stable hash of the text: the same document lands on the same
// side on every machine, whatever the file order.
import OctoBase

/// A deterministic split: a document is held out when the FNV-1a hash of its UTF-8 bytes,
/// mixed and reduced to a bucket in 0..<1_000_000, falls below `heldOutFraction`·10⁶.
public struct HashSplit: Codable, Equatable, Sendable {
    /// Share of documents held out, in [0, 1].
    public let heldOutFraction: Double

    /// - Throws: `DataError.invalidArgument` when the fraction is outside [0, 1].
    public init(heldOutFraction: Double) throws {
        guard heldOutFraction >= 0, heldOutFraction <= 1 else {
            throw DataError.invalidArgument("held-out fraction \(heldOutFraction) is not in [0, 1]")
        }
        self.heldOutFraction = heldOutFraction
    }

    /// The bucket (0..<1_000_000) of a hash, after a SplitMix64 finaliser to spread low bits.
    public static func bucket(_ hash: UInt64, buckets: UInt64 = 1_000_000) -> UInt64 {
        var z = hash &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return (z ^ (z >> 31)) % buckets
    }

    /// Whether a document with this text hash is held out.
    public func isHeldOut(hash: UInt64) -> Bool {
        Double(HashSplit.bucket(hash)) < heldOutFraction * 1_000_000
    }

    /// Whether `text` is held out.
    public func isHeldOut(_ text: String) -> Bool { isHeldOut(hash: FNV1a.hash64(text)) }

    /// Splits texts, keeping their order on each side.
    public func split(_ texts: [String]) -> (train: [String], heldOut: [String]) {
        var train: [String] = [], held: [String] = []
        for t in texts { if isHeldOut(t) { held.append(t) } else { train.append(t) } }
        return (train, held)
    }
}
