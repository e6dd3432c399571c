// The lexer: source text → tokens. Works on UTF-8 bytes; columns count characters.

/// Turns OctoScript source into tokens.
///
/// Numbers take suffixes (`4M`, `400k`, `1.5B`; integral results become ints), `_`
/// separators and scientific notation. Strings use `"` or `'` with escapes, `"""` for
/// multi-line text, and an `f` prefix for f-strings. `#` starts a comment.
public struct Lexer {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line: Int
    private var column: Int

    public init(_ source: String, file: String, line: Int = 1, column: Int = 1) {
        self.bytes = Array(source.utf8); self.file = file; self.line = line; self.column = column
    }

    /// Tokenizes the whole input, ending with `.eof`.
    /// - Throws: `ScriptError` (kind `.syntax`) for a bad character, number or string.
    public static func tokenize(_ source: String, file: String, line: Int = 1, column: Int = 1) throws -> [Token] {
        var lexer = Lexer(source, file: file, line: line, column: column)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if case .eof = token.kind { return tokens }
        }
    }

    private var here: SourceLocation { SourceLocation(file: file, line: line, column: column, offset: index) }
    private func peek(_ ahead: Int = 0) -> UInt8 { index + ahead < bytes.count ? bytes[index + ahead] : 0 }

    private mutating func advance() {
        guard index < bytes.count else { return }
        let b = bytes[index]
        index += 1
        if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
    }

    private static func isIdentStart(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 || b >= 0x80 }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static func isIdent(_ b: UInt8) -> Bool { isIdentStart(b) || isDigit(b) }

    /// The next token.
    public mutating func next() throws -> Token {
        // Skip blanks, comments and line continuations.
        while index < bytes.count {
            let b = bytes[index]
            if b == 32 || b == 9 || b == 13 { advance() }
            else if b == 35 { while index < bytes.count && bytes[index] != 10 { advance() } }
            else if b == 92 && peek(1) == 10 { advance(); advance() }
            else { break }
        }
        let start = here
        guard index < bytes.count else { return Token(.eof, start) }
        let b = bytes[index]
        if b == 10 { advance(); return Token(.newline, start) }
        if Lexer.isDigit(b) || (b == 46 && Lexer.isDigit(peek(1))) { return try number(start) }
        if b == 34 || b == 39 { return Token(.string(try stringLiteral(start)), start) }
        if (b == 102 || b == 70) && (peek(1) == 34 || peek(1) == 39) {
            advance()
            return Token(.fstring(try rawFString(start)), start)
        }
        if Lexer.isIdentStart(b) {
            let from = index
            while index < bytes.count && Lexer.isIdent(bytes[index]) { advance() }
            let word = String(decoding: bytes[from..<index], as: UTF8.self)
            if let keyword = Keyword(rawValue: word) { return Token(.keyword(keyword), start) }
            return Token(.identifier(word), start)
        }
        for candidate in Lexer.operators where matches(candidate) {
            for _ in candidate.utf8 { advance() }
            return Token(.op(candidate), start)
        }
        let scalar = String(decoding: bytes[index..<min(bytes.count, index + 4)], as: UTF8.self).first.map(String.init) ?? "?"
        throw ScriptError(.syntax, "unexpected character '\(scalar)'", at: start)
    }

    /// Longest first, so that `**=`-like prefixes win.
    private static let operators = ["//=", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=",
                                    "+", "-", "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{", "}",
                                    ",", ":", ".", ";"]

    private func matches(_ text: String) -> Bool {
        var i = 0
        for u in text.utf8 { if peek(i) != u { return false }; i += 1 }
        return true
    }

    // MARK: - Numbers

    private mutating func number(_ start: SourceLocation) throws -> Token {
        if peek() == 48 && (peek(1) == 120 || peek(1) == 88) {
            advance(); advance()
            var text = ""
            while index < bytes.count, let d = Character(UnicodeScalar(bytes[index])).hexDigitValue ?? (bytes[index] == 95 ? -1 : nil) {
                if d >= 0 { text.append(Character(UnicodeScalar(bytes[index]))) }
                advance()
            }
            guard let value = Int(text, radix: 16) else { throw ScriptError(.syntax, "bad hexadecimal number", at: start) }
            return Token(.int(value), start)
        }
        var text = ""
        var isFloat = false
        func digits(_ lexer: inout Lexer, _ text: inout String) {
            while lexer.index < lexer.bytes.count, Lexer.isDigit(lexer.bytes[lexer.index]) || lexer.bytes[lexer.index] == 95 {
                if lexer.bytes[lexer.index] != 95 { text.append(Character(UnicodeScalar(lexer.bytes[lexer.index]))) }
                lexer.advance()
            }
        }
        digits(&self, &text)
        if peek() == 46 && Lexer.isDigit(peek(1)) || (peek() == 46 && !Lexer.isIdentStart(peek(1)) && peek(1) != 46 && !text.isEmpty) {
            isFloat = true
            text.append("."); advance()
            digits(&self, &text)
        }
        if (peek() == 101 || peek() == 69) && (Lexer.isDigit(peek(1)) || ((peek(1) == 43 || peek(1) == 45) && Lexer.isDigit(peek(2)))) {
            isFloat = true
            text.append("e"); advance()
            if peek() == 43 || peek() == 45 { text.append(Character(UnicodeScalar(peek()))); advance() }
            digits(&self, &text)
        }
        if text.hasSuffix(".") { text.append("0") }
        if text.hasPrefix(".") { text = "0" + text }
        var multiplier: Double? = nil
        switch peek() {
        case 107, 75: multiplier = 1e3       // k, K
        case 77: multiplier = 1e6            // M
        case 66, 71: multiplier = 1e9        // B, G
        default: break
        }
        if let multiplier, !Lexer.isIdent(peek(1)) {
            advance()
            guard let base = Double(text) else { throw ScriptError(.syntax, "bad number '\(text)'", at: start) }
            let value = base * multiplier
            if value.rounded() == value, abs(value) < 9.0e18 { return Token(.int(Int(value)), start) }
            return Token(.float(value), start)
        }
        if Lexer.isIdentStart(peek()) {
            throw ScriptError(.syntax, "unexpected letter after number '\(text)' (suffixes are k, M, B)", at: here)
        }
        if isFloat {
            guard let value = Double(text) else { throw ScriptError(.syntax, "bad number '\(text)'", at: start) }
            return Token(.float(value), start)
        }
        guard let value = Int(text) else { throw ScriptError(.syntax, "integer '\(text)' is too large", at: start) }
        return Token(.int(value), start)
    }

    // MARK: - Strings

    private mutating func stringLiteral(_ start: SourceLocation) throws -> String {
        let quote = peek()
        let triple = peek(1) == quote && peek(2) == quote
        for _ in 0..<(triple ? 3 : 1) { advance() }
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw ScriptError(.syntax, triple ? "unterminated triple-quoted string" : "unterminated string", at: start)
            }
            let b = bytes[index]
            if b == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                for _ in 0..<(triple ? 3 : 1) { advance() }
                return String(decoding: out, as: UTF8.self)
            }
            if b == 10 && !triple { throw ScriptError(.syntax, "unterminated string (a line break inside \"…\"; use \\n or \"\"\")", at: start) }
            if b == 92 {
                let escapeAt = here
                advance()
                try escape(into: &out, at: escapeAt)
                continue
            }
            out.append(b); advance()
        }
    }

    private mutating func escape(into out: inout [UInt8], at location: SourceLocation) throws {
        let e = peek()
        advance()
        switch e {
        case 110: out.append(10)
        case 116: out.append(9)
        case 114: out.append(13)
        case 48: out.append(0)
        case 92, 34, 39: out.append(e)
        case 10: break
        case 117:
            var hex = ""
            if peek() == 123 {
                advance()
                while index < bytes.count && bytes[index] != 125 && hex.count < 8 { hex.append(Character(UnicodeScalar(bytes[index]))); advance() }
                if peek() == 125 { advance() }
            } else {
                for _ in 0..<4 where index < bytes.count { hex.append(Character(UnicodeScalar(bytes[index]))); advance() }
            }
            guard let code = UInt32(hex, radix: 16), let scalar = UnicodeScalar(code) else {
                throw ScriptError(.syntax, "bad unicode escape '\\u\(hex)'", at: location)
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw ScriptError(.syntax, "unknown escape '\\\(Character(UnicodeScalar(e)))'", at: location)
        }
    }

    /// The body of an f-string, undecoded; `{…}` may hold quotes of the same kind.
    private mutating func rawFString(_ start: SourceLocation) throws -> String {
        let quote = peek()
        advance()
        let from = index
        var depth = 0
        while true {
            guard index < bytes.count, bytes[index] != 10 else { throw ScriptError(.syntax, "unterminated f-string", at: start) }
            let b = bytes[index]
            if b == 92 { advance(); advance(); continue }
            if depth == 0 && b == quote { break }
            if b == 123 { if depth == 0 && peek(1) == 123 { advance() } else { depth += 1 } }
            else if b == 125 { if depth > 0 { depth -= 1 } else if peek(1) == 125 { advance() } }
            else if depth > 0 && (b == 34 || b == 39) {
                let inner = b
                advance()
                while index < bytes.count && bytes[index] != inner && bytes[index] != 10 { advance() }
            }
            advance()
        }
        let body = String(decoding: bytes[from..<index], as: UTF8.self)
        advance()
        return body
    }
}
