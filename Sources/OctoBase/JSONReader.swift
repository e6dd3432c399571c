// The one JSON reader (RFC 8259): a recursive-descent parser over bytes that hands every
// value to a builder, so each layer builds its own tree (the tokenizer a fast dictionary tree,
// the language an ordered dict) from the same escapes, numbers and errors. `\uD83D\uDE00`
// (a UTF-16 surrogate pair, as Python's json.dump writes emoji) reads as one scalar; a lone
// surrogate reads as U+FFFD.

/// Builds values as the reader finds them.
public protocol JSONBuilder {
    associatedtype Value
    associatedtype Object
    func null() -> Value
    func bool(_ b: Bool) -> Value
    /// A number: `integer` when the text is an integer that fits in Int, and its Double value.
    func number(integer: Int?, double: Double) -> Value
    func string(_ s: String) -> Value
    func array(_ items: [Value]) -> Value
    func newObject() -> Object
    func insert(_ key: String, _ value: Value, into object: inout Object)
    func object(_ object: Object) -> Value
}

/// Where and why a document is not JSON (1-based line and column).
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public let line: Int
    public let column: Int
    public let reason: String
    public init(line: Int, column: Int, reason: String) { self.line = line; self.column = column; self.reason = reason }
}

/// Parses one JSON document.
public enum JSONReader {
    /// Parses `bytes` (the whole document) with `builder`.
    /// - Throws: `JSONSyntaxError` naming line and column.
    @inlinable
    public static func parse<B: JSONBuilder>(_ bytes: UnsafeBufferPointer<UInt8>, _ builder: B, maxDepth: Int = 512) throws -> B.Value {
        var p = JSONScanner(bytes: bytes, maxDepth: maxDepth)
        p.skipSpace()
        let value = try p.value(builder, depth: 0)
        p.skipSpace()
        if p.pos != bytes.count { throw p.error("unexpected data after the JSON value") }
        return value
    }

    /// Parses the UTF-8 bytes of `text`.
    @inlinable
    public static func parse<B: JSONBuilder>(_ bytes: [UInt8], _ builder: B, maxDepth: Int = 512) throws -> B.Value {
        try bytes.withUnsafeBufferPointer { try parse($0, builder, maxDepth: maxDepth) }
    }
}

/// The reader's cursor. Public only so that `JSONReader.parse` can be specialised in each
/// client module; use `JSONReader`.
public struct JSONScanner {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline let maxDepth: Int
    @usableFromInline var pos = 0

    @inlinable init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) { self.bytes = bytes; self.maxDepth = maxDepth }

    @usableFromInline func error(_ reason: String) -> JSONSyntaxError {
        var line = 1, column = 1
        for i in 0..<min(pos, bytes.count) {
            if bytes[i] == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return JSONSyntaxError(line: line, column: column, reason: reason)
    }

    @inlinable mutating func skipSpace() {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { pos += 1 } else { return }
        }
    }

    @inlinable mutating func value<B: JSONBuilder>(_ builder: B, depth: Int) throws -> B.Value {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth)") }
        guard pos < bytes.count else { throw error("unexpected end of file") }
        switch bytes[pos] {
        case UInt8(ascii: "{"):
            pos += 1
            var object = builder.newObject()
            skipSpace()
            if pos < bytes.count && bytes[pos] == UInt8(ascii: "}") { pos += 1; return builder.object(object) }
            while true {
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let key = try string()
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
                pos += 1
                skipSpace()
                builder.insert(key, try value(builder, depth: depth + 1), into: &object)
                skipSpace()
                guard pos < bytes.count else { throw error("unexpected end of file in object") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "}") { pos += 1; return builder.object(object) }
                throw error("expected ',' or '}' in object")
            }
        case UInt8(ascii: "["):
            pos += 1
            var items: [B.Value] = []
            skipSpace()
            if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") { pos += 1; return builder.array(items) }
            while true {
                skipSpace()
                items.append(try value(builder, depth: depth + 1))
                skipSpace()
                guard pos < bytes.count else { throw error("unexpected end of file in array") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "]") { pos += 1; return builder.array(items) }
                throw error("expected ',' or ']' in array")
            }
        case UInt8(ascii: "\""): return builder.string(try string())
        case UInt8(ascii: "t"): try word("true"); return builder.bool(true)
        case UInt8(ascii: "f"): try word("false"); return builder.bool(false)
        case UInt8(ascii: "n"): try word("null"); return builder.null()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let (i, d) = try number()
            return builder.number(integer: i, double: d)
        default: throw error("unexpected character '\(Unicode.Scalar(bytes[pos]))'")
        }
    }

    @inlinable mutating func word(_ w: StaticString) throws {
        let n = w.utf8CodeUnitCount
        guard pos + n <= bytes.count else { throw error("unexpected end of file") }
        let s = w.utf8Start
        for i in 0..<n where bytes[pos + i] != s[i] { throw error("invalid literal") }
        pos += n
    }

    @usableFromInline mutating func number() throws -> (Int?, Double) {
        let start = pos
        var isInteger = true
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        while pos < bytes.count {
            let b = bytes[pos]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { pos += 1; continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                isInteger = false; pos += 1; continue
            }
            break
        }
        let digits = pos - start
        if isInteger && digits > 0 && digits <= 18 {
            var v = 0, i = start, negative = false
            if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            guard i < pos else { throw error("invalid number") }
            while i < pos { v = v * 10 + Int(bytes[i] - UInt8(ascii: "0")); i += 1 }
            let n = negative ? -v : v
            return (n, Double(n))
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        guard let d = Double(text) else { throw error("invalid number \(text)") }
        return (isInteger ? Int(text) : nil, d)
    }

    @usableFromInline mutating func string() throws -> String {
        pos += 1
        let start = pos
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("control character in string") }
            pos += 1
        }
        // Slow path: the string has escapes.
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<pos]))
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") { pos += 1; return String(decoding: out, as: UTF8.self) }
            if b < 0x20 { throw error("control character in string") }
            if b != UInt8(ascii: "\\") { out.append(b); pos += 1; continue }
            pos += 1
            guard pos < bytes.count else { break }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if code >= 0xD800 && code < 0xDC00 {
                    // A high surrogate must be followed by \uDC00...\uDFFF.
                    if pos + 1 < bytes.count && bytes[pos] == UInt8(ascii: "\\") && bytes[pos + 1] == UInt8(ascii: "u") {
                        let save = pos
                        pos += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else { pos = save; code = 0xFFFD }
                    } else { code = 0xFFFD }
                } else if code >= 0xDC00 && code < 0xE000 {
                    code = 0xFFFD
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error("invalid escape '\\\(Unicode.Scalar(e))'")
            }
        }
        throw error("unterminated string")
    }

    @usableFromInline mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[pos]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }
}
