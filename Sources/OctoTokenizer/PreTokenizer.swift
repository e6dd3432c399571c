// PreTokenizer: the Split pre-tokenizer of Llama-3 and Qwen2, hand-written.
//
// The regex (HF `Split(pattern, behavior: Isolated)`, run by Oniguruma) is
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
// Llama-3 groups digits by up to 3 (`\p{N}{1,3}`), Qwen2 takes one digit (`\p{N}`).
// Every character starts a match of some alternative, so the pieces tile the text. Each
// scalar gets a class (letter, number, whitespace, CR/LF, other) and `matchEnd` tries the
// alternatives in regex order with the same backtracking outcome, e.g. `\s*[\r\n]+` ends
// after the last CR/LF of a whitespace run and `\s+(?!\S)` leaves the run's last character
// to the next piece when a non-space follows.

/// Splits text into pre-tokens with the Llama-3/Qwen2 regex for a given digit group size.
struct RegexSplitPreTokenizer: Sendable {
    /// Maximum digits per pre-token: 3 for Llama-3, 1 for Qwen2.
    let digitGroup: Int

    /// The regex text of the family with digit groups of `group` (1 gives `\p{N}`).
    static func pattern(digitGroup group: Int) -> String {
        let digits = group == 1 ? "\\p{N}" : "\\p{N}{1,\(group)}"
        return "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|" + digits
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"
    }

    /// The digit group size of a regex of this family, or nil when `pattern` is another regex.
    static func digitGroup(of pattern: String) -> Int? {
        if pattern == Self.pattern(digitGroup: 1) { return 1 }
        let prefix = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,"
        guard pattern.hasPrefix(prefix) else { return nil }
        let rest = pattern.dropFirst(prefix.count)
        guard let close = rest.firstIndex(of: "}"), let n = Int(rest[rest.startIndex..<close]),
              n >= 1, n <= 64, pattern == Self.pattern(digitGroup: n) else { return nil }
        return n
    }

    /// Calls `emit(start, end)` with the byte range of each pre-token of `bytes` (valid UTF-8).
    func split(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (Int, Int) -> Void) {
        if bytes.isEmpty { return }
        // Decode scalars: class, value and byte offset of each.
        var cls = [UInt8](), val = [UInt32](), off = [Int]()
        cls.reserveCapacity(bytes.count)
        val.reserveCapacity(bytes.count)
        off.reserveCapacity(bytes.count + 1)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            var v = b0, len = 1
            if b0 >= 0xF0, i + 3 < bytes.count {
                v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                len = 4
            } else if b0 >= 0xE0, i + 2 < bytes.count {
                v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                len = 3
            } else if b0 >= 0xC0, i + 1 < bytes.count {
                v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                len = 2
            }
            off.append(i)
            val.append(v)
            cls.append(ScalarClass.of(v))
            i += len
        }
        off.append(bytes.count)
        let n = cls.count
        cls.withUnsafeBufferPointer { c in
            val.withUnsafeBufferPointer { s in
                var p = 0
                while p < n {
                    let e = matchEnd(p, n, c, s)
                    emit(off[p], off[e])
                    p = e
                }
            }
        }
    }

    /// End (exclusive scalar index) of the regex match that starts at `i`.
    @inline(__always)
    private func matchEnd(_ i: Int, _ n: Int, _ c: UnsafeBufferPointer<UInt8>, _ s: UnsafeBufferPointer<UInt32>) -> Int {
        let L = ScalarClass.letter, N = ScalarClass.number, O = ScalarClass.other
        let W = ScalarClass.space, NL = ScalarClass.newline
        let ci = c[i]
        // (?i:'s|'t|'re|'ve|'m|'ll|'d)
        if s[i] == 0x27 && i + 1 < n {
            let a = Self.foldASCII(s[i + 1])
            if a == 0x73 || a == 0x74 || a == 0x6D || a == 0x64 { return i + 2 }  // s t m d
            if i + 2 < n {
                let b = Self.foldASCII(s[i + 2])
                if (a == 0x72 && b == 0x65) || (a == 0x76 && b == 0x65) || (a == 0x6C && b == 0x6C) { return i + 3 }  // re ve ll
            }
        }
        // [^\r\n\p{L}\p{N}]?\p{L}+
        if ci == L { return runEnd(i + 1, n, c, L) }
        if ci != N && ci != NL && i + 1 < n && c[i + 1] == L { return runEnd(i + 2, n, c, L) }
        // \p{N}{1,k}
        if ci == N {
            var j = i + 1
            while j < n && j - i < digitGroup && c[j] == N { j += 1 }
            return j
        }
        // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
        var j = i
        if s[i] == 0x20 && i + 1 < n && c[i + 1] == O { j = i + 1 }
        if c[j] == O {
            j = runEnd(j + 1, n, c, O)
            return runEnd(j, n, c, NL)
        }
        // Only whitespace is left: find the run and its last CR/LF.
        j = i
        var lastNewline = -1
        while j < n && (c[j] == W || c[j] == NL) {
            if c[j] == NL { lastNewline = j }
            j += 1
        }
        if lastNewline >= 0 { return lastNewline + 1 }   // \s*[\r\n]+
        if j == n { return n }                            // \s+(?!\S) at the end
        if j - i >= 2 { return j - 1 }                    // \s+(?!\S): leave the last one
        return j                                          // \s+
    }

    @inline(__always)
    private func runEnd(_ start: Int, _ n: Int, _ c: UnsafeBufferPointer<UInt8>, _ k: UInt8) -> Int {
        var j = start
        while j < n && c[j] == k { j += 1 }
        return j
    }

    /// Case-folds the letters of the contractions: ASCII to lower case, and U+017F LATIN
    /// SMALL LETTER LONG S to "s" (Unicode case folding, which Oniguruma's `(?i)` applies).
    @inline(__always)
    private static func foldASCII(_ v: UInt32) -> UInt32 {
        if v >= 0x41 && v <= 0x5A { return v | 0x20 }
        if v == 0x17F { return 0x73 }
        return v
    }
}

