// GGUFError: everything that can go wrong reading a .gguf file. Every case names the file
// and, where it applies, the byte offset, metadata key or tensor.

/// A typed error from the GGUF reader.
public enum GGUFError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened, stat'ed or mapped.
    case io(file: String, operation: String, reason: String)
    /// The first four bytes are not "GGUF".
    case notGGUF(file: String)
    /// A GGUF version other than 2 and 3.
    case unsupportedVersion(file: String, version: UInt32)
    /// A read ran past the end of the file (header, metadata or tensor table).
    case truncated(file: String, offset: Int, needed: Int, fileSize: Int, what: String)
    /// A value that cannot be right (negative count, unknown value type, bad UTF-8, ...).
    case malformed(file: String, offset: Int, reason: String)
    /// A tensor whose data lies outside the file, or whose entry is inconsistent.
    case badTensor(file: String, tensor: String, reason: String)
    /// A tensor type this reader does not dequantise.
    case unsupportedTensorType(file: String, tensor: String, type: String, supported: [String])
    /// A required metadata key is absent or has the wrong type.
    case missingKey(file: String, key: String, expected: String)
    /// An architecture, tokenizer model or pre-tokenizer this reader does not map.
    case unsupported(file: String, key: String, value: String, supported: [String])
    /// A tensor the architecture needs is absent, or has the wrong shape.
    case missingTensor(file: String, tensor: String)

    public var description: String {
        switch self {
        case let .io(file, op, reason): return "\(file): cannot \(op): \(reason)"
        case let .notGGUF(file): return "\(file): not a GGUF file (no 'GGUF' magic at offset 0)"
        case let .unsupportedVersion(file, v): return "\(file): GGUF version \(v) is not supported (2 and 3 are)"
        case let .truncated(file, offset, needed, size, what):
            return "\(file): truncated: \(what) at offset \(offset) needs \(needed) bytes but the file has \(size)"
        case let .malformed(file, offset, reason): return "\(file): offset \(offset): \(reason)"
        case let .badTensor(file, t, reason): return "\(file): tensor '\(t)': \(reason)"
        case let .unsupportedTensorType(file, t, type, supported):
            return "\(file): tensor '\(t)' has type \(type); supported: \(supported.joined(separator: ", "))"
        case let .missingKey(file, key, expected): return "\(file): metadata '\(key)' missing or not \(expected)"
        case let .unsupported(file, key, value, supported):
            return "\(file): unsupported \(key) '\(value)'; supported: \(supported.joined(separator: ", "))"
        case let .missingTensor(file, t): return "\(file): tensor '\(t)' missing"
        }
    }
}
