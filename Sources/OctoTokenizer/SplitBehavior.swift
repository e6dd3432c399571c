// SplitBehavior: what HF's `NormalizedString::split` does with the matches of a pattern
// (`SplitDelimiterBehavior`). The text is first cut into alternating (range, isMatch)
// segments; `invert` swaps which are matches; then:
//   Removed            drops the matches,
//   Isolated           keeps every segment as its own piece,
//   MergedWithPrevious appends each match to the piece before it,
//   MergedWithNext     prepends each match to the piece after it,
//   Contiguous         joins runs of adjacent matches (and of non-matches) into one piece.

/// `behavior` of a Split pre-tokenizer.
enum SplitBehavior: String, Sendable {
    case removed = "Removed", isolated = "Isolated", mergedWithPrevious = "MergedWithPrevious"
    case mergedWithNext = "MergedWithNext", contiguous = "Contiguous"

    /// The pieces (non-empty byte ranges of a text of `count` bytes) for matches `found`.
    func pieces(count: Int, matches found: [Range<Int>], invert: Bool) -> [Range<Int>] {
        var segments: [(Range<Int>, Bool)] = []
        var prev = 0
        for r in found where !r.isEmpty {
            if prev < r.lowerBound { segments.append((prev..<r.lowerBound, invert)) }
            segments.append((r, !invert))
            prev = r.upperBound
        }
        if prev < count { segments.append((prev..<count, invert)) }

        var out: [Range<Int>] = []
        switch self {
        case .removed:
            out = segments.filter { !$0.1 }.map(\.0)
        case .isolated:
            out = segments.map(\.0)
        case .contiguous:
            var previous = false
            for (r, isMatch) in segments {
                if isMatch == previous, let last = out.last { out[out.count - 1] = last.lowerBound..<r.upperBound } else { out.append(r) }
                previous = isMatch
            }
        case .mergedWithPrevious:
            var previous = false
            for (r, isMatch) in segments {
                if isMatch && !previous, let last = out.last { out[out.count - 1] = last.lowerBound..<r.upperBound } else { out.append(r) }
                previous = isMatch
            }
        case .mergedWithNext:
            var previous = false
            for (r, isMatch) in segments.reversed() {
                if isMatch && !previous, let last = out.last { out[out.count - 1] = r.lowerBound..<last.upperBound } else { out.append(r) }
                previous = isMatch
            }
            out.reverse()
        }
        return out.filter { !$0.isEmpty }
    }
}
