// TextPattern: the `pattern` of HF Split pre-tokenizers and Replace normalizers/decoders:
// {"String": s} (a literal) or {"Regex": r} (Oniguruma in HF).
//
// Matches are byte ranges of UTF-8 text. Two regexes real tokenizers use are hand-written
// (exact and fast): the Llama-3/Qwen2 split regex and GPT-2's. Any other regex runs on
// Foundation's NSRegularExpression (ICU), whose syntax and Unicode classes agree with
// Oniguruma on the patterns tokenizers use (`\p{N}`, `[0-9]{4,}`, `\s+`, ...).

import Foundation

/// A literal or regular-expression pattern.
enum TextPattern: @unchecked Sendable {
    case literal([UInt8])
    /// The Llama-3/Qwen2 split regex (digit group size).
    case familyRegex(RegexSplitPreTokenizer)
    case gpt2Regex
    case regex(NSRegularExpression, source: String)

    /// Parses `{"String": s}` or `{"Regex": r}`.
    static func parse(_ json: JSONValue?, field: String, file: String) throws -> TextPattern {
        guard let json else { throw TokenizerError.missingField(file: file, field: field) }
        if let s = json["String"]?.string { return .literal(Array(s.utf8)) }
        guard let r = json["Regex"]?.string else {
            throw TokenizerError.wrongType(file: file, field: field, expected: "{\"String\": ...} or {\"Regex\": ...}")
        }
        if let group = RegexSplitPreTokenizer.digitGroup(of: r) { return .familyRegex(RegexSplitPreTokenizer(digitGroup: group)) }
        if r == GPT2Regex.pattern { return .gpt2Regex }
        do {
            return .regex(try NSRegularExpression(pattern: r, options: []), source: r)
        } catch {
            throw TokenizerError.unsupported(file: file, field: field + ".Regex", value: "\(r) (not a regex this implementation can compile)")
        }
    }

    /// Byte ranges of the non-overlapping matches in `text`, left to right (empty matches dropped).
    func matches(_ text: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        switch self {
        case .literal(let needle):
            guard !needle.isEmpty, text.count >= needle.count else { return [] }
            var i = 0
            while i + needle.count <= text.count {
                if text[i] == needle[0] && text[i..<(i + needle.count)].elementsEqual(needle) {
                    out.append(i..<(i + needle.count))
                    i += needle.count
                } else {
                    i += 1
                }
            }
        case .familyRegex(let splitter):
            text.withUnsafeBufferPointer { splitter.split($0) { out.append($0..<$1) } }
        case .gpt2Regex:
            text.withUnsafeBufferPointer { GPT2Regex.split($0) { out.append($0..<$1) } }
        case .regex(let re, _):
            let string = String(decoding: text, as: UTF8.self)
            let utf16 = Array(string.utf16)
            // UTF-16 offset -> UTF-8 offset.
            var map = [Int](repeating: 0, count: utf16.count + 1)
            var u8 = 0, u16 = 0
            for scalar in string.unicodeScalars {
                map[u16] = u8
                let n16 = scalar.value > 0xFFFF ? 2 : 1
                if n16 == 2 { map[u16 + 1] = u8 }
                u16 += n16
                u8 += String(scalar).utf8.count
            }
            map[u16] = u8
            for m in re.matches(in: string, options: [], range: NSRange(location: 0, length: utf16.count)) {
                let r = m.range
                guard r.location != NSNotFound, r.length > 0 else { continue }
                out.append(map[r.location]..<map[r.location + r.length])
            }
        }
        return out
    }

    /// `text` with every match replaced by `content`.
    func replace(_ text: [UInt8], with content: [UInt8]) -> [UInt8] {
        let found = matches(text)
        if found.isEmpty { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var prev = 0
        for r in found {
            out += text[prev..<r.lowerBound]
            out += content
            prev = r.upperBound
        }
        out += text[prev...]
        return out
    }
}
