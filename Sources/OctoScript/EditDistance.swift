// Did-you-mean suggestions: the closest known name by Levenshtein distance.

/// Levenshtein distance between two strings (by characters).
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[y.count]
}

/// The candidate closest to `name` when it is close enough to be a plausible typo.
public func closestName(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, min(3, name.count / 3 + 1))
    var best: (String, Int)? = nil
    for c in candidates where c != name {
        if abs(c.count - name.count) > limit { continue }
        let d = editDistance(name.lowercased(), c.lowercased())
        if d <= limit, best == nil || d < (best?.1 ?? Int.max) || (d == best?.1 && c < (best?.0 ?? "")) { best = (c, d) }
    }
    return best?.0
}
