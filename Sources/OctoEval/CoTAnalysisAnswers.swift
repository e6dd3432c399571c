// Intermediate answers in a chain of thought: every `\boxed{…}`, "the answer is …",
// "#### n" and "= number" statement, in order, so that an analysis can say where the first
// correct answer appeared (and whether a later one overwrote it).

/// An answer stated somewhere in a response.
public struct AnswerMention: Sendable, Equatable {
    /// How the answer was stated.
    public enum Kind: String, Sendable {
        case boxed, answerIs = "answer_is", hashes, equals
    }
    public var kind: Kind
    /// The stated answer (`\boxed` content, the words after "answer is", the number after `=`).
    public var text: String
    /// UTF-8 byte offset of the answer text itself (after `\boxed{`, `=`, …).
    public var offset: Int
    /// Token holding the answer's first byte, when token lengths are known.
    public var token: Int?
    /// Whether it is equivalent to the gold answer (nil when no gold was given).
    public var correct: Bool?

    public init(kind: Kind, text: String, offset: Int, token: Int? = nil, correct: Bool? = nil) {
        self.kind = kind; self.text = text; self.offset = offset; self.token = token; self.correct = correct
    }
}

/// Scans a response for stated answers.
public enum IntermediateAnswers {
    /// Every answer mention in `text`, ordered by offset. `= number` counts only when the
    /// number ends the expression (`= 3 + 4` is not an answer, `= 7.` is).
    public static func mentions(in text: String, tokens: TokenOffsets? = nil) -> [AnswerMention] {
        let b = Array(text.utf8)
        var out: [AnswerMention] = []
        func add(_ kind: AnswerMention.Kind, _ s: Int, _ e: Int) {
            var s = s, e = e
            while s < e, CoTSteps.isSpace(b[s]) || b[s] == UInt8(ascii: "$") { s += 1 }
            while e > s, CoTSteps.isSpace(b[e - 1]) || b[e - 1] == UInt8(ascii: "$") || b[e - 1] == UInt8(ascii: ".") { e -= 1 }
            guard e > s else { return }
            out.append(AnswerMention(kind: kind, text: String(decoding: b[s..<e], as: UTF8.self), offset: s,
                                     token: tokens?.token(atByte: s)))
        }
        var i = 0
        while i < b.count {
            if starts(b, i, "\\boxed"), let (s, e) = braced(b, from: i + 6) {
                add(.boxed, s, e); i = e + 1; continue
            }
            if starts(b, i, "answer is"), i == 0 || !ReflectionDetector.isWordChar(b[i - 1]) {
                let s = i + 9
                var e = s
                while e < b.count, b[e] != UInt8(ascii: "\n"), !(b[e] == UInt8(ascii: ".") && (e + 1 == b.count || CoTSteps.isSpace(b[e + 1]))), e - s < 80 { e += 1 }
                if !(s < b.count && b[s] == UInt8(ascii: "\\") && starts(b, s, "\\boxed")) && !containsBoxed(b, s, e) { add(.answerIs, s, e) }
                i = s; continue
            }
            if starts(b, i, "####") {
                let s = i + 4
                var e = s
                while e < b.count, b[e] != UInt8(ascii: "\n") { e += 1 }
                add(.hashes, s, e); i = e; continue
            }
            if b[i] == UInt8(ascii: "="), let (s, e) = number(b, after: i + 1) {
                add(.equals, s, e); i = e; continue
            }
            i += 1
        }
        return out
    }

    /// Marks each mention correct or not against `gold` with the grader's equivalence.
    public static func grade(_ mentions: [AnswerMention], gold: String, grader: Grader = Grader()) -> [AnswerMention] {
        mentions.map { m in var m = m; m.correct = grader.equivalent(gold, m.text); return m }
    }

    // MARK: - Helpers

    static func starts(_ b: [UInt8], _ i: Int, _ pattern: String) -> Bool {
        let p = Array(pattern.utf8)
        guard i + p.count <= b.count else { return false }
        for k in 0..<p.count where ReflectionDetector.lower(b[i + k]) != p[k] { return false }
        return true
    }

    static func containsBoxed(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        var i = s
        while i < e { if starts(b, i, "\\boxed") { return true }; i += 1 }
        return false
    }

    /// The byte range inside the brace group at `from` (after spaces), braces balanced.
    static func braced(_ b: [UInt8], from: Int) -> (Int, Int)? {
        var j = from
        while j < b.count, b[j] == UInt8(ascii: " ") { j += 1 }
        guard j < b.count, b[j] == UInt8(ascii: "{") else { return nil }
        var depth = 0
        for k in j..<b.count {
            if b[k] == UInt8(ascii: "{") { depth += 1 }
            if b[k] == UInt8(ascii: "}") { depth -= 1; if depth == 0 { return (j + 1, k) } }
        }
        return nil
    }

    /// A number right after `=` (spaces and `$` allowed before it): `-12`, `1,234`, `3.5`, `7/9`,
    /// ending the expression (the next non-space byte is not an operator, letter or digit).
    static func number(_ b: [UInt8], after start: Int) -> (Int, Int)? {
        var i = start
        if i < b.count, b[i] == UInt8(ascii: "=") { return nil }   // "=="
        while i < b.count, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "$") { i += 1 }
        let s = i
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        func digits() { while i < b.count, isDigit(b[i]) || (b[i] == UInt8(ascii: ",") && i + 1 < b.count && isDigit(b[i + 1]) && i > digitsStart) { i += 1 } }
        digits()
        guard i > digitsStart else { return nil }
        if i + 1 < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "/"), isDigit(b[i + 1]) { i += 1; digits() }
        let e = i
        while i < b.count, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "$") { i += 1 }
        if i < b.count {
            let c = b[i]
            // A following operator ("= 3 + 4") or a letter right after the digits ("= 5x")
            // continues the expression.
            if "+-*/^(".utf8.contains(c) || starts(b, i, "×") || starts(b, i, "÷") || starts(b, i, "\\times") { return nil }
            if i == e, ReflectionDetector.isWordChar(c) { return nil }
        }
        return (s, e)
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
