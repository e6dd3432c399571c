// AddedVocabulary: the `added_tokens` of tokenizer.json (special tokens such as
// <|begin_of_text|>, and ordinary added tokens such as Qwen's <think>).
//
// As HF's AddedVocabulary does, they are found in the input before anything else runs,
// leftmost-longest (its Aho-Corasick uses MatchKind::LeftmostLongest), and the text between
// them goes through normalizer, pre-tokenizer and BPE. Tokens with `normalized: false` are
// matched in the raw text, those with `normalized: true` in the normalized text.

/// One entry of `added_tokens`.
public struct AddedToken: Sendable, Equatable {
    public let id: Int
    public let content: String
    /// Special tokens are dropped by `decode(skipSpecialTokens: true)`.
    public let special: Bool
    public let lstrip: Bool
    public let rstrip: Bool
    public let singleWord: Bool
    public let normalized: Bool
}

/// A piece of input after added tokens were found.
enum InputPiece: Equatable {
    case text(Range<Int>)
    case token(Int)
}

/// A byte trie over added-token contents, for leftmost-longest matching.
struct AddedTokenMatcher: Sendable {
    private var children: [Int: Int32] = [:]   // (node << 8 | byte) -> child node
    private var terminal: [Int32] = [-1]         // node -> index in `tokens`, or -1
    private var startsWith = [Bool](repeating: false, count: 256)
    private let tokens: [AddedToken]

    var isEmpty: Bool { tokens.isEmpty }

    /// `contents[i]` is the byte string matched for `tokens[i]` (normalized when needed).
    init(tokens: [AddedToken], contents: [[UInt8]]) {
        self.tokens = tokens
        for (t, bytes) in contents.enumerated() where !bytes.isEmpty {
            var node = 0
            for b in bytes {
                let key = node << 8 | Int(b)
                if let child = children[key] {
                    node = Int(child)
                } else {
                    terminal.append(-1)
                    children[key] = Int32(terminal.count - 1)
                    node = terminal.count - 1
                }
            }
            if terminal[node] < 0 { terminal[node] = Int32(t) }  // first listed wins on duplicates
            startsWith[Int(bytes[0])] = true
        }
    }

    /// Splits `bytes[range]` into text pieces and added-token ids.
    func split(_ bytes: [UInt8], _ range: Range<Int>) -> [InputPiece] {
        if tokens.isEmpty || range.isEmpty { return range.isEmpty ? [] : [.text(range)] }
        var pieces: [InputPiece] = []
        var textStart = range.lowerBound
        var p = range.lowerBound
        while p < range.upperBound {
            guard startsWith[Int(bytes[p])], let (end, t) = longestMatch(bytes, p, range.upperBound) else {
                p += 1
                continue
            }
            let token = tokens[t]
            if token.singleWord && !isWordBoundary(bytes, p, end, range) { p += 1; continue }
            var start = p, stop = end
            if token.lstrip { while start > textStart && Self.isASCIISpace(bytes[start - 1]) { start -= 1 } }
            if token.rstrip { while stop < range.upperBound && Self.isASCIISpace(bytes[stop]) { stop += 1 } }
            if start > textStart { pieces.append(.text(textStart..<start)) }
            pieces.append(.token(token.id))
            textStart = stop
            p = stop
        }
        if textStart < range.upperBound { pieces.append(.text(textStart..<range.upperBound)) }
        return pieces
    }

    private func longestMatch(_ bytes: [UInt8], _ p: Int, _ end: Int) -> (Int, Int)? {
        var node = 0
        var best: (Int, Int)?
        var q = p
        while q < end, let child = children[node << 8 | Int(bytes[q])] {
            node = Int(child)
            q += 1
            if terminal[node] >= 0 { best = (q, Int(terminal[node])) }
        }
        return best
    }

    /// `single_word`: the match must not touch a letter or digit on either side.
    private func isWordBoundary(_ bytes: [UInt8], _ start: Int, _ end: Int, _ range: Range<Int>) -> Bool {
        if start > range.lowerBound {
            var q = start - 1
            while q > range.lowerBound && bytes[q] & 0xC0 == 0x80 { q -= 1 }
            if Self.isWordScalar(bytes, q) { return false }
        }
        if end < range.upperBound && Self.isWordScalar(bytes, end) { return false }
        return true
    }

    private static func isWordScalar(_ bytes: [UInt8], _ at: Int) -> Bool {
        var it = bytes[at...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let s) = decoder.decode(&it) else { return false }
        let c = ScalarClass.of(s.value)
        return c == ScalarClass.letter || c == ScalarClass.number || s == "_"
    }

    /// lstrip/rstrip remove ASCII whitespace (the only kind these tokenizers put there).
    private static func isASCIISpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }
}
