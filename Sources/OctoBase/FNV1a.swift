// 64-bit FNV-1a (Fowler–Noll–Vo): the one hash of the project, for held-out splits, stream
// names, cache keys and checkpoint manifests. Stable across machines and runs.

/// 64-bit FNV-1a.
public enum FNV1a {
    /// The offset basis: the hash of no bytes.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of the UTF-8 bytes of `text`.
    public static func hash64(_ text: String) -> UInt64 { hash64(bytes: text.utf8) }

    /// The hash of a byte sequence (e.g. a file's contents).
    public static func hash64<Bytes: Sequence>(bytes: Bytes, seed: UInt64 = offsetBasis) -> UInt64
    where Bytes.Element == UInt8 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    /// The hash continued from `seed` over raw memory (files are hashed in chunks with this;
    /// the same result as `hash64(bytes:)` when `seed` is the offset basis).
    public static func hash64(buffer: UnsafeRawBufferPointer, seed: UInt64 = offsetBasis) -> UInt64 {
        var h = seed
        for b in buffer { h = (h ^ UInt64(b)) &* prime }
        return h
    }
}
