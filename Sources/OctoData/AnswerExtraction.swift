// AnswerExtraction: THE answer extractor of octorepl — gold answers from MATH solutions
// (ProblemLoader), the RL format reward, evaluation, `grade`, `extract` and CoT analysis all
// ask it. It follows Math-Verify's extraction priorities (parse() with its default
// LatexExtractionConfig + ExprExtractionConfig):
//
//   1. `\boxed{…}` / `\fbox{…}` (nested braces): the last one, together with the boxes chained
//      to it (Math-Verify's "several boxes" rule, AnswerExtractionBoxes.swift) — an unclosed
//      last box means the response was cut off: no answer
//   2. a response that stops on a connective word or an opening symbol was cut off: no answer
//   3. the last answer cue ("final answer is …", "answer: …", "answer is …", `#### …`,
//      `<answer>…</answer>`), cut at the end of its sentence (not at "i.e.", "e.g.", "etc.",
//      decimal points or thousands separators), before a following clause (", which …")
//   4. the last math span `$…$`, `$$…$$`, `\[…\]`, `\(…\)`, `**…**` ending in the final sentence
//   5. the rightmost math span, bare `\frac{a}{b}`, or plain number / expression anywhere
//      (`2/3`, `1,234.5`, `28%`, `28 percent`) — Math-Verify's lowest priority
// Everything scans UTF-8 bytes left to right or right to left: linear time, no recursion.

/// Finds the final answer in a model response or a worked solution.
public enum AnswerExtraction {
    /// Longest answer kept; a longer span is not an answer but a runaway generation.
    public static let maxAnswerBytes = 4096

    /// Where an answer was found (the rule of the file header that produced it).
    public enum Source: String, Sendable, Equatable {
        case boxed, cue, mathSpan, bare
    }

    /// An extracted answer and the rule that found it.
    public struct Answer: Sendable, Equatable {
        public var text: String
        public var source: Source
        public init(text: String, source: Source) { self.text = text; self.source = source }
    }

    /// The final answer of `response` (the rules of the file header), or nil when it has none.
    public static func extract(_ response: String) -> String? { find(response)?.text }

    /// The boxed answer of `text` (rule 1 alone): what MATH solutions mark as their answer and
    /// what the RL format reward checks for. Several chained boxes come back as `a, b`.
    public static func boxed(in text: String) -> String? {
        if case .content(let s)? = boxedAnswer(Array(text.utf8)) { return nonEmpty(cleanMath(s)) }
        return nil
    }

    /// The final answer of `response` with the rule that found it.
    public static func find(_ response: String) -> Answer? {
        let b = Array(response.utf8)
        switch boxedAnswer(b) {
        case .content(let s): return nonEmpty(cleanMath(s)).map { Answer(text: $0, source: .boxed) }
        case .unclosed: return nil
        case .none: break
        }
        if looksTruncated(b) { return nil }
        let spans = mathSpans(b)
        let last = spans.last
        let finalSpan = last.flatMap { $0.end >= finalSentenceStart(b) ? $0 : nil }
        if let cue = lastAnswerCue(b) {
            if let content = cue.content, isProse(content), let s = finalSpan, s.end > cue.position {
                return spanAnswer(b, s)
            }
            if let content = cue.content { return Answer(text: content, source: .cue) }
            return nil
        }
        if let s = finalSpan, let a = spanAnswer(b, s) { return a }
        // Math-Verify's lowest priority: whichever ends last of the last math span, the last
        // bare `\frac{a}{b}` and the last plain number or expression.
        var bare = lastBareNumber(b, after: 0)
        if let f = lastBareFraction(b), f.end > (bare?.end ?? -1) { bare = f }
        if let s = last, s.end >= (bare?.end ?? -1), let a = spanAnswer(b, s) { return a }
        if let n = bare { return Answer(text: n.text, source: .bare) }
        return nil
    }

    // MARK: - Truncation

    /// A response that stops on a connective word or an opening symbol was cut off.
    static func looksTruncated(_ b: [UInt8]) -> Bool {
        var end = b.count
        while end > 0, LatexScan.isSpace(b[end - 1]) { end -= 1 }
        guard end > 0 else { return true }
        let last = b[end - 1]
        if "=:{(\\^_+/,[".utf8.contains(last) { return true }
        guard LatexScan.isLetter(last) else { return false }
        var start = end
        while start > 0, LatexScan.isLetter(b[start - 1]) { start -= 1 }
        let word = String(decoding: b[start..<end], as: UTF8.self).lowercased()
        return danglingWords.contains(word)
    }

    static let danglingWords: Set<String> = [
        "is", "equals", "equal", "be", "are", "to", "of", "the", "gives", "get", "obtain",
        "as", "that", "than", "and", "or", "by", "at", "was", "becomes", "yields", "us", "we", "then",
        "so", "thus", "hence", "therefore", "with", "for", "in", "on", "from", "into", "which", "this", "an",
    ]

    // MARK: - Helpers

    /// Trims spaces and a trailing sentence period from a math answer.
    static func cleanMath(_ s: String) -> String {
        var t = trimmed(s)
        while let last = t.last, last == "." || last == "," || last == ";" { t.removeLast() }
        return trimmed(t)
    }

    static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f.isWhitespace { sub.removeFirst() }
        while let l = sub.last, l.isWhitespace { sub.removeLast() }
        return String(sub)
    }

    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    static func text(_ b: [UInt8], _ from: Int, _ to: Int) -> String {
        LatexScan.text(b, from, to, limit: maxAnswerBytes)
    }
}
