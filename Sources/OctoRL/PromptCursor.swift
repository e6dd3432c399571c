// Where the run is in its prompt set: epoch after epoch, each a seeded permutation.
import OctoTensor
import OctoBase

/// The position in an endless sequence of seeded permutations of the prompts.
public struct PromptCursor: Codable, Equatable, Sendable {
    public var epoch = 0
    public var position = 0

    public init(epoch: Int = 0, position: Int = 0) { self.epoch = epoch; self.position = position }

    /// The order of `count` prompts in `epoch` (Fisher–Yates from `root.split("prompt-order/<epoch>")`).
    public static func order(count: Int, epoch: Int, root: RNG) -> [Int] {
        var rng = root.split("prompt-order/\(epoch)")
        var idx = Array(0..<count)
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) { idx.swapAt(i, rng.int(below: i + 1)) }
        }
        return idx
    }

    /// The next `n` prompt indices, moving the cursor (epochs roll over).
    public mutating func take(_ n: Int, count: Int, root: RNG) -> [Int] {
        guard count > 0 else { return [] }
        var out: [Int] = []
        var order = PromptCursor.order(count: count, epoch: epoch, root: root)
        while out.count < n {
            if position >= count {
                epoch += 1; position = 0
                order = PromptCursor.order(count: count, epoch: epoch, root: root)
            }
            out.append(order[position]); position += 1
        }
        return out
    }
}
