// Random tensors drawn from the project's seeded generator (`RNG`, in OctoBase).
import OctoBase

extension Tensor {
    /// A tensor of N(mean, std²) draws from `rng`.
    public static func randn(_ shape: [Int], std: Float = 1, mean: Float = 0, rng: inout RNG) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.data[i] = mean + std * rng.normal() }
        return t
    }

    /// A tensor of U[low, high) draws from `rng`.
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, rng: inout RNG) -> Tensor {
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t.data[i] = low + (high - low) * rng.uniform() }
        return t
    }
}
