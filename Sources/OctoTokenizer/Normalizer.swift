// Normalizer: the `normalizer` field of tokenizer.json. Qwen2 uses NFC; Llama-3 has none;
// older Llama-2/TinyLlama files use Sequence[Prepend("▁"), Replace(" ", "▁")].
// NFC/NFKC/NFD/NFKD use Foundation's Unicode normalization; Lowercase maps each scalar on its
// own (Rust's `char::to_lowercase`, so no final-sigma rule); Replace replaces every match of a
// String or Regex pattern; Prepend adds its text in front of non-empty text; a `Sequence`
// runs its parts in order.

import Foundation

/// A Unicode normalization step applied to text outside added tokens, before splitting.
indirect enum Normalizer: Sendable {
    case nfc, nfkc, nfd, nfkd, lowercase
    case replace(TextPattern, content: [UInt8])
    case prepend([UInt8])
    case sequence([Normalizer])

    /// Parses the JSON `normalizer` object; nil for JSON null.
    static func parse(_ json: JSONValue, field: String, file: String) throws -> Normalizer? {
        if json.isNull { return nil }
        guard let type = json["type"]?.string else {
            throw TokenizerError.missingField(file: file, field: field + ".type")
        }
        switch type {
        case "NFC": return .nfc
        case "NFKC": return .nfkc
        case "NFD": return .nfd
        case "NFKD": return .nfkd
        case "Lowercase": return .lowercase
        case "Replace":
            let pattern = try TextPattern.parse(json["pattern"], field: field + ".pattern", file: file)
            guard let content = json["content"]?.string else { throw TokenizerError.missingField(file: file, field: field + ".content") }
            return .replace(pattern, content: Array(content.utf8))
        case "Prepend":
            guard let text = json["prepend"]?.string else { throw TokenizerError.missingField(file: file, field: field + ".prepend") }
            return .prepend(Array(text.utf8))
        case "Sequence":
            guard let parts = json["normalizers"]?.array else {
                throw TokenizerError.missingField(file: file, field: field + ".normalizers")
            }
            return .sequence(try parts.enumerated().compactMap {
                try parse($0.element, field: "\(field).normalizers[\($0.offset)]", file: file)
            })
        default:
            throw TokenizerError.unsupported(file: file, field: field + ".type", value: type)
        }
    }

    /// Normalizes UTF-8 bytes. ASCII is returned as is; for NFC so is any text whose
    /// scalars are all below U+0300 (every UTF-8 byte below 0xCC).
    func apply(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .nfc:
            // Every scalar below U+0300 has NFC_Quick_Check=Yes and canonical class 0.
            if bytes.allSatisfy({ $0 < 0xCC }) { return bytes }
            return Array(String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
        case .nfkc:
            if bytes.allSatisfy({ $0 < 0x80 }) { return bytes }
            return Array(String(decoding: bytes, as: UTF8.self).precomposedStringWithCompatibilityMapping.utf8)
        case .nfd:
            if bytes.allSatisfy({ $0 < 0x80 }) { return bytes }
            return Array(String(decoding: bytes, as: UTF8.self).decomposedStringWithCanonicalMapping.utf8)
        case .nfkd:
            if bytes.allSatisfy({ $0 < 0x80 }) { return bytes }
            return Array(String(decoding: bytes, as: UTF8.self).decomposedStringWithCompatibilityMapping.utf8)
        case .lowercase:
            if bytes.allSatisfy({ $0 < 0x80 }) { return bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
            var out = String.UnicodeScalarView()
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
            return Array(String(out).utf8)
        case .replace(let pattern, let content):
            return pattern.replace(bytes, with: content)
        case .prepend(let text):
            return bytes.isEmpty ? bytes : text + bytes
        case .sequence(let parts):
            return parts.reduce(bytes) { $1.apply($0) }
        }
    }
}
