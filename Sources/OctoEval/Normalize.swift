// Answer normalisation: rewrites an extracted answer (or a gold answer) into a canonical
// LaTeX-ish string before parsing. Each step is one rule of Docs/Grading.md.

import Foundation
import OctoData

/// String-level normalisation of answers (see Docs/Grading.md, "Normalisation").
enum AnswerNormalizer {
    /// Longest answer normalised; longer strings are compared verbatim.
    static let maxLength = 20_000

    static func normalize(_ input: String) -> String {
        var s = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard s.utf8.count <= maxLength else { return s }
        s = stripDelimiters(s)
        for (from, to) in unicode { s = s.replacingOccurrences(of: from, with: to) }
        s = dropSizingCommands(s)
        s = rewriteMatrices(s)
        for (from, to) in fixed { s = s.replacingOccurrences(of: from, with: to) }
        s = joinThinSpaceThousands(s)
        for (from, to) in spacing { s = s.replacingOccurrences(of: from, with: to) }
        s = unwrapTextCommands(s)
        s = replaceWords(s)
        s = stripSetMembership(s)
        s = resolveApprox(s)
        s = collapseSpaces(s)
        while s.contains(", ,") { s = s.replacingOccurrences(of: ", ,", with: ",") }   // `46, \text{ and } 82`
        s = stripTrailingPunctuation(s)
        s = scaleWords(s)
        s = stripUnits(s)
        s = joinCommaThousands(s)
        s = expandPlusMinus(s)
        return s
    }

    /// `1 \pm \sqrt{2}` → `1 + \sqrt{2}, 1 - \sqrt{2}` (one `\pm`, not inside a list).
    static func expandPlusMinus(_ s: String) -> String {
        let parts = s.components(separatedBy: "\\pm")
        guard parts.count == 2, !s.contains(",") else { return s }
        return parts.joined(separator: "+") + ", " + parts.joined(separator: "-")
    }

    /// `2.5 million` → `2.5 \times 10^{6}` (before units are dropped).
    static func scaleWords(_ s: String) -> String {
        var t = s
        for (word, power) in [(" million", 6), (" billion", 9), (" thousand", 3), (" trillion", 12)]
            where t.lowercased().hasSuffix(word) {
            t = String(t.dropLast(word.count)) + " \\times 10^{\(power)}"
        }
        return t
    }

    // MARK: - Delimiters

