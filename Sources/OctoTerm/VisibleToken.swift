// Making whitespace, control characters and raw bytes of tokens visible.

/// `s` with whitespace and control characters made visible: space → `·`, newline → `↵`,
/// tab → `→`, other control characters (C0, DEL, C1) and U+FFFD → `<0xNN>`.
///
///     visibleToken(" the\n") == "·the↵"      visibleToken("\r") == "<0x0D>"
public func visibleToken(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
        switch scalar {
        case " ": out += "·"
        case "\n": out += "↵"
        case "\t": out += "→"
        case "\u{FFFD}": out += "<0xFFFD>"
        default:
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) {
                out += hexByte(v)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

/// The bytes of a token made visible: valid UTF-8 decoded as by `visibleToken(_:)`, every
/// byte of an invalid or incomplete sequence shown as `<0xNN>` (byte-level BPE tokens often
/// hold half a character).
public func visibleToken(bytes: [UInt8]) -> String {
    var out = ""
    var i = 0
    while i < bytes.count {
        let lead = bytes[i]
        let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
        if length > 0, i + length <= bytes.count,
           bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 }),
           let decoded = String(validating: bytes[i..<(i + length)], as: UTF8.self) {
            out += visibleToken(decoded)
            i += length
        } else {
            out += hexByte(UInt32(lead))
            i += 1
        }
    }
    return out
}

private func hexByte(_ v: UInt32) -> String {
    let digits = String(v, radix: 16, uppercase: true)
    return "<0x" + String(repeating: "0", count: max(0, 2 - digits.count)) + digits + ">"
}
