// The error of a checkpoint that fails verification: which file, which field, and why.
import Foundation

/// A checkpoint file that is missing, corrupted, or does not fit the model or run it is
/// loaded for. `field` names the JSON field or tensor (nil when the whole file is at fault).
public struct CheckpointError: Error, Equatable, CustomStringConvertible, Sendable {
    public let file: String
    public let field: String?
    public let reason: String

    public init(file: String, field: String? = nil, reason: String) {
        self.file = file; self.field = field; self.reason = reason
    }

    public var description: String {
        if let field { return "checkpoint \(file): \(field): \(reason)" }
        return "checkpoint \(file): \(reason)"
    }
}
