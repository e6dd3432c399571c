// JSON for save_json/load_json: a small encoder and recursive-descent decoder that keep
// dict order (Foundation's JSONSerialization does not).
import Foundation

enum JSON {
    /// Largest JSON text `save_json` builds (shared sub-lists can make the text exponentially
    /// longer than the value's memory).
    static let maxEncodedBytes = 512_000_000

    static func encode(_ value: Value, at location: SourceLocation?) throws -> String {
        var out = ""
        var path: [ObjectIdentifier] = []
        try write(value, into: &out, path: &path, at: location)
        return out
    }

    private static func write(_ value: Value, into out: inout String, path: inout [ObjectIdentifier], at location: SourceLocation?) throws {
        if out.utf8.count > maxEncodedBytes {
            throw ScriptError(.value, "JSON text longer than \(maxEncodedBytes / 1_000_000) MB", at: location)
        }
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let f):
            guard f.isFinite else { throw ScriptError(.value, "JSON cannot hold \(formatFloat(f))", at: location) }
            out += formatFloat(f)
        case .string(let s): out += jsonQuote(s)
        case .list(let l):
            try enter(ObjectIdentifier(l), &path, "list", at: location)
            defer { path.removeLast() }
            out += "["
            for (i, item) in l.items.enumerated() {
                if i > 0 { out += ", " }
                try write(item, into: &out, path: &path, at: location)
            }
            out += "]"
        case .range(let r):
            // Written as the list of its values, as Python's json.dump(list(range(...))).
            let n = r.count
            if n > 10_000_000 { throw ScriptError(.value, "range too long for JSON (over 10,000,000 values)", at: location) }
            out += "[" + (0..<n).map { String(r.element($0)) }.joined(separator: ", ") + "]"
        case .dict(let d):
            try enter(ObjectIdentifier(d), &path, "dict", at: location)
            defer { path.removeLast() }
            out += "{"
            for (i, (k, v)) in d.entries.enumerated() {
                guard case .string(let key) = k else { throw ScriptError(.type, "JSON object keys must be strings, got \(k.value.typeName)", at: location) }
                if i > 0 { out += ", " }
                out += jsonQuote(key) + ": "
                try write(v, into: &out, path: &path, at: location)
            }
            out += "}"
        default:
            throw ScriptError(.type, "cannot write \(value.typeName) as JSON", at: location)
        }
    }

    /// Pushes a container on the path; a cycle (as Python's `ValueError: Circular reference
    /// detected`) or nesting beyond 200 levels is an error.
    private static func enter(_ id: ObjectIdentifier, _ path: inout [ObjectIdentifier], _ what: String, at location: SourceLocation?) throws {
        if path.contains(id) { throw ScriptError(.value, "a \(what) that contains itself cannot be written as JSON", at: location) }
        if path.count >= 200 { throw ScriptError(.value, "value nested more than 200 levels deep for JSON", at: location) }
        path.append(id)
    }

    static func decode(_ text: String, file: String) throws -> Value {
        var reader = Reader(bytes: Array(text.utf8), file: file)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.index < reader.bytes.count { throw reader.error("extra text after the JSON value") }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        let file: String
        var index = 0

        func error(_ message: String) -> ScriptError {
            var line = 1, column = 1
            for b in bytes.prefix(index) { if b == 10 { line += 1; column = 1 } else { column += 1 } }
            return ScriptError(.value, "invalid JSON: \(message)", at: SourceLocation(file: file, line: line, column: column, offset: index))
        }
        mutating func skipSpace() { while index < bytes.count, [32, 9, 10, 13].contains(bytes[index]) { index += 1 } }
        mutating func literal(_ word: String, _ value: Value) throws -> Value {
            let w = Array(word.utf8)
            guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else { throw error("expected \(word)") }
            index += w.count
            return value
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth < 500 else { throw error("nested too deeply") }
            guard index < bytes.count else { throw error("unexpected end") }
            switch bytes[index] {
            case 110: return try literal("null", .null)
            case 116: return try literal("true", .bool(true))
            case 102: return try literal("false", .bool(false))
            case 34: return .string(try string())
            case 91:
                index += 1
                var items: [Value] = []
                skipSpace()
                if index < bytes.count, bytes[index] == 93 { index += 1; return .makeList(items) }
                while true {
                    skipSpace(); items.append(try value(depth: depth + 1)); skipSpace()
                    guard index < bytes.count else { throw error("expected ',' or ']'") }
                    if bytes[index] == 44 { index += 1; continue }
                    if bytes[index] == 93 { index += 1; return .makeList(items) }
                    throw error("expected ',' or ']'")
                }
            case 123:
                index += 1
                let d = ScriptDict()
                skipSpace()
                if index < bytes.count, bytes[index] == 125 { index += 1; return .dict(d) }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == 34 else { throw error("expected a string key") }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == 58 else { throw error("expected ':'") }
                    index += 1; skipSpace()
                    d[.string(key)] = try value(depth: depth + 1)
                    skipSpace()
                    guard index < bytes.count else { throw error("expected ',' or '}'") }
                    if bytes[index] == 44 { index += 1; continue }
                    if bytes[index] == 125 { index += 1; return .dict(d) }
                    throw error("expected ',' or '}'")
                }
            default:
                let start = index
                while index < bytes.count, let c = Optional(bytes[index]), (c >= 48 && c <= 57) || c == 45 || c == 43 || c == 46 || c == 101 || c == 69 { index += 1 }
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                if let i = Int(text) { return .int(i) }
                if let f = Double(text), !text.isEmpty { return .float(f) }
                index = start
                throw error("unexpected character")
            }
        }

        /// Four hex digits at `index` (consumed), or nil.
        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else { return nil }
            index += 4
            return code
        }

        mutating func string() throws -> String {
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let b = bytes[index]
                index += 1
                if b == 34 { return String(decoding: out, as: UTF8.self) }
                if b != 92 { out.append(b); continue }
                guard index < bytes.count else { break }
                let e = bytes[index]
                index += 1
                switch e {
                case 110: out.append(10)
                case 116: out.append(9)
                case 114: out.append(13)
                case 98: out.append(8)
                case 102: out.append(12)
                case 117:
                    guard let code = hex4() else { throw error("bad \\u escape") }
                    var scalar = UnicodeScalar(code)
                    // A UTF-16 surrogate pair (what Python's json.dump writes for emoji).
                    if (0xD800...0xDBFF).contains(code), index + 6 <= bytes.count, bytes[index] == 92, bytes[index + 1] == 117 {
                        index += 2
                        if let low = hex4(), (0xDC00...0xDFFF).contains(low) {
                            scalar = UnicodeScalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                        } else {
                            index -= 2
                        }
                    }
                    out.append(contentsOf: Array(String(scalar.map(Character.init) ?? "\u{FFFD}").utf8))
                default: out.append(e)
                }
            }
            throw error("unterminated string")
        }
    }
}

/// A JSON string literal: `"` and backslash escaped, control characters as `\n`, `\t`, … or
/// `\u00XX` (as Python's json.dump with ensure_ascii=False).
func jsonQuote(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if ch.value < 0x20 {
                let h = String(ch.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            } else {
                out.unicodeScalars.append(ch)
            }
        }
    }
    return out + "\""
}
