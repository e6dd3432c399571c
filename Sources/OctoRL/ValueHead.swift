// The PPO critic: a linear head v = w·h + b on the policy's final hidden states. The hidden
// states are detached, so the critic is a probe on the policy's features and its loss never
// moves the policy (verl trains a separate critic model; this is the toy-scale stand-in).
import OctoTensor
import OctoModel

/// A scalar value head over hidden states of width `hiddenSize`.
public final class ValueHead {
    /// `value_head.weight` [1, C] and `value_head.bias` [1], zero-initialised.
    public let params: ParameterStore

    public init(hiddenSize: Int) {
        params = ParameterStore()
        params.set("value_head.weight", Tensor(zeros: [1, hiddenSize]))
        params.set("value_head.bias", Tensor(zeros: [1]))
    }

    /// Wraps saved parameters.
    /// - Throws: `RLError.badCheckpoint` when a tensor is missing or misshaped.
    public init(params: ParameterStore, hiddenSize: Int) throws {
        guard params["value_head.weight"]?.shape == [1, hiddenSize], params["value_head.bias"]?.shape == [1] else {
            throw RLError.badCheckpoint(file: "critic.safetensors", reason: "value_head.weight [1, \(hiddenSize)] and value_head.bias [1] expected")
        }
        self.params = params
    }

    /// Values [N, 1] of hidden states [N, C] (gradients reach only the head).
    public func callAsFunction(_ hidden: Tensor) throws -> Tensor {
        try linear(hidden.detach(), params.get("value_head.weight"), bias: params.get("value_head.bias"))
    }
}
