// Typed errors of the RL engine: each names the field, file or step that is wrong.
import Foundation

/// What went wrong in an RL run, with what the user needs to fix it.
public enum RLError: Error, CustomStringConvertible {
    /// A configuration value is out of range (`field` is the RLConfig name).
    case invalidConfig(field: String, reason: String)
    /// The run has nothing to do (no prompts, no tokenizer, …).
    case invalidInput(String)
    /// A checkpoint file is missing or malformed.
    case badCheckpoint(file: String, reason: String)
    /// Writing an export or checkpoint failed.
    case ioFailed(file: String, reason: String)
    /// Update `update` (of `updates`) of step `step` had a non-finite loss or gradient norm;
    /// the step was undone (weights, value head and optimizers as before it).
    case nonFinite(step: Int, update: Int, updates: Int, loss: Double, gradNorm: Double)

    public var description: String {
        switch self {
        case let .invalidConfig(field, reason): return "RL config `\(field)`: \(reason)"
        case let .invalidInput(why): return "RL: \(why)"
        case let .badCheckpoint(file, reason): return "RL checkpoint \(file): \(reason)"
        case let .ioFailed(file, reason): return "RL: cannot write \(file): \(reason)"
        case let .nonFinite(step, update, updates, loss, norm):
            return "RL: step \(step), update \(update) of \(updates): loss \(loss), gradient norm \(norm) is not finite; "
                + "stopped with the policy, value head and optimizers as before step \(step)"
                + (update > 1 ? " (the step's earlier \(update - 1) update\(update == 2 ? "" : "s") undone)" : "")
        }
    }
}
