// Answer extraction: finds the final answer in a model response.
//
// Order (first that applies wins):
//   0. a response cut off mid-sentence ("… the value equals", "$\boxed{") → nil
//   1. the last `\boxed{…}` / `\fbox{…}` (braces balanced; an unclosed last box → nil)
//   2. the last answer cue: "answer is …", "answer: …", "Final Answer: The final answer is $…$",
//      `#### …` (an empty cue at the end → nil)
//      and `<answer>…</answer>`; a cue followed by prose ("To find the answer: we first …")
//      yields to a later math span
//   3. the last math span `$…$`, `$$…$$`, `\[…\]`, `\(…\)` or bold `**…**`, if it ends in the
//      final sentence (inline math in the reasoning is not an answer)
//   4. gsm8k only: the last number of the final sentence
// Everything is a single left-to-right scan over UTF-8 bytes: linear time, no recursion.

/// Extracts the final answer string from a response (see the file header for the rules).
enum AnswerExtractor {
    /// Longest answer kept; a longer span is not an answer but a runaway generation.
    static let maxAnswerBytes = 4096

    static func extract(_ response: String, style: GradingStyle) -> String? {
        let b = Array(response.utf8)
        if looksTruncated(b) { return nil }
        switch lastBoxed(b) {
        case .content(let s): return nonEmpty(cleanMath(s))
        case .unclosed: return nil
        case .none: break
        }
        var span = lastMathSpan(b)
        if let s = span, s.end < finalSentenceStart(b) { span = nil }
        if let cue = lastAnswerCue(b) {
            if let content = cue.content, isProse(content), let s = span, s.end > cue.position {
                return nonEmpty(cleanMath(s.text))
            }
            return cue.content
        }
        if let s = span { return nonEmpty(cleanMath(s.text)) }
        if style.acceptsBareLastNumber, let n = lastNumberOfFinalSentence(b) { return n }
        return nil
    }

    // MARK: - Truncation

    /// A response that stops on a connective word or an opening symbol was cut off.
    static func looksTruncated(_ b: [UInt8]) -> Bool {
        var end = b.count
        while end > 0, isSpace(b[end - 1]) { end -= 1 }
        guard end > 0 else { return true }
        let last = b[end - 1]
        if "=:{(\\^_+/,[".utf8.contains(last) { return true }
        guard isLetter(last) else { return false }
        var start = end
        while start > 0, isLetter(b[start - 1]) { start -= 1 }
        let word = String(decoding: b[start..<end], as: UTF8.self).lowercased()
        return danglingWords.contains(word)
    }

    static let danglingWords: Set<String> = [
        "is", "equals", "equal", "be", "are", "to", "of", "the", "gives", "get", "obtain",
        "as", "that", "than", "and", "or", "by", "at", "was", "becomes", "yields", "us", "we", "then",
        "so", "thus", "hence", "therefore", "with", "for", "in", "on", "from", "into", "which", "this", "an",
    ]

    // MARK: - Boxed

    enum Boxed { case content(String), unclosed }

    /// The content of the last `\boxed` / `\fbox`, matching braces iteratively.
    static func lastBoxed(_ b: [UInt8]) -> Boxed? {
        let start = max(lastIndex(of: Array("\\boxed".utf8), in: b) ?? -1,
                        lastIndex(of: Array("\\fbox".utf8), in: b) ?? -1)
        guard start >= 0 else { return nil }
        var i = start + 1
        while i < b.count, isLetter(b[i]) { i += 1 }
        while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
        guard i < b.count else { return .unclosed }
        if b[i] != UInt8(ascii: "{") {
            // `\boxed 5`: one token up to a space or `$`.
            var j = i
            while j < b.count, !isSpace(b[j]), b[j] != UInt8(ascii: "$") { j += 1 }
            return j > i ? .content(text(b, i, j)) : .unclosed
        }
        guard let close = matchingBrace(b, open: i) else { return .unclosed }
        return .content(text(b, i + 1, close))
    }

