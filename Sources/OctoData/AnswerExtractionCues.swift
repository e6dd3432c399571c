// Answer cues: "answer is …", "answers are …", "answer: …", "answer = …" (so also "The final
// answer is …" and Minerva's "Final Answer: The final answer is $…$. I hope it is correct."),
// `#### …` and `<answer>…</answer>`. The last cue wins; its answer is the first math span on
// its line, else the words up to the end of the sentence — not cut at "i.e.", "e.g.",
// "etc.", decimal points or thousands separators — before a following clause
// (", i.e. …", ", which …", " (mod 1000)"). A cue followed by a sentence of words holding a
// number gives that number ("The answer is probably around 12 apples" → "12 apples").

extension AnswerExtraction {
    /// Four or more words and no digit or LaTeX: a sentence, not an answer.
    static func isProse(_ s: String) -> Bool {
        !s.contains(where: { $0.isNumber || $0 == "\\" || $0 == "=" })
            && s.split(separator: " ").filter({ $0.count >= 2 && $0.allSatisfy(\.isLetter) }).count >= 4
    }

    /// The last cue and the answer after it; nil when there is no cue; `content` nil when
    /// nothing follows (the response was cut off).
    static func lastAnswerCue(_ b: [UInt8]) -> (position: Int, content: String?)? {
        var best: (pos: Int, contentStart: Int)?
        let word = Array("answer".utf8)
        var i = 0
        while i + word.count <= b.count {
            if LatexScan.lower(b[i]) == UInt8(ascii: "a"), LatexScan.matches(b, at: i, word),
               i == 0 || !LatexScan.isLetter(b[i - 1]), let after = cueEnd(b, afterWord: i + word.count) {
                best = (i, after)
            }
            i += 1
        }
        if let hash = LatexScan.lastIndex(of: Array("####".utf8), in: b), hash >= (best?.pos ?? -1) {
            best = (hash, hash + 4)
        }
        if let tag = LatexScan.lastIndex(of: Array("<answer>".utf8), in: b), tag >= (best?.pos ?? -1) {
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
            if b[i] == UInt8(ascii: "<"), LatexScan.matches(b, at: i, closing) { end = i; break }
            i += 1
        }
        let inner = Array(b[start..<max(start, end)])
        if let span = firstMathSpan(inner) { return nonEmpty(span) }
        return nonEmpty(cleanMath(text(inner, 0, inner.count)))
    }

    /// After "answer": optional "s", "**", then "is"/"are"/":"/"="; returns where the content starts.
    static func cueEnd(_ b: [UInt8], afterWord: Int) -> Int? {
        var i = afterWord
        if i < b.count, b[i] == UInt8(ascii: "s") { i += 1 }
        if i < b.count, LatexScan.isLetter(b[i]) { return nil }
        i = LatexScan.skip(b, i, "* ")
        var sawLink = false
        if i < b.count, b[i] == UInt8(ascii: ":") || b[i] == UInt8(ascii: "=") { i += 1; sawLink = true }
        for link in ["is", "are"] where !sawLink {
            let w = Array(link.utf8)
            if LatexScan.matches(b, at: i, w), i + w.count >= b.count || !LatexScan.isLetter(b[i + w.count]) {
                i += w.count; sawLink = true
            }
        }
        guard sawLink else { return nil }
        return LatexScan.skip(b, i, ":* \t")
    }

    /// Where the text after a word "is"/"are"/"was"/"equals" in the first 100 bytes of `line`
    /// starts, when a math span or a word precedes it ("The largest $n$ is 41").
    static func linkWord(_ line: [UInt8]) -> Int? {
        let limit = min(line.count, 100)
        var i = 1
        while i < limit {
            if line[i - 1] == UInt8(ascii: " ") {
                for w in ["is ", "are ", "was ", "equals "] {
                    let wb = Array(w.utf8)
                    if LatexScan.matches(line, at: i, wb), i >= 3 { return i + wb.count }
                }
            }
            i += 1
        }
        return nil
    }

    /// Abbreviations whose period does not end a sentence.
    static let abbreviations: [String] = ["i.e", "e.g", "etc", "vs", "approx", "cf", "resp", "ca", "no"]

