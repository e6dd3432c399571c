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

    public var description: String {
        switch self {
        case let .invalidConfig(field, reason): return "RL config `\(field)`: \(reason)"
        case let .invalidInput(why): return "RL: \(why)"
        case let .badCheckpoint(file, reason): return "RL checkpoint \(file): \(reason)"
        case let .ioFailed(file, reason): return "RL: cannot write \(file): \(reason)"
        }
    }
}