/// Letters and numbers new in Unicode 17.0, which Swift 6.3's tables know and the
/// Oniguruma in HF tokenizers 0.23 (Unicode 16) treats as unassigned, i.e. `[^\s\p{L}\p{N}]`.
/// Found by classifying every scalar with both (all 4,657 differences are these ranges).
private let unicode17LettersAndNumbers: [ClosedRange<UInt32>] = [
    0x88F...0x88F, 0xC5C...0xC5C, 0xCDC...0xCDC, 0xA7CE...0xA7CF, 0xA7D2...0xA7D2, 0xA7D4...0xA7D4,
    0xA7F1...0xA7F1, 0x10940...0x10959, 0x10EC5...0x10EC7, 0x11DB0...0x11DDB, 0x11DE0...0x11DE9,
    0x16EA0...0x16EB8, 0x16EBB...0x16ED3, 0x16FF2...0x16FF6, 0x187F8...0x187FF, 0x18D09...0x18D1E,
    0x18D80...0x18DF2, 0x1E6C0...0x1E6DE, 0x1E6E0...0x1E6E2, 0x1E6E4...0x1E6E5, 0x1E6E7...0x1E6ED,
    0x1E6F0...0x1E6F4, 0x1E6FE...0x1E6FF, 0x2B73A...0x2B73F, 0x2CEA2...0x2CEAD, 0x323B0...0x33479,
]

private func newerThanOniguruma(_ v: UInt32) -> Bool {
    v >= 0x88F && unicode17LettersAndNumbers.contains { $0.contains(v) }
}

/// The classes the regex distinguishes: `\p{L}`, `\p{N}`, `\s` (White_Space) without CR/LF,
/// CR/LF, and everything else.
enum ScalarClass {
    static let other: UInt8 = 0, letter: UInt8 = 1, number: UInt8 = 2, space: UInt8 = 3, newline: UInt8 = 4

    /// Classes of U+0000...U+FFFF, computed once.
    static let bmp: [UInt8] = (0..<0x10000).map { compute(UInt32($0)) }

    @inline(__always)
    static func of(_ v: UInt32) -> UInt8 {
        v < 0x10000 ? bmp[Int(v)] : compute(v)
    }

    static func compute(_ v: UInt32) -> UInt8 {
        if v == 0x0A || v == 0x0D { return newline }
        guard let scalar = Unicode.Scalar(v), !newerThanOniguruma(v) else { return other }
        let p = scalar.properties
        if p.isWhitespace { return space }
        switch p.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return letter
        case .decimalNumber, .letterNumber, .otherNumber: return number
        default: return other
        }
    }
}
