// Boxed answers: `\boxed{…}` / `\fbox{…}` with nested braces, and which boxes count when a
// response has several (Math-Verify's rules, read from its documentation and behaviour):
//   - boxes inside math spans: every box of the last span that has one, plus the boxes of
//     the spans chained to it by `,` / `and` / `or` (`$\boxed{3}$ and $\boxed{4}$` → `3, 4`)
//   - boxes outside math spans: the last box, plus each earlier box whose gap to the next is
//     under 10 characters, or under 70 with a `,` `;` `and` `or` and a different content
//     (`\boxed{3} and \boxed{4}` → `3, 4`; a box corrected two sentences later stands alone)
//   - a box inside a box is the inner one.

extension AnswerExtraction {
    enum Boxed: Equatable { case content(String), unclosed }

    /// One `\boxed`/`\fbox`: where its command starts and its content (nil when unclosed).
    struct Box { var start: Int; var contentEnd: Int; var content: String? }

    static let boxCommands = [Array("\\boxed".utf8), Array("\\fbox".utf8)]

    /// The boxed answer (see the file header), or nil when the text has no box.
    static func boxedAnswer(_ b: [UInt8]) -> Boxed? {
        guard let lastBox = box(b, before: b.count) else { return nil }
        guard lastBox.content != nil else { return .unclosed }
        let spans = mathSpans(b).filter { !$0.isBold }
        if let k = spans.lastIndex(where: { $0.contentStart <= lastBox.start && lastBox.start < $0.contentEnd }) {
            return spanChainBoxes(b, spans, k).map(Boxed.content)
        }
        return .content(gapChainBoxes(b, from: lastBox).joined(separator: ", "))
    }

    /// Most boxes chained into one answer.
    static let maxChainedBoxes = 64

    /// The last box starting before `end`, with its content (one backward scan).
    static func box(_ b: [UInt8], before end: Int) -> Box? {
        var start = min(end, b.count) - 1
        while start >= 0 {
            if b[start] == UInt8(ascii: "\\"), boxCommands.contains(where: { start + $0.count <= end && LatexScan.matches(b, at: start, $0) }) {
                break
            }
            start -= 1
        }
        guard start >= 0 else { return nil }
        var i = start + 1
        while i < b.count, LatexScan.isLetter(b[i]) { i += 1 }
        while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
        guard i < b.count else { return Box(start: start, contentEnd: b.count, content: nil) }
        if b[i] != UInt8(ascii: "{") {
            // `\boxed 5`: one token up to a space or `$`.
            var j = i
            while j < b.count, !LatexScan.isSpace(b[j]), b[j] != UInt8(ascii: "$") { j += 1 }
            return Box(start: start, contentEnd: j, content: j > i ? text(b, i, j) : nil)
        }
        guard let close = LatexScan.matchingBrace(b, open: i) else {
            return Box(start: start, contentEnd: b.count, content: nil)
        }
        return Box(start: start, contentEnd: close, content: trimmed(text(b, i + 1, close)))
    }

    /// All boxes in `b[from..<to]`, innermost wins, in text order.
    static func boxes(_ b: [UInt8], from: Int, to: Int) -> [String] {
        var out: [String] = []
        var end = to
        var previousStart = Int.max
        while out.count < maxChainedBoxes, let bx = box(b, before: end), bx.start >= from {
            if let c = bx.content, bx.contentEnd < previousStart, out.last != c { out.append(c) }
            previousStart = bx.start
            end = bx.start
        }
        return out.reversed()
    }

    /// Boxes of the span `k` and of the spans chained to it by `,` / `and` / `or`.
    static func spanChainBoxes(_ b: [UInt8], _ spans: [MathSpan], _ k: Int) -> String? {
        var parts = boxes(b, from: spans[k].contentStart, to: spans[k].contentEnd)
        var j = k
        while j > 0, k - j < 5 {
            let prev = spans[j - 1]
            guard isListSeparator(b, from: prev.end, to: spans[j].start) else { break }
            let inner = boxes(b, from: prev.contentStart, to: prev.contentEnd)
            guard !inner.isEmpty else { break }
            parts = inner + parts
            j -= 1
        }
        let joined = parts.joined(separator: ", ")
        return joined.isEmpty ? nil : joined
    }

    /// Whether `b[from..<to]` is only spaces around `,`, `and`, `or`, `, and`, `, or`.
    static func isListSeparator(_ b: [UInt8], from: Int, to: Int) -> Bool {
        guard from <= to else { return false }
        let gap = trimmed(text(b, from, to)).lowercased()
        return ["", ",", "and", "or", ", and", ",and", ", or", ",or"].contains(gap)
    }

    /// The last box and the earlier boxes chained to it by short gaps (see the file header).
    static func gapChainBoxes(_ b: [UInt8], from last: Box) -> [String] {
        var out = [last.content ?? ""]
        var next = last
        while out.count < maxChainedBoxes, let bx = box(b, before: next.start), let c = bx.content {
            guard bx.contentEnd < next.start else { break }          // a box around the next one
            let gap = text(b, bx.contentEnd + 1, next.start)
            let short = gap.utf8.count < 10
            let listed = gap.utf8.count < 70 && c != out.last && hasListWord(gap)
            guard short || listed else { break }
            if out.last != c { out.append(c) }
            next = bx
        }
        return out.reversed()
    }

    /// `,` or `;` or the word `and` / `or`.
    static func hasListWord(_ s: String) -> Bool {
        if s.contains(",") || s.contains(";") { return true }
        let words = s.lowercased().split(whereSeparator: { !$0.isLetter })
        return words.contains("and") || words.contains("or")
    }
}
