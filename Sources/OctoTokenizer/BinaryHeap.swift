// A binary heap over any element that knows its own order (used for BPE merges by rank
// when encoding, and pair counts when training).

/// An element ordering for `BinaryHeap`: `before(x, y)` is true when x comes out first.
protocol HeapOrdered {
    static func before(_ x: Self, _ y: Self) -> Bool
}

/// A binary heap; `pop` returns the element that comes first under `Element.before`.
struct BinaryHeap<Element: HeapOrdered> {
    private var items: [Element] = []

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ e: Element) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Element.before(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Element? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if items.isEmpty { return top }
        items[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < items.count && Element.before(items[l], items[best]) { best = l }
            if r < items.count && Element.before(items[r], items[best]) { best = r }
            if best == i { break }
            items.swapAt(i, best)
            i = best
        }
        return top
    }
}
