// ByteLevel: GPT-2's reversible byte <-> printable character mapping (`bytes_to_unicode`
// in openai/gpt-2 encoder.py; `ByteLevel` pre-tokenizer and decoder in HF tokenizers).
//
// Bytes 0x21-0x7E, 0xA1-0xAC and 0xAE-0xFF stand for themselves; the other 68 bytes map to
// U+0100, U+0101, ... in byte order (so a space becomes "Ġ" U+0120, a newline "Ċ" U+010A).
// Vocab entries are strings of these characters; internally OctoTokenizer works on bytes.

/// The byte-level alphabet and conversions between raw bytes and vocab strings.
enum ByteLevel {
    /// `byteToScalar[b]`: the printable character that stands for byte b.
    static let byteToScalar: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            if (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b) {
                table[b] = UInt32(b)
            } else {
                table[b] = next
                next += 1
            }
        }
        return table
    }()

    /// `scalarToByte[c]` for c < 0x144: the byte c stands for, or -1.
    static let scalarToByte: [Int16] = {
        var table = [Int16](repeating: -1, count: 0x144)
        for (b, c) in byteToScalar.enumerated() { table[Int(c)] = Int16(b) }
        return table
    }()

    /// The vocab string of raw bytes (each byte one character).
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var s = String.UnicodeScalarView()
        for b in bytes {
            if let scalar = Unicode.Scalar(byteToScalar[Int(b)]) { s.append(scalar) }
        }
        return String(s)
    }

    /// The bytes a vocab string stands for, or nil when a character is outside the
    /// byte-level alphabet.
    static func decodeStrict(_ token: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(token.utf8.count)
        for scalar in token.unicodeScalars {
            let v = Int(scalar.value)
            guard v < scalarToByte.count else { return nil }
            let b = scalarToByte[v]
            guard b >= 0 else { return nil }
            out.append(UInt8(b))
        }
        return out
    }

    /// The bytes HF's ByteLevel decoder produces for one token: the mapped bytes when every
    /// character is in the alphabet, else the token's own UTF-8 (as `decode_chain` does).
    static func decodeToken(_ token: String) -> [UInt8] {
        decodeStrict(token) ?? Array(token.utf8)
    }

    /// All 256 alphabet characters as strings, sorted by code point: the order in which HF's
    /// BpeTrainer assigns the first ids (`compute_alphabet` sorts the kept characters).
    static var alphabetInIdOrder: [UInt8] {
        (0..<256).map { UInt8($0) }.sorted { byteToScalar[Int($0)] < byteToScalar[Int($1)] }
    }
}
