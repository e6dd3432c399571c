// Splitting a chain of thought into steps (lines) or sentences, with byte offsets, and the
// byte-offset → token map every CoT analysis uses to say *where* (in tokens) things happen.
//
// All offsets in CoTAnalysis*.swift are UTF-8 byte offsets into the response text, because
// token boundaries are byte boundaries (byte-level BPE tokens can hold half a character).

/// One step of a chain of thought: a non-empty line, or a sentence within a line.
public struct CoTStep: Sendable, Equatable {
    /// 0-based index among the steps.
    public var index: Int
    /// UTF-8 byte offsets of the step in the text, `start..<end` (surrounding spaces trimmed).
    public var start: Int
    public var end: Int
    /// The step's text.
    public var text: String
    /// Index of the token holding the first byte, when token lengths are known.
    public var token: Int?

    public init(index: Int, start: Int, end: Int, text: String, token: Int? = nil) {
        self.index = index; self.start = start; self.end = end; self.text = text; self.token = token
    }
}

/// How a chain of thought is cut into steps.
public enum CoTStepUnit: String, Sendable, CaseIterable {
    /// Each non-empty line is a step.
    case line
    /// Each sentence (ended by `.`, `!` or `?` before whitespace, or by a line break) is a step.
    case sentence
}

/// Step splitting and byte ↔ token bookkeeping.
public enum CoTSteps {
    /// The steps of `text`, in order.
    ///
    ///     CoTSteps.split("2+3=5. So 5.\nDone", by: .sentence).map(\.text) == ["2+3=5.", "So 5.", "Done"]
    public static func split(_ text: String, by unit: CoTStepUnit, tokens: TokenOffsets? = nil) -> [CoTStep] {
        let b = Array(text.utf8)
        var ranges: [(Int, Int)] = []
        var lineStart = 0
        func addLine(_ s: Int, _ e: Int) {
            switch unit {
            case .line: ranges.append((s, e))
            case .sentence:
                var from = s
                var i = s
                while i < e {
                    let c = b[i]
                    if c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") {
                        var j = i + 1
                        while j < e, b[j] == c { j += 1 }   // "?!", "..." end together
                        if j == e || isSpace(b[j]) { ranges.append((from, j)); from = j; i = j; continue }
                    }
                    i += 1
                }
                ranges.append((from, e))
            }
        }
        for (i, c) in b.enumerated() where c == UInt8(ascii: "\n") { addLine(lineStart, i); lineStart = i + 1 }
        addLine(lineStart, b.count)
        var steps: [CoTStep] = []
        for (s0, e0) in ranges {
            var s = s0, e = e0
            while s < e, isSpace(b[s]) { s += 1 }
            while e > s, isSpace(b[e - 1]) { e -= 1 }
            guard e > s else { continue }
            steps.append(CoTStep(index: steps.count, start: s, end: e, text: String(decoding: b[s..<e], as: UTF8.self),
                                 token: tokens?.token(atByte: s)))
        }
        return steps
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
}

/// Where each token starts in the response's UTF-8 bytes, to turn byte offsets into token positions.
public struct TokenOffsets: Sendable, Equatable {
    /// Byte offset of each token's first byte (ascending); `total` is the end of the last one.
    public private(set) var starts: [Int]
    public private(set) var total: Int

    /// - Parameter byteLengths: the number of bytes of each token, in order.
    public init(byteLengths: [Int]) {
        var at = 0
        starts = byteLengths.map { n in defer { at += max(0, n) }; return at }
        total = at
    }

    /// Number of tokens.
    public var count: Int { starts.count }

    /// The token whose bytes include `offset` (the last token for offsets at or past the end;
    /// nil when there are no tokens).
    public func token(atByte offset: Int) -> Int? {
        guard !starts.isEmpty else { return nil }
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The byte offset where token `index` starts (`total` past the end, 0 before the start).
    public func byteOffset(ofToken index: Int) -> Int {
        if index <= 0 { return 0 }
        return index < starts.count ? starts[index] : total
    }
}
