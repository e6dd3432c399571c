// Typed errors of the tensor engine: every shape error names both shapes.

/// An error from a tensor operation. Shape errors name the operation and both shapes.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    case shapeMismatch(op: String, lhs: [Int], rhs: [Int])
    case invalidShape(op: String, shape: [Int], reason: String)
    case indexOutOfRange(op: String, index: Int, bound: Int)
    case invalidArgument(op: String, reason: String)
    case noGradient(reason: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, lhs, rhs):
            return "\(op): shapes \(lhs) and \(rhs) do not match"
        case let .invalidShape(op, shape, reason):
            return "\(op): shape \(shape) is invalid: \(reason)"
        case let .indexOutOfRange(op, index, bound):
            return "\(op): index \(index) is out of range 0..<\(bound)"
        case let .invalidArgument(op, reason):
            return "\(op): \(reason)"
        case let .noGradient(reason):
            return "backward: \(reason)"
        }
    }
}