    /// The answer text after a cue (see the file header).
    static func cueContent(_ b: [UInt8], from start: Int) -> String? {
        var s = start
        while s < b.count, LatexScan.isSpace(b[s]) || b[s] == UInt8(ascii: "*") { s += 1 }
        guard s < b.count else { return nil }
        var e = s
        while e < b.count, b[e] != UInt8(ascii: "\n") { e += 1 }
        var line = Array(b[s..<min(e, s + maxAnswerBytes)])
        // "Final Answer: The largest $n$ is 41.": the answer follows the first "is" (within
        // 100 bytes, after any math span that names what it is about).
        if let isAt = linkWord(line), !mathSpans(Array(line[isAt...]), firstOnly: true).isEmpty
            || firstBareNumber(Array(line[isAt...])) != nil {
            line = Array(line[isAt...])
        }
        if let span = mathSpans(line, firstOnly: true).first {
            if let a = spanAnswer(line, span) { return a.text }
        }
        var piece = text(line, 0, sentenceEnd(line)).replacingOccurrences(of: "**", with: "")
        piece = piece.replacingOccurrences(of: "I hope it is correct", with: "")
        piece = cutClauses(piece)
        if piece.hasPrefix("$") { piece.removeFirst() }           // "$42.75" as money
        piece = cleanMath(piece)
        if wordsBeforeNumber(piece) >= 2, let n = firstBareNumber(Array(piece.utf8)) { return n }
        return nonEmpty(piece)
    }

    /// Where the sentence starting at 0 ends: a `.` `!` `?` followed by a space or the end,
    /// except after an abbreviation (`i.e.`, `e.g.`, `etc.` with more text after it).
    static func sentenceEnd(_ line: [UInt8]) -> Int {
        for k in 0..<line.count {
            let c = line[k]
            guard c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") else { continue }
            guard k + 1 >= line.count || LatexScan.isSpace(line[k + 1]) else { continue }
            if c == UInt8(ascii: "."), k + 1 < line.count, isAbbreviation(line, periodAt: k) { continue }
            return k
        }
        return line.count
    }

    static func isAbbreviation(_ b: [UInt8], periodAt k: Int) -> Bool {
        for abbr in abbreviations {
            let a = Array(abbr.utf8)
            let s = k - a.count
            if s >= 0, LatexScan.matches(b, at: s, a), s == 0 || !LatexScan.isLetter(b[s - 1]) { return true }
        }
        return false
    }

    /// Cuts a clause that follows the answer: `, i.e. …`, `, which …`, ` because …`,
    /// ` (mod 1000)`, `, e.g. …`, ` etc.`.
    static func cutClauses(_ s: String) -> String {
        var piece = s
        let clauses = [", which ", ", since ", ", because ", ", as ", ", so ", " because ", " since ",
                       ", i.e", " i.e.", ", e.g", " e.g.", " etc", ", that is", ", where ", ", when ",
                       " (mod", " (in ", " (since", " (because", " (which", " (the ", " (as "]
        for clause in clauses {
            if let r = piece.range(of: clause) { piece = String(piece[piece.startIndex..<r.lowerBound]) }
        }
        // `, word …`: a clause after a comma (not `, and`/`, or`, which continue a list).
        let words = piece.components(separatedBy: ", ")
        if words.count > 1 {
            var kept = [words[0]]
            for w in words.dropFirst() {
                let head = w.prefix { $0.isLetter }
                if head.count >= 2, head != "and", head != "or", !w.contains(where: \.isNumber), !w.contains("\\") { break }
                kept.append(w)
            }
            piece = kept.joined(separator: ", ")
        }
        return piece
    }

    /// The first plain number or expression of `b` (Math-Verify takes the first after a cue).
    static func firstBareNumber(_ b: [UInt8]) -> String? {
        var i = 0
        while i < b.count {
            if LatexScan.isDigit(b[i]), i == 0 || anchorsNumber(b[i - 1]) || b[i - 1] == UInt8(ascii: "-") {
                var end = i
                while end < b.count, isNumberByte(b, end) { end += 1 }
                if let n = lastBareNumber(Array(b[0..<end]), after: max(0, i - 1)) { return n.text }
            }
            i += 1
        }
        return nil
    }

    /// Words of three or more letters before the first digit (`probably around 12` → 2).
    static func wordsBeforeNumber(_ s: String) -> Int {
        guard let firstDigit = s.firstIndex(where: \.isNumber), !s.contains("\\") else { return 0 }
        return s[s.startIndex..<firstDigit].split(separator: " ").filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) }.count
    }
}
