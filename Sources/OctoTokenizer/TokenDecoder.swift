// TokenDecoder: the `decoder` of tokenizer.json, run as HF's `decode_chain` on the list of
// token strings (here byte strings, since ByteLevel and ByteFallback produce raw bytes).
//
//   ByteLevel       each token's characters back to bytes (the GPT-2 alphabet)
//   Replace(p, c)   every match of p in each token becomes c ("▁" -> " " for SentencePiece)
//   ByteFallback    runs of <0xHH> tokens become their bytes when valid UTF-8, else one
//                   U+FFFD per byte
//   Fuse            all tokens joined into one
//   Strip(c, n, m)  up to n leading and m trailing c removed from each token
//   Metaspace       "▁" becomes " " (dropped in the first token unless prepend_scheme never)
// The final bytes become text with lossy UTF-8. A lone ByteLevel decoder (Llama-3, Qwen2,
// GPT-2 style) takes Tokenizer's fast path: per-id bytes concatenated.

/// One decoder step.
indirect enum TokenDecoder: Sendable {
    case byteLevel
    case replace(TextPattern, content: [UInt8])
    case byteFallback
    case fuse
    case strip(content: [UInt8], start: Int, stop: Int)
    case metaspace(replacement: [UInt8], dropFirst: Bool)
    case sequence([TokenDecoder])

    static func parse(_ json: JSONValue, field: String, file: String) throws -> TokenDecoder {
        guard let type = json["type"]?.string else { throw TokenizerError.missingField(file: file, field: field + ".type") }
        switch type {
        case "ByteLevel": return .byteLevel
        case "ByteFallback": return .byteFallback
        case "Fuse": return .fuse
        case "Replace":
            let pattern = try TextPattern.parse(json["pattern"], field: field + ".pattern", file: file)
            guard let content = json["content"]?.string else { throw TokenizerError.missingField(file: file, field: field + ".content") }
            return .replace(pattern, content: Array(content.utf8))
        case "Strip":
            guard let content = json["content"]?.string, content.unicodeScalars.count == 1 else {
                throw TokenizerError.wrongType(file: file, field: field + ".content", expected: "one character")
            }
            return .strip(content: Array(content.utf8), start: max(0, json["start"]?.int ?? 0), stop: max(0, json["stop"]?.int ?? 0))
        case "Metaspace":
            let replacement = json["replacement"]?.string ?? "\u{2581}"
            let scheme = json["prepend_scheme"]?.string ?? (json["add_prefix_space"]?.bool == false ? "never" : "always")
            return .metaspace(replacement: Array(replacement.utf8), dropFirst: scheme != "never")
        case "Sequence":
            guard let parts = json["decoders"]?.array else { throw TokenizerError.missingField(file: file, field: field + ".decoders") }
            return .sequence(try parts.enumerated().map { try parse($0.element, field: "\(field).decoders[\($0.offset)]", file: file) })
        default:
            throw TokenizerError.unsupported(file: file, field: field + ".type", value: type)
        }
    }

    /// Whether this is exactly ByteLevel (the per-id fast path applies).
    var isByteLevelOnly: Bool {
        switch self {
        case .byteLevel: return true
        case .sequence(let parts): return parts.count == 1 && parts[0].isByteLevelOnly
        default: return false
        }
    }

    /// Runs the chain on token strings (UTF-8 bytes each).
    func decode(_ tokens: [[UInt8]]) -> [[UInt8]] {
        switch self {
        case .byteLevel:
            return [tokens.flatMap { ByteLevel.decodeToken(String(decoding: $0, as: UTF8.self)) }]
        case .replace(let pattern, let content):
            return tokens.map { pattern.replace($0, with: content) }
        case .byteFallback:
            return Self.byteFallback(tokens)
        case .fuse:
            return [tokens.flatMap { $0 }]
        case .strip(let content, let start, let stop):
            return tokens.map { Self.strip($0, content, start, stop) }
        case .metaspace(let replacement, let dropFirst):
            return tokens.enumerated().map { i, t in
                TextPattern.literal(replacement).replace(t, with: i == 0 && dropFirst ? [] : [0x20])
            }
        case .sequence(let parts):
            return parts.reduce(tokens) { $1.decode($0) }
        }
    }

    /// The byte of a `<0xHH>` token, or nil.
    static func fallbackByte(_ t: [UInt8]) -> UInt8? {
        guard t.count == 6, t[0] == 0x3C, t[1] == 0x30, t[2] == 0x78, t[5] == 0x3E,
              let v = UInt8(String(decoding: t[3..<5], as: UTF8.self), radix: 16) else { return nil }
        return v
    }

    private static func byteFallback(_ tokens: [[UInt8]]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var pending: [UInt8] = []
        func flush() {
            if pending.isEmpty { return }
            if String(validating: pending, as: UTF8.self) != nil {
                out.append(pending)
            } else {
                for _ in pending { out.append([0xEF, 0xBF, 0xBD]) }
            }
            pending = []
        }
        for t in tokens {
            if let b = fallbackByte(t) { pending.append(b) } else { flush(); out.append(t) }
        }
        flush()
        return out
    }

    private static func strip(_ t: [UInt8], _ c: [UInt8], _ start: Int, _ stop: Int) -> [UInt8] {
        var lo = 0, hi = t.count
        var n = 0
        while n < start && hi - lo >= c.count && t[lo..<(lo + c.count)].elementsEqual(c) { lo += c.count; n += 1 }
        n = 0
        while n < stop && hi - lo >= c.count && t[(hi - c.count)..<hi].elementsEqual(c) { hi -= c.count; n += 1 }
        return Array(t[lo..<hi])
    }
}
