// Picking a word from the lab's constant word lists with the seeded generator.
import OctoBase

extension RNG {
    /// A uniformly chosen element of a non-empty array. Internal: only the lab's constant,
    /// never-empty word lists go through it.
    mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(max(1, items.count)))]
    }
}
