// Train / held-out splits by a stable hash of the text: the same document lands on the same
// side on every machine, whatever the file order.

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

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 { fnv1a64(bytes: text.utf8) }

    /// 64-bit FNV-1a of a byte sequence (e.g. a file's contents).
    public static func fnv1a64<Bytes: Sequence>(bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// 64-bit FNV-1a continued from `seed` over raw memory (checkpoint files are hashed in
    /// chunks with this; same result as `fnv1a64(bytes:)` when `seed` is the default).
    public static func fnv1a64(buffer: UnsafeRawBufferPointer, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        for b in buffer { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01b3 }
        return h
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
    public func isHeldOut(_ text: String) -> Bool { isHeldOut(hash: HashSplit.fnv1a64(text)) }

    /// Splits texts, keeping their order on each side.
    public func split(_ texts: [String]) -> (train: [String], heldOut: [String]) {
        var train: [String] = [], held: [String] = []
        for t in texts { if isHeldOut(t) { held.append(t) } else { train.append(t) } }
        return (train, held)
    }
}
