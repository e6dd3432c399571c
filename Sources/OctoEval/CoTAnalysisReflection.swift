// Reflection phrases in a chain of thought: "Wait,", "let me check", "verify",
// "alternatively", "hmm", … — where the model stops to reconsider (the "aha" markers that
// RL on long CoT makes frequent, and that can start a useless loop).

/// One reflection phrase found in a response.
public struct ReflectionMark: Sendable, Equatable {
    /// The phrase as listed in `ReflectionDetector.phrases` (lowercase).
    public var phrase: String
    /// UTF-8 byte offset of the phrase in the text.
    public var offset: Int
    /// Token holding the phrase's first byte, when token lengths are known.
    public var token: Int?

    public init(phrase: String, offset: Int, token: Int? = nil) {
        self.phrase = phrase; self.offset = offset; self.token = token
    }
}

/// Finds reflection phrases, case-insensitively, at word starts.
///
/// A phrase must start a word and, unless it ends in `-`, end one ("wait" does not match
/// "waiter"). Longer phrases win over their parts ("let me double-check" is one mark, not two),
/// and matches do not overlap.
public struct ReflectionDetector: Sendable {
    /// The default phrase list (lowercase ASCII).
    public static let phrases: [String] = [
        "wait", "hmm", "hold on", "actually", "alternatively", "on second thought",
        "let me check", "let me verify", "let me double-check", "let me double check",
        "double-check", "double check", "verify", "verifying", "verification",
        "let me re-", "let me recheck", "let me reconsider", "let me recompute", "let me recalculate",
        "let me rethink", "let me redo", "let me reexamine", "let me try again", "let's check",
        "let's verify", "let us check", "let us verify", "i made a mistake", "that's not right",
        "that is not right", "that's wrong", "another approach",
    ]

    public var phrases: [String]

    /// - Parameter phrases: the phrases to find (matched case-insensitively; ASCII letters).
    public init(phrases: [String] = ReflectionDetector.phrases) {
        // Longest first so that a phrase wins over the phrases it contains.
        self.phrases = phrases.map { $0.lowercased() }.sorted { $0.utf8.count > $1.utf8.count || ($0.utf8.count == $1.utf8.count && $0 < $1) }
    }

    /// Every reflection phrase in `text`, in order of position.
    public func marks(in text: String, tokens: TokenOffsets? = nil) -> [ReflectionMark] {
        let b = Array(text.utf8).map(Self.lower)
        let patterns = phrases.map { (phrase: $0, bytes: Array($0.utf8)) }
        var out: [ReflectionMark] = []
        var i = 0
        while i < b.count {
            guard Self.isWordChar(b[i]), i == 0 || !Self.isWordChar(b[i - 1]) else { i += 1; continue }
            var matched = false
            for p in patterns where i + p.bytes.count <= b.count && b[i..<(i + p.bytes.count)].elementsEqual(p.bytes) {
                let end = i + p.bytes.count
                let open = p.bytes.last == UInt8(ascii: "-")
                if !open && end < b.count && Self.isWordChar(b[end]) { continue }
                out.append(ReflectionMark(phrase: p.phrase, offset: i, token: tokens?.token(atByte: i)))
                i = end
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        return out
    }

    static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
    static func isWordChar(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == UInt8(ascii: "'") || c >= 0x80
    }
}
