// Outcome advantages shared by every token of a response, computed within each prompt's group.
// GRPO (DeepSeekMath): A = (r − mean_g) / (std_g + eps). Dr.GRPO ("Understanding R1-Zero-like
// training", Liu et al. 2025): A = r − mean_g, no division by the std.
//
// Port of verl's `compute_grpo_outcome_advantage` (verl/trainer/ppo/core_algos.py): the std is
// torch.std, i.e. the UNBIASED sample std (divide by n − 1), eps = 1e-6, and a group of one
// response gets mean 0 and std 1 (its advantage is its reward).
import Foundation

/// Group-relative (GRPO / Dr.GRPO) advantages.
public enum GroupAdvantage {
    /// Advantages for `rewards` laid out group after group (`groupSize` consecutive rewards per
    /// prompt). With `normalizeByStd` false this is Dr.GRPO's mean-centred reward.
    /// - Throws: `RLError.invalidInput` when the count is not a multiple of `groupSize`.
    public static func compute(rewards: [Double], groupSize: Int, normalizeByStd: Bool = true,
                               eps: Double = 1e-6) throws -> [Double] {
        guard groupSize >= 1, rewards.count % groupSize == 0 else {
            throw RLError.invalidInput("\(rewards.count) rewards do not split into groups of \(groupSize)")
        }
        var out = [Double](repeating: 0, count: rewards.count)
        for g in stride(from: 0, to: rewards.count, by: groupSize) {
            let r = rewards[g..<(g + groupSize)]
            let (mean, std) = groupSize == 1 ? (0.0, 1.0) : meanAndUnbiasedStd(r)
            for i in r.indices { out[i] = normalizeByStd ? (rewards[i] - mean) / (std + eps) : rewards[i] - mean }
        }
        return out
    }

    /// GRPO advantages (std-normalised).
    public static func grpo(rewards: [Double], groupSize: Int, eps: Double = 1e-6) throws -> [Double] {
        try compute(rewards: rewards, groupSize: groupSize, normalizeByStd: true, eps: eps)
    }

    /// Dr.GRPO advantages (mean-centred only).
    public static func drGRPO(rewards: [Double], groupSize: Int) throws -> [Double] {
        try compute(rewards: rewards, groupSize: groupSize, normalizeByStd: false)
    }

    /// Mean and the unbiased (n − 1) standard deviation, as torch.mean / torch.std.
    static func meanAndUnbiasedStd<C: Collection>(_ x: C) -> (Double, Double) where C.Element == Double {
        let n = Double(x.count)
        guard n > 0 else { return (0, 0) }
        let mean = x.reduce(0, +) / n
        guard n > 1 else { return (mean, 0) }
        let ss = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, (ss / (n - 1)).squareRoot())
    }
}
