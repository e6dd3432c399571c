// The rollouts of one RL step, group after group, with filters for inspection.

/// All responses of one step: `group` consecutive rollouts per prompt.
public struct RolloutBatch: Codable, Equatable, Sendable {
    public var step: Int
    public var group: Int
    public var rollouts: [Rollout]

    public init(step: Int, group: Int, rollouts: [Rollout]) {
        self.step = step; self.group = group; self.rollouts = rollouts
    }

    public var count: Int { rollouts.count }
    /// Number of prompts.
    public var prompts: Int { group > 0 ? rollouts.count / group : 0 }

    /// The responses to prompt `i` of the batch (in 0..<prompts), or [] when out of range.
    public func group(_ i: Int) -> [Rollout] {
        guard i >= 0, i < prompts else { return [] }
        return Array(rollouts[(i * group)..<((i + 1) * group)])
    }

    public func filter(_ keep: (Rollout) -> Bool) -> [Rollout] { rollouts.filter(keep) }
    public var correct: [Rollout] { filter { $0.correct } }
    public var incorrect: [Rollout] { filter { !$0.correct } }
    public var truncated: [Rollout] { filter { $0.truncated } }
    /// Rollouts without an extracted answer.
    public var unanswered: [Rollout] { filter { $0.answer == nil } }
    /// Groups whose rewards are all equal (zero GRPO advantage: no learning signal).
    public var degenerateGroups: [Int] {
        (0..<prompts).filter { i in Set(group(i).map(\.reward)).count <= 1 }
    }
    public var meanReward: Double { rollouts.isEmpty ? 0 : rollouts.map(\.reward).reduce(0, +) / Double(rollouts.count) }
    public var accuracy: Double { rollouts.isEmpty ? 0 : Double(correct.count) / Double(rollouts.count) }
}
