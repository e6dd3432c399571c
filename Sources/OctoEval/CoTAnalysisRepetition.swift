// Repetition in a chain of thought: loops (a block of words repeated back to back, as when a
// model at the length limit says "Wait, let me check." over and over) and the share of
// repeated word n-grams.

/// A block of `period` words repeated back to back `repeats` times.
public struct RepetitionLoop: Sendable, Equatable {
    /// Index of the loop's first word, and its UTF-8 byte offset in the text.
    public var startWord: Int
    public var offset: Int
    /// Token holding the loop's first byte, when token lengths are known.
    public var token: Int?
    /// Words in one repetition of the block.
    public var period: Int
    /// How many times the block occurs in a row (the last may be cut short: `coveredWords`
    /// counts exactly).
    public var repeats: Int
    /// Words from the loop's start to the end of its last (possibly partial) repetition.
    public var coveredWords: Int
    /// The repeated block's text (its first occurrence, words joined by single spaces).
    public var block: String

    public init(startWord: Int, offset: Int, token: Int? = nil, period: Int, repeats: Int, coveredWords: Int, block: String) {
        self.startWord = startWord; self.offset = offset; self.token = token; self.period = period
        self.repeats = repeats; self.coveredWords = coveredWords; self.block = block
    }
}

/// Finds loops of repeated word blocks and measures n-gram repetition.
///
/// Words are maximal runs of non-space bytes, compared case-insensitively (ASCII), punctuation
/// included ("check." and "check," differ). A block of `period` words that recurs at once is a
/// loop when it occurs at least `minRepeats` times covering at least `minWords` words, or, for a
/// long passage (`period ≥ longPassage` words), at least twice.
public struct RepetitionDetector: Sendable {
    public var minRepeats: Int
    public var minWords: Int
    public var longPassage: Int
    public var maxPeriod: Int

    public init(minRepeats: Int = 3, minWords: Int = 12, longPassage: Int = 16, maxPeriod: Int = 64) {
        self.minRepeats = max(2, minRepeats); self.minWords = max(1, minWords)
        self.longPassage = max(1, longPassage); self.maxPeriod = max(1, maxPeriod)
    }

    /// The words of `text` with their byte offsets.
    public static func words(_ text: String) -> [(word: String, offset: Int)] {
        let b = Array(text.utf8)
        var out: [(String, Int)] = []
        var i = 0
        while i < b.count {
            while i < b.count, CoTSteps.isSpace(b[i]) { i += 1 }
            let s = i
            while i < b.count, !CoTSteps.isSpace(b[i]) { i += 1 }
            if i > s { out.append((String(decoding: b[s..<i].map(ReflectionDetector.lower), as: UTF8.self), s)) }
        }
        return out
    }

    /// The loops of `text`, in order of position, not overlapping. Where loops compete, the one
    /// covering more words wins, then the shorter period (so "a b a b a b" has period 2, not 4).
    public func loops(in text: String, tokens: TokenOffsets? = nil) -> [RepetitionLoop] {
        let words = Self.words(text)
        var ids: [String: Int] = [:]
        let w = words.map { pair -> Int in
            if let id = ids[pair.word] { return id }
            ids[pair.word] = ids.count
            return ids.count - 1
        }
        let n = w.count
        var candidates: [(start: Int, period: Int, covered: Int)] = []
        if n >= 2 {
            for p in 1...min(maxPeriod, n / 2) {
                var run = 0
                func flush(_ end: Int) {   // positions end-run ..< end matched their p-th successor
                    guard run > 0 else { return }
                    let covered = run + p, repeats = covered / p
                    if (repeats >= minRepeats && covered >= minWords) || (p >= longPassage && repeats >= 2) {
                        candidates.append((end - run, p, covered))
                    }
                    run = 0
                }
                for j in 0..<(n - p) {
                    if w[j] == w[j + p] { run += 1 } else { flush(j) }
                }
                flush(n - p)
            }
        }
        candidates.sort { ($0.covered, -$0.period, -$0.start) > ($1.covered, -$1.period, -$1.start) }
        var taken: [(Int, Int)] = []
        var loops: [RepetitionLoop] = []
        for c in candidates {
            let range = (c.start, c.start + c.covered)
            if taken.contains(where: { $0.0 < range.1 && range.0 < $0.1 }) { continue }
            taken.append(range)
            let offset = words[c.start].offset
            loops.append(RepetitionLoop(startWord: c.start, offset: offset, token: tokens?.token(atByte: offset), period: c.period,
                                        repeats: c.covered / c.period, coveredWords: c.covered,
                                        block: words[c.start..<(c.start + c.period)].map(\.word).joined(separator: " ")))
        }
        return loops.sorted { $0.startWord < $1.startWord }
    }

    /// The share of word `n`-grams that repeat an earlier one: 1 − unique / total (0 when the
    /// text has fewer than `n` words). "rep-n" of the degeneration literature.
    public static func ngramRepetition(_ text: String, n: Int = 4) -> Double {
        let words = Self.words(text).map(\.word)
        guard n >= 1, words.count >= n else { return 0 }
        let total = words.count - n + 1
        var seen = Set<[String]>()
        for i in 0..<total { seen.insert(Array(words[i..<(i + n)])) }
        return 1 - Double(seen.count) / Double(total)
    }
}
