// LatexScan: byte-level helpers for scanning LaTeX/markdown text as UTF-8 (ASCII classes,
// balanced braces, case-insensitive matching). Shared by answer extraction (here) and the
// grader's normaliser and parser (OctoEval).

/// ASCII byte classes and small scanning primitives over `[UInt8]`.
public enum LatexScan {
    @inlinable public static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
    @inlinable public static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    @inlinable public static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inlinable public static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }

    /// The text of `b[from..<to]` (empty when the range is empty), at most `limit` bytes.
    public static func text(_ b: [UInt8], _ from: Int, _ to: Int, limit: Int = 4096) -> String {
        let lo = max(0, from), hi = min(to, b.count)
        guard lo < hi else { return "" }
        return String(decoding: b[lo..<min(hi, lo + limit)], as: UTF8.self)
    }

    /// Index of the `}` closing the `{` at `open`; escaped braces `\{`, `\}` do not count.
    public static func matchingBrace(_ b: [UInt8], open: Int) -> Int? {
        var depth = 0
        var i = open
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// Whether `pattern` (ASCII, compared case-insensitively) occurs at `at`.
    public static func matches(_ b: [UInt8], at: Int, _ pattern: [UInt8]) -> Bool {
        guard at >= 0, at + pattern.count <= b.count else { return false }
        for k in 0..<pattern.count where lower(b[at + k]) != lower(pattern[k]) { return false }
        return true
    }

    /// The last index where `pattern` occurs (case-insensitively) before `end`.
    public static func lastIndex(of pattern: [UInt8], in b: [UInt8], before end: Int? = nil) -> Int? {
        let limit = min(end ?? b.count, b.count)
        guard pattern.count <= limit, let first = pattern.first else { return nil }
        var i = limit - pattern.count
        while i >= 0 {
            if lower(b[i]) == lower(first), matches(b, at: i, pattern) { return i }
            i -= 1
        }
        return nil
    }

    /// The first index at or after `from` that is not one of `chars`.
    public static func skip(_ b: [UInt8], _ from: Int, _ chars: String) -> Int {
        var i = from
        let set = Array(chars.utf8)
        while i < b.count, set.contains(b[i]) { i += 1 }
        return i
    }
}
