// Math spans (`$…$`, `$$…$$`, `\[…\]`, `\(…\)`, bold `**…**`) and plain numbers/expressions
// in a response, for answer extraction. A percent sign or word right after an answer
// (`$28$ percent`, `28 pct`, `12\%`) belongs to it.

extension AnswerExtraction {
    /// A math span: `start..<end` with the delimiters, `contentStart..<contentEnd` without.
    struct MathSpan: Equatable {
        var start: Int, contentStart: Int, contentEnd: Int, end: Int
        var isBold: Bool
    }

    /// The answer a span holds: its content, with a following percent marker.
    static func spanAnswer(_ b: [UInt8], _ s: MathSpan) -> Answer? {
        let content = cleanMath(text(b, s.contentStart, s.contentEnd))
        guard !content.isEmpty else { return nil }
        let pct = percentSuffix(b, at: s.end) != nil && !content.hasSuffix("%")
        return Answer(text: pct ? content + "\\%" : content, source: .mathSpan)
    }

    /// Where a percent marker (`%`, `\%`, `percent`, `percentage`, `pct`) after `at` ends.
    static func percentSuffix(_ b: [UInt8], at: Int) -> Int? {
        var i = at
        while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
        if i < b.count, b[i] == UInt8(ascii: "%") { return i + 1 }
        if i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "%") { return i + 2 }
        for word in ["percentage", "percent", "pct"] {
            let w = Array(word.utf8)
            if LatexScan.matches(b, at: i, w), i + w.count >= b.count || !LatexScan.isLetter(b[i + w.count]) {
                return i + w.count
            }
        }
        return nil
    }

    /// Start of the last sentence: just after the last `.`, `!` or `?` followed by white space
    /// (trailing punctuation and spaces at the very end do not count).
    static func finalSentenceStart(_ b: [UInt8]) -> Int {
        var end = b.count
        while end > 0, LatexScan.isSpace(b[end - 1]) || b[end - 1] == UInt8(ascii: ".") { end -= 1 }
        var i = end - 1
        while i > 0 {
            let c = b[i - 1]
            if c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?"), LatexScan.isSpace(b[i]) { return i }
            i -= 1
        }
        return 0
    }

    static func firstMathSpan(_ b: [UInt8]) -> String? {
        mathSpans(b, firstOnly: true).first.map { cleanMath(text(b, $0.contentStart, $0.contentEnd)) }
    }

    /// The complete math spans of `b` in order (bold only with a digit or `\` inside).
    static func mathSpans(_ b: [UInt8], firstOnly: Bool = false) -> [MathSpan] {
        var found: [MathSpan] = []
        var noCloseFor: Set<String> = []   // an opener with no closer anywhere after: skip later ones
        var i = 0
        func close(_ opener: String, _ closer: [UInt8], from: Int, sameLine: Bool) -> Int? {
            if noCloseFor.contains(opener) { return nil }
            var j = from
            let escapable = opener == "$" || opener == "$$" || opener == "**"
            while j + closer.count <= b.count {
                if sameLine, b[j] == UInt8(ascii: "\n") { return nil }
                if b[j] == UInt8(ascii: "\\"), escapable { j += 2; continue }
                if b[j] == closer[0], LatexScan.matches(b, at: j, closer) { return j }
                j += 1
            }
            if !sameLine { noCloseFor.insert(opener) }
            return nil
        }
        while i < b.count {
            var opener = "", sameLine = false
            let c = b[i]
            if c == UInt8(ascii: "\\"), i + 1 < b.count {
                switch b[i + 1] {
                case UInt8(ascii: "["): opener = "\\["
                case UInt8(ascii: "("): opener = "\\("
                default: i += 2; continue
                }
            } else if c == UInt8(ascii: "$") {
                if i + 1 < b.count, b[i + 1] == UInt8(ascii: "$") { opener = "$$" } else { opener = "$"; sameLine = true }
            } else if c == UInt8(ascii: "*"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "*") {
                opener = "**"; sameLine = true
            } else { i += 1; continue }
            let closer: [UInt8]
            switch opener {
            case "\\[": closer = Array("\\]".utf8)
            case "\\(": closer = Array("\\)".utf8)
            default: closer = Array(opener.utf8)
            }
            let from = i + opener.utf8.count
            guard let end = close(opener, closer, from: from, sameLine: sameLine) else { i = from; continue }
            let isBold = opener == "**"
            let keep = !isBold || b[from..<end].contains { LatexScan.isDigit($0) || $0 == UInt8(ascii: "\\") }
            if keep {
                found.append(MathSpan(start: i, contentStart: from, contentEnd: end, end: end + closer.count, isBold: isBold))
                if firstOnly { return found }
            }
            i = end + closer.count
        }
        return found
    }

    // MARK: - Plain numbers and expressions

    /// The last plain number or expression starting at or after `after` (Math-Verify's
    /// ExprExtractionConfig): preceded by the start, a space, `=`, `**`, `(` or a currency
    /// sign; `1,234,567.5` and `1 234` are one number, `2/3` and `2^{10}`-free `2^10` one
    /// expression; a following `%`/`percent`/`pct` is kept as `%`; not inside a word.
    static func lastBareNumber(_ b: [UInt8], after: Int) -> (text: String, end: Int)? {
        var i = b.count - 1
        while i >= after {
            guard LatexScan.isDigit(b[i]) else { i -= 1; continue }
            var end = i + 1
            var start = i
            while start > after, isNumberByte(b, start - 1) { start -= 1 }
            // Do not start on a separator or operator.
            while start < end, !LatexScan.isDigit(b[start]), b[start] != UInt8(ascii: "-"),
                  b[start] != UInt8(ascii: ".") { start += 1 }
            if start < end, b[start] == UInt8(ascii: "-"), start + 1 < end, !LatexScan.isDigit(b[start + 1]) { start += 1 }
            if start > 0, !anchorsNumber(b[start - 1]) {
                i = start - 1
                while i >= after, LatexScan.isDigit(b[i]) { i -= 1 }
                continue
            }
            while end > start, !LatexScan.isDigit(b[end - 1]) { end -= 1 }
            var value = groupedNumber(text(b, start, end))
            if let pctEnd = percentSuffix(b, at: end) { value += "%"; end = pctEnd }
            return (value, end)
        }
        return nil
    }

    /// The last `\frac{a}{b}` (also `\dfrac`, `\tfrac`) of plain numbers outside math mode,
    /// with an optional `-` and a following percent marker.
    static func lastBareFraction(_ b: [UInt8]) -> (text: String, end: Int)? {
        var end = b.count
        while let at = LatexScan.lastIndex(of: Array("frac{".utf8), in: b, before: end) {
            end = at
            var start = at - 1
            guard start >= 0, b[start] == UInt8(ascii: "\\") || (start >= 1 && b[start - 1] == UInt8(ascii: "\\")) else { continue }
            if b[start] != UInt8(ascii: "\\") { start -= 1 }          // \dfrac, \tfrac
            guard let numClose = closingBrace(b, open: at + 4), numClose + 1 < b.count,
                  b[numClose + 1] == UInt8(ascii: "{"), let denClose = closingBrace(b, open: numClose + 1),
                  isPlainNumber(b, at + 5, numClose), isPlainNumber(b, numClose + 2, denClose) else { continue }
            if start > 0, b[start - 1] == UInt8(ascii: "-") { start -= 1 }
            var stop = denClose + 1
            var value = text(b, start, stop)
            if let pct = percentSuffix(b, at: stop) { value += "\\%"; stop = pct }
            return (value, stop)
        }
        return nil
    }

    /// The `}` of a short plain group `{…}` opened at `open` (at most 40 bytes, no nesting).
    static func closingBrace(_ b: [UInt8], open: Int) -> Int? {
        var i = open + 1
        while i < b.count, i - open <= 40 {
            if b[i] == UInt8(ascii: "}") { return i }
            if b[i] == UInt8(ascii: "{") { return nil }
            i += 1
        }
        return nil
    }

    /// Whether `b[from..<to]` is `-?digits([.,]digits)?`.
    static func isPlainNumber(_ b: [UInt8], _ from: Int, _ to: Int) -> Bool {
        var i = from
        if i < to, b[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while i < to, LatexScan.isDigit(b[i]) || ((b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) && digits > 0) {
            if LatexScan.isDigit(b[i]) { digits += 1 }
            i += 1
        }
        return i == to && digits > 0
    }

    /// Bytes a plain number or expression is made of (no spaces: `2 + 3` is not one answer).
    static func isNumberByte(_ b: [UInt8], _ k: Int) -> Bool {
        let c = b[k]
        if LatexScan.isDigit(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "/") || c == UInt8(ascii: "^") { return true }
        if c == UInt8(ascii: "-") { return true }
        // A comma between digits (thousands `1,234` or a decimal comma `2000,25`), a space
        // before exactly three digits (`2 000`).
        guard k > 0, LatexScan.isDigit(b[k - 1]), k + 1 < b.count, LatexScan.isDigit(b[k + 1]) else { return false }
        if c == UInt8(ascii: ",") { return true }
        if c == UInt8(ascii: " "), k + 3 < b.count, (1...3).allSatisfy({ LatexScan.isDigit(b[k + $0]) }),
           k + 4 >= b.count || !LatexScan.isDigit(b[k + 4]) {
            return true
        }
        return false
    }

    /// What may stand right before a plain number: the start, a space, `=`, `*`, `(`, a
    /// currency sign (`$`, and any non-ASCII symbol such as `€`).
    static func anchorsNumber(_ c: UInt8) -> Bool {
        LatexScan.isSpace(c) || c == UInt8(ascii: "=") || c == UInt8(ascii: "*") || c == UInt8(ascii: "(")
            || c == UInt8(ascii: "$") || c >= 0x80 || c == UInt8(ascii: ":") || c == UInt8(ascii: "~")
    }

    /// `1,234,567.5` / `1 234` → `1234567.5` / `1234` (groups of three after a first group of
    /// one to three digits); `2000,25` → `2000.25` (one comma, not thousands: a decimal comma,
    /// as Math-Verify reads it); a trailing `.` dropped.
    static func groupedNumber(_ s: String) -> String {
        var t = s
        while t.hasSuffix(".") || t.hasSuffix("/") || t.hasSuffix("^") || t.hasSuffix("-") { t.removeLast() }
        guard t.contains(",") || t.contains(" ") else { return t }
        let body = t.hasPrefix("-") ? t.dropFirst() : Substring(t)
        let intPart = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let groups = intPart.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        let thousands = groups.count >= 2 && (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
        if thousands { return t.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "") }
        if t.filter({ $0 == "," }).count == 1, !t.contains("."), !t.contains(" ") {
            return t.replacingOccurrences(of: ",", with: ".")
        }
        return t
    }
}
