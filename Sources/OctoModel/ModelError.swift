// Errors of the model layer that are not about a file's format (config.json errors are
// ModelFileError, whether the config came from a file or was made by hand).

/// Errors of the model layer that are not about files.
public enum ModelError: Error, CustomStringConvertible {
    /// Weights that do not fit the config (a non-finite value, a tensor the config does not use).
    case invalidWeights(String)
    case missingParameter(String)
    case parameterShape(name: String, expected: [Int], got: [Int])
    case badTokens(String)
    case invalidArgument(String)
    /// More memory asked (bytes) than is available.
    case outOfMemory(what: String, asked: Double, available: Double)

    public var description: String {
        switch self {
        case let .outOfMemory(what, asked, available):
            return "not enough memory: \(what) needs about \(MemoryBudget.describe(asked)), "
                + "\(MemoryBudget.describe(available)) is available"
        case .invalidWeights(let s): return "invalid model weights: \(s)"
        case .missingParameter(let n): return "missing parameter '\(n)'"
        case let .parameterShape(n, e, g): return "parameter '\(n)' has shape \(g), expected \(e)"
        case .badTokens(let s): return "bad token ids: \(s)"
        case .invalidArgument(let s): return s
        }
    }
}