    /// Removes enclosing `$…$`, `$$…$$`, `\(…\)`, `\[…\]` and a whole-answer `\boxed{…}`.
    static func stripDelimiters(_ input: String) -> String {
        var s = input
        for _ in 0..<4 {
            let before = s
            for (open, close) in [("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")]
                where s.count >= open.count + close.count && s.hasPrefix(open) && s.hasSuffix(close) {
                s = String(s.dropFirst(open.count).dropLast(close.count))
                s = s.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            for box in ["\\boxed{", "\\fbox{"] where s.hasPrefix(box) && s.hasSuffix("}") {
                let b = Array(s.utf8)
                if let close = LatexScan.matchingBrace(b, open: box.utf8.count - 1), close == b.count - 1 {
                    s = LatexScan.text(b, box.utf8.count, close)
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            if s == before { break }
        }
        return s
    }

    /// `y = \frac14 \approx 0.3` → `y = \frac14` (the exact value before the approximation);
    /// `y \approx 9` → `9` (nothing exact before it: the approximation is the answer).
    static func resolveApprox(_ s: String) -> String {
        guard s.contains("\\approx") else { return s }
        let parts = s.components(separatedBy: "\\approx")
        guard let first = parts.first, let last = parts.last else { return s }
        return first.contains("=") ? first : last
    }

    // MARK: - Matrices

    static let matrixEnvironments = ["pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix", "array"]

    /// `\begin{pmatrix} a & b \\ c & d \end{pmatrix}` → `\matrix{a \mcol b \mrow c \mcol d}`
    /// (also bmatrix, matrix, array with its column spec): the parser reads rows of entries, so
    /// pmatrix and bmatrix of the same entries are equal.
    static func rewriteMatrices(_ input: String) -> String {
        guard input.contains("\\begin{") else { return input }
        var s = input
        for env in matrixEnvironments {
            let begin = "\\begin{\(env)}", end = "\\end{\(env)}"
            var guardCount = 0
            while let b = s.range(of: begin), let e = s.range(of: end, range: b.upperBound..<s.endIndex), guardCount < 64 {
                guardCount += 1
                var inner = String(s[b.upperBound..<e.lowerBound])
                if env == "array", inner.hasPrefix("{"), let close = inner.firstIndex(of: "}") {
                    inner = String(inner[inner.index(after: close)...])            // column spec `{cc}`
                }
                inner = inner.replacingOccurrences(of: "\\\\", with: " \\mrow ")
                    .replacingOccurrences(of: "&", with: " \\mcol ")
                s.replaceSubrange(b.lowerBound..<e.upperBound, with: "\\matrix{" + inner + "}")
            }
        }
        return s
    }

    // MARK: - Fixed rewrites

    static let unicode: [(String, String)] = [
        ("−", "-"), ("–", "-"), ("×", "\\times "), ("·", "\\cdot "), ("÷", "\\div "),
        ("π", "\\pi "), ("∞", "\\infty "), ("≤", "\\le "), ("≥", "\\ge "), ("≠", "\\ne "),
        ("°", ""), ("√", "\\sqrt"), ("∪", "\\cup "), ("\u{00A0}", " "), ("\u{2009}", " "),
    ]

    static let fixed: [(String, String)] = [
        ("\\dfrac", "\\frac"), ("\\tfrac", "\\frac"), ("\\cfrac", "\\frac"),
        ("\\displaystyle", ""), ("\\!  ", ""), ("\\! ", ""), ("\\!", ""), ("!=", "\\ne "), ("{,}", ""),
        ("\\%", "%"), ("\\$", ""), ("$", ""),
        ("^{\\circ}", ""), ("^\\circ", ""), ("^{\\circ }", ""), ("\\circ", ""), ("\\degree", ""),
        ("\\leqslant", "\\le"), ("\\geqslant", "\\ge"), ("\\leq", "\\le"), ("\\geq", "\\ge"),
        ("\\neq", "\\ne"), ("\\lt", "<"), ("\\gt", ">"), ("<=", "\\le "), (">=", "\\ge "),
        ("\\lvert", "|"), ("\\rvert", "|"), ("\\vert", "|"), ("\\lbrace", "\\{"), ("\\rbrace", "\\}"),
        ("\\mathbb{R}", "(-\\infty,\\infty)"),
        ("\\\\", ","), ("&", ","),
        ("\\infinity", "\\infty"), ("\\emptyset", "\\{\\}"), ("\\varnothing", "\\{\\}"),
        ("\\text{percentage}", "%"), ("\\text{percent}", "%"), ("\\text{pct}", "%"),
        ("percentage", "%"), ("percent", "%"), (" pct", "%"), ("pct", "%"),
    ]

    static let spacing: [(String, String)] = [
        ("\\qquad", " "), ("\\quad", " "), ("\\,", " "), ("\\;", " "), ("\\:", " "),
        ("\\ ", " "), ("~", " "), ("\n", " "), ("\t", " "),
    ]

    /// Drops `\left`, `\right`, `\bigl`… (and the `.` of `\left.`), keeping the delimiter.
    static func dropSizingCommands(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        let names: Set<String> = ["left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr",
                                  "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr"]
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\") {
                var j = i + 1
                while j < b.count, LatexScan.isLetter(b[j]) { j += 1 }
                let name = LatexScan.text(b, i + 1, j)
                if names.contains(name) {
                    i = j
                    if i < b.count, b[i] == UInt8(ascii: ".") { i += 1 }
                    continue
                }
                if j == i + 1, j < b.count { out.append(b[i]); out.append(b[j]); i = j + 1; continue }
                out.append(contentsOf: b[i..<j]); i = j; continue
            }
            out.append(b[i]); i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Thousands separators

    /// `33\,456` → `33456`: a thin space between a digit and exactly three digits.
    static func joinThinSpaceThousands(_ s: String) -> String {
        guard s.contains("\\,") else { return s }
        let b = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 1 < b.count, b[i + 1] == UInt8(ascii: ","),
               let prev = out.last, LatexScan.isDigit(prev), i + 4 < b.count + 1,
               (2...4).allSatisfy({ i + $0 < b.count && LatexScan.isDigit(b[i + $0]) }),
               i + 5 >= b.count || !LatexScan.isDigit(b[i + 5]) {
                i += 2; continue
            }
            out.append(b[i]); i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `1,234,567.5` → `1234567.5` when the whole answer is one grouped number.
    static func joinCommaThousands(_ s: String) -> String {
        if s.contains(" "), !s.contains(",") { return joinGroups(s, separator: " ") }
        guard s.contains(",") else { return s }
        return joinGroups(s, separator: ",")
    }

    /// `1 234 567` / `1,234,567.5` → digits only, when every group after the first has three digits.
    static func joinGroups(_ s: String, separator: Character) -> String {
        var body = Substring(s)
        var sign = ""
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count >= 2, let first = parts.first, (1...3).contains(first.count),
              first.allSatisfy(\.isNumber) else { return s }
        for (k, part) in parts.enumerated().dropFirst() {
            let isLast = k == parts.count - 1
            let intPart = isLast ? (part.split(separator: ".", maxSplits: 1).first ?? "") : part
            guard intPart.count == 3, intPart.allSatisfy(\.isNumber) else { return s }
            if isLast, part.contains("."),
               !(part.split(separator: ".", maxSplits: 1).last ?? "").allSatisfy(\.isNumber) { return s }
        }
        return sign + parts.joined()
    }

    // MARK: - Text

    /// `\text{…}`, `\textbf{…}`, `\mathrm{…}`, `\mbox{…}` → their content; `\text{ or }` → `,`.
    static func unwrapTextCommands(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        let wrappers: Set<String> = ["text", "textbf", "textit", "textrm", "textnormal", "mathrm",
                                     "mathbf", "mathit", "mbox", "operatorname", "emph", "textsf"]
        let b = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\") {
                var j = i + 1
                while j < b.count, LatexScan.isLetter(b[j]) { j += 1 }
                let name = LatexScan.text(b, i + 1, j)
                if wrappers.contains(name), j < b.count, b[j] == UInt8(ascii: "{"),
                   let close = LatexScan.matchingBrace(b, open: j) {
                    let inner = LatexScan.text(b, j + 1, close)
                    let word = inner.trimmingCharacters(in: .whitespaces).lowercased()
                    let piece = (word == "or" || word == "and") ? "," : " " + inner + " "
                    out.append(contentsOf: Array(piece.utf8))
                    i = close + 1
                    continue
                }
            }
            out.append(b[i]); i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The words "or" / "and" between answers become list commas.
    static func replaceWords(_ s: String) -> String {
        guard s.contains("or") || s.contains("and") else { return s }
        guard let pattern = andOrPattern else {
            return s.replacingOccurrences(of: " or ", with: ", ").replacingOccurrences(of: " and ", with: ", ")
        }
        let out = pattern.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: ", ")
        return out.replacingOccurrences(of: ", ,", with: ",")
    }

    /// `and` / `or` (with an optional comma before) not inside a word: Math-Verify's list words.
    static let andOrPattern = try? NSRegularExpression(pattern: "(?<![a-zA-Z\\\\])(,?\\s*(?:and|or))(?![a-zA-Z])")

    /// `x \in [1, 2]` → `[1, 2]`.
    static func stripSetMembership(_ s: String) -> String {
        guard let r = s.range(of: "\\in") else { return s }
        let head = s[s.startIndex..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        let tail = s[r.upperBound...]
        guard head.count <= 3, !(tail.first?.isLetter ?? false) else { return s }
        return String(tail)
    }

    static func collapseSpaces(_ s: String) -> String {
        var out = ""
        var lastSpace = false
        for c in s {
            if c == " " { if !lastSpace { out.append(c) }; lastSpace = true } else { out.append(c); lastSpace = false }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    static func stripTrailingPunctuation(_ s: String) -> String {
        var t = s
        while let last = t.last, last == "." || last == "," || last == ";" || last == " " { t.removeLast() }
        return t
    }

    /// `12 cm`, `7093 minutes`, `20.25 dollars` → the number: trailing words of two or more
    /// letters after something containing a digit are units.
    static func stripUnits(_ s: String) -> String {
        var words = s.split(separator: " ", omittingEmptySubsequences: true)
        var dropped = false
        while words.count >= 2, let last = words.last {
            if isUnitWord(last) {
                words.removeLast(); dropped = true
            } else if words.count >= 3, last.hasPrefix("^"), isUnitWord(words[words.count - 2]),
                      last.dropFirst().allSatisfy({ $0.isNumber || $0 == "{" || $0 == "}" }) {
                words.removeLast(2); dropped = true   // `cm ^2`
            } else { break }
        }
        guard dropped, words.joined().contains(where: \.isNumber),
              let lastKept = words.last, !lastKept.hasSuffix("\\") else { return s }
        return words.joined(separator: " ")
    }

    static func isUnitWord(_ w: Substring) -> Bool {
        var letters = w
        if let caret = w.firstIndex(of: "^") {
            letters = w[w.startIndex..<caret]
            let exp = w[w.index(after: caret)...].filter { $0 != "{" && $0 != "}" }
            guard exp.count == 1, exp.allSatisfy(\.isNumber) else { return false }
        }
        // Letters, or a rate like `m/s`, `km/h`.
        return letters.filter(\.isLetter).count >= 2 && letters.first?.isLetter == true
            && letters.allSatisfy { ($0.isASCII && $0.isLetter) || $0 == "/" }
    }

    // MARK: - Text answers and choice letters

    /// A text answer ("increasing", "Sunday"): only letters and spaces, a word of two letters or more.
    static func textAnswer(_ s: String) -> String? {
        guard s.count <= 200, s.contains(where: \.isLetter),
              s.allSatisfy({ ($0.isASCII && $0.isLetter) || $0 == " " || $0 == "'" || $0 == "-" }),
              s.split(separator: " ").contains(where: { $0.count >= 2 }) else { return nil }
        return s.lowercased()
    }

    /// A multiple-choice letter: `(B)`, `B`, `(b)`; with `allowValue`, also `(B) 39` → B.
    static func choiceLetter(_ s: String, allowValue: Bool) -> Character? {
        let c = Array(s)
        if c.count == 1, let l = c.first, "ABCDE".contains(l) || (allowValue && "abcde".contains(l)) {
            return Character(l.uppercased())
        }
        if c.count >= 3, c[0] == "(", c[2] == ")", "ABCDEabcde".contains(c[1]) {
            if c.count == 3 || allowValue { return Character(c[1].uppercased()) }
        }
        return nil
    }

    /// `(D) 748` → `748`: a choice label in front of a value.
    static func stripChoicePrefix(_ s: String) -> String {
        let c = Array(s)
        guard c.count > 4, c[0] == "(", c[2] == ")", "ABCDEabcde".contains(c[1]) else { return s }
        return String(c[3...]).trimmingCharacters(in: .whitespaces)
    }
}