    /// Index of the `}` closing the `{` at `open`; escaped braces `\{`, `\}` do not count.
    static func matchingBrace(_ b: [UInt8], open: Int) -> Int? {
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

    // MARK: - Answer cues

    /// Four or more words and no digit or LaTeX: a sentence, not an answer.
    static func isProse(_ s: String) -> Bool {
        !s.contains(where: { $0.isNumber || $0 == "\\" || $0 == "=" })
            && s.split(separator: " ").filter({ $0.count >= 2 && $0.allSatisfy(\.isLetter) }).count >= 4
    }

    /// The last cue ("answer is", "answer:", "####", "<answer>") and the answer after it; nil
    /// when there is no cue; `content` nil when nothing follows (the response was cut off).
    static func lastAnswerCue(_ b: [UInt8]) -> (position: Int, content: String?)? {
        var best: (pos: Int, contentStart: Int)?
        let word = Array("answer".utf8)
        var i = 0
        while i + word.count <= b.count {
            if matchesIgnoringCase(b, at: i, word), i == 0 || !isLetter(b[i - 1]),
               let after = cueEnd(b, afterWord: i + word.count) {
                best = (i, after)
            }
            i += 1
        }
        if let hash = lastIndex(of: Array("####".utf8), in: b), hash >= (best?.pos ?? -1) {
            best = (hash, hash + 4)
        }
        if let tag = lastIndex(of: Array("<answer>".utf8), in: b), tag >= (best?.pos ?? -1) {
            return (tag, tagContent(b, from: tag + 8))
        }
        guard let cue = best else { return nil }
        return (cue.pos, cueContent(b, from: cue.contentStart))
    }

    /// `<answer> … </answer>` (R1-style): the first math span inside, else the whole content.
    static func tagContent(_ b: [UInt8], from start: Int) -> String? {
        var end = b.count
        let closing = Array("</answer>".utf8)
        var i = start
        while i + closing.count <= b.count {
            if b[i] == UInt8(ascii: "<"), matchesIgnoringCase(b, at: i, closing) { end = i; break }
            i += 1
        }
        let inner = Array(b[start..<max(start, end)])
        if let span = firstMathSpan(inner) { return nonEmpty(cleanMath(span)) }
        return nonEmpty(cleanMath(text(inner, 0, inner.count)))
    }

    /// After "answer": optional "s", "**", then "is"/"are"/":"/"="; returns where the content starts.
    static func cueEnd(_ b: [UInt8], afterWord: Int) -> Int? {
        var i = afterWord
        if i < b.count, b[i] == UInt8(ascii: "s") { i += 1 }
        if i < b.count, isLetter(b[i]) { return nil }
        i = skip(b, i, "* ")
        var sawLink = false
        if i < b.count, b[i] == UInt8(ascii: ":") || b[i] == UInt8(ascii: "=") { i += 1; sawLink = true }
        for link in ["is", "are"] where !sawLink {
            let w = Array(link.utf8)
            if matchesIgnoringCase(b, at: i, w), i + w.count >= b.count || !isLetter(b[i + w.count]) {
                i += w.count; sawLink = true
            }
        }
        guard sawLink else { return nil }
        return skip(b, i, ":* \t")
    }

    /// The answer text after a cue: a `$…$` span if the line has one, else the line up to the
    /// end of its sentence; when the cue ends its line, the next non-empty line.
    static func cueContent(_ b: [UInt8], from start: Int) -> String? {
        var s = start
        while s < b.count, isSpace(b[s]) || b[s] == UInt8(ascii: "*") { s += 1 }
        guard s < b.count else { return nil }
        var e = s
        while e < b.count, b[e] != UInt8(ascii: "\n") { e += 1 }
        let line = Array(b[s..<min(e, s + maxAnswerBytes)])
        if let span = firstMathSpan(line) { return nonEmpty(cleanMath(span)) }
        var cut = line.count
        for k in 0..<line.count where line[k] == UInt8(ascii: ".") || line[k] == UInt8(ascii: "!")
            || line[k] == UInt8(ascii: "?") {
            let nextIsEnd = k + 1 >= line.count || isSpace(line[k + 1])
            if nextIsEnd { cut = k; break }
        }
        var piece = text(line, 0, cut).replacingOccurrences(of: "**", with: "")
        piece = piece.replacingOccurrences(of: "I hope it is correct", with: "")
        for clause in [", which ", ", since ", ", because ", ", as ", ", so ", " because ", " since "] {
            if let r = piece.range(of: clause) { piece = String(piece[piece.startIndex..<r.lowerBound]) }
        }
        if piece.hasPrefix("$") { piece.removeFirst() }           // "$42.75" as money
        return nonEmpty(cleanMath(piece))
    }

    // MARK: - Math spans

    /// The content of the last complete `$…$`, `$$…$$`, `\[…\]`, `\(…\)` or `**…**`, and
    /// where it ends.
    static func lastMathSpan(_ b: [UInt8]) -> (text: String, end: Int)? { mathSpan(b, first: false) }
    static func firstMathSpan(_ b: [UInt8]) -> String? { mathSpan(b, first: true)?.text }

    /// Start of the last sentence: just after the last `.`, `!` or `?` followed by white space
    /// (trailing punctuation and spaces at the very end do not count).
    static func finalSentenceStart(_ b: [UInt8]) -> Int {
        var end = b.count
        while end > 0, isSpace(b[end - 1]) || b[end - 1] == UInt8(ascii: ".") { end -= 1 }
        var i = end - 1
        while i > 0 {
            let c = b[i - 1]
            if c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?"), isSpace(b[i]) { return i }
            i -= 1
        }
        return 0
    }

    static func mathSpan(_ b: [UInt8], first: Bool) -> (text: String, end: Int)? {
        var found: (text: String, end: Int)?
        var noCloseFor: Set<String> = []   // an opener with no closer anywhere after: skip later ones
        var i = 0
        func close(_ opener: String, _ closer: String, from: Int, sameLine: Bool) -> Int? {
            if noCloseFor.contains(opener) { return nil }
            let c = Array(closer.utf8)
            var j = from
            while j + c.count <= b.count {
                if sameLine, b[j] == UInt8(ascii: "\n") { return nil }
                if b[j] == UInt8(ascii: "\\"), closer == "$" || closer == "$$" || closer == "**" { j += 2; continue }
                if matchesIgnoringCase(b, at: j, c) { return j }
                j += 1
            }
            if !sameLine { noCloseFor.insert(opener) }
            return nil
        }
        while i < b.count {
            var opener = "", closer = "", sameLine = false
            if b[i] == UInt8(ascii: "\\"), i + 1 < b.count {
                switch b[i + 1] {
                case UInt8(ascii: "["): (opener, closer) = ("\\[", "\\]")
                case UInt8(ascii: "("): (opener, closer) = ("\\(", "\\)")
                default: i += 2; continue
                }
            } else if b[i] == UInt8(ascii: "$") {
                if i + 1 < b.count, b[i + 1] == UInt8(ascii: "$") { (opener, closer) = ("$$", "$$") }
                else { (opener, closer, sameLine) = ("$", "$", true) }
            } else if b[i] == UInt8(ascii: "*"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "*") {
                (opener, closer, sameLine) = ("**", "**", true)
            } else { i += 1; continue }
            let from = i + opener.utf8.count
            guard let end = close(opener, closer, from: from, sameLine: sameLine) else {
                i = from; continue
            }
            let content = text(b, from, end)
            let isBold = opener == "**"
            if !isBold || content.contains(where: { $0.isNumber || $0 == "\\" }) {
                found = (content, end)
                if first { return found }
            }
            i = end + closer.utf8.count
        }
        return found
    }

    // MARK: - Last number (gsm8k)

    /// The last number (with `,` groups, sign and decimals) of the final sentence.
    static func lastNumberOfFinalSentence(_ b: [UInt8]) -> String? {
        var end = b.count
        while end > 0, isSpace(b[end - 1]) || b[end - 1] == UInt8(ascii: ".") { end -= 1 }
        var start = end
        while start > 0 {
            let c = b[start - 1]
            if c == UInt8(ascii: "\n") { break }
            if (c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?")),
               start < end, isSpace(b[start]) { break }
            start -= 1
        }
        var best: (Int, Int)?
        var i = start
        while i < end {
            if isDigit(b[i]) {
                var j = i
                while j < end, isDigit(b[j]) || ((b[j] == UInt8(ascii: ",") || b[j] == UInt8(ascii: "."))
                        && j + 1 < end && isDigit(b[j + 1])) { j += 1 }
                let negative = i > start && b[i - 1] == UInt8(ascii: "-")
                best = (negative ? i - 1 : i, j)
                i = j
            } else { i += 1 }
        }
        guard let (s, e) = best else { return nil }
        return text(b, s, e)
    }

    // MARK: - Helpers

    /// Trims spaces and a trailing sentence period from a math answer.
    static func cleanMath(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        while let last = t.last, last == "." || last == "," || last == ";" { t.removeLast() }
        return t.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    static func text(_ b: [UInt8], _ from: Int, _ to: Int) -> String {
        guard from < to else { return "" }
        let upper = min(to, from + maxAnswerBytes)
        return String(decoding: b[from..<upper], as: UTF8.self)
    }

    static func lastIndex(of pattern: [UInt8], in b: [UInt8]) -> Int? {
        guard pattern.count <= b.count, let first = pattern.first else { return nil }
        var i = b.count - pattern.count
        while i >= 0 {
            if b[i] == first, matchesIgnoringCase(b, at: i, pattern) { return i }
            i -= 1
        }
        return nil
    }

    /// Whether `pattern` (ASCII, compared case-insensitively) occurs at `at`.
    static func matchesIgnoringCase(_ b: [UInt8], at: Int, _ pattern: [UInt8]) -> Bool {
        guard at >= 0, at + pattern.count <= b.count else { return false }
        for k in 0..<pattern.count where lower(b[at + k]) != lower(pattern[k]) { return false }
        return true
    }

    static func skip(_ b: [UInt8], _ from: Int, _ chars: String) -> Int {
        var i = from
        let set = Array(chars.utf8)
        while i < b.count, set.contains(b[i]) { i += 1 }
        return i
    }

    static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
    static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
}
