// Errors raised while reading or writing Hugging Face model files: safetensors weights,
// config.json and the folder around them. Every case names the file, and where it applies
// the tensor or JSON key, so that a user can find what is wrong with the input.

/// A typed error about a model file (safetensors, config.json, an HF folder).
///
/// `file` is the path as given by the caller (or the file name inside a folder).
public enum ModelFileError: Error, CustomStringConvertible, Equatable, Sendable {
    // MARK: - Files and folders
    /// A file or folder that should exist does not.
    case fileNotFound(file: String)
    /// The operating system refused an operation (open, mmap, write, rename, …).
    case ioFailed(file: String, operation: String, reason: String)
    /// A folder has neither `model.safetensors` nor `model.safetensors.index.json`.
    case noWeights(folder: String)

    // MARK: - safetensors
    /// The file is shorter than its 8-byte header length prefix.
    case truncated(file: String, size: Int)
    /// The header length prefix points past the end of the file (or is absurdly large).
    case headerLengthPastEnd(file: String, headerLength: UInt64, fileSize: Int)
    /// The header is not a JSON object (or not UTF-8).
    case badHeader(file: String, reason: String)
    /// A header entry lacks a field or has one of the wrong type.
    case badTensorEntry(file: String, tensor: String, reason: String)
    /// A tensor's dtype is not one octorepl reads.
    case unsupportedDType(file: String, tensor: String, dtype: String)
    /// `data_offsets` are reversed or reach past the end of the data area.
    case offsetsOutOfRange(file: String, tensor: String, begin: Int, end: Int, dataSize: Int)
    /// Two tensors share bytes of the data area.
    case overlappingTensors(file: String, tensor: String, other: String)
    /// The byte size of a tensor differs from product(shape) * dtype size.
    case sizeMismatch(file: String, tensor: String, shape: [Int], dtype: String,
                      expectedBytes: Int, actualBytes: Int)
    /// A requested tensor is not in the file (or checkpoint).
    case tensorNotFound(file: String, tensor: String)
    /// A shard named in `model.safetensors.index.json` is missing or lacks a tensor it should hold.
    case missingShard(file: String, shard: String, tensor: String)
    /// A caller buffer does not have the tensor's element count.
    case countMismatch(file: String, tensor: String, expected: Int, actual: Int)
    /// A tensor handed to the writer is inconsistent (shape vs data, duplicate or empty name).
    case badTensorForWriting(file: String, tensor: String, reason: String)

    // MARK: - config.json
    /// The config file is not valid JSON or not an object.
    case badConfig(file: String, reason: String)
    /// A required field is absent.
    case missingField(file: String, field: String)
    /// A field has the wrong JSON type or an impossible value.
    case invalidField(file: String, field: String, reason: String)
    /// A field has a value octorepl does not support; `allowed` lists what it does.
    case unsupportedValue(file: String, field: String, value: String, allowed: [String])
    /// `architectures` / `model_type` name a model family octorepl does not implement.
    case unknownArchitecture(file: String, value: String, allowed: [String])

    /// The same error, with its `file` replaced (used once the path is known).
    public func inFile(_ path: String) -> ModelFileError {
        switch self {
        case .fileNotFound: return .fileNotFound(file: path)
        case let .ioFailed(_, op, reason): return .ioFailed(file: path, operation: op, reason: reason)
        case .noWeights: return .noWeights(folder: path)
        case let .truncated(_, size): return .truncated(file: path, size: size)
        case let .headerLengthPastEnd(_, n, size):
            return .headerLengthPastEnd(file: path, headerLength: n, fileSize: size)
        case let .badHeader(_, reason): return .badHeader(file: path, reason: reason)
        case let .badTensorEntry(_, t, reason): return .badTensorEntry(file: path, tensor: t, reason: reason)
        case let .unsupportedDType(_, t, d): return .unsupportedDType(file: path, tensor: t, dtype: d)
        case let .offsetsOutOfRange(_, t, b, e, s):
            return .offsetsOutOfRange(file: path, tensor: t, begin: b, end: e, dataSize: s)
        case let .overlappingTensors(_, t, o): return .overlappingTensors(file: path, tensor: t, other: o)
        case let .sizeMismatch(_, t, shape, d, e, a):
            return .sizeMismatch(file: path, tensor: t, shape: shape, dtype: d, expectedBytes: e, actualBytes: a)
        case let .tensorNotFound(_, t): return .tensorNotFound(file: path, tensor: t)
        case let .missingShard(_, s, t): return .missingShard(file: path, shard: s, tensor: t)
        case let .countMismatch(_, t, e, a): return .countMismatch(file: path, tensor: t, expected: e, actual: a)
        case let .badTensorForWriting(_, t, r): return .badTensorForWriting(file: path, tensor: t, reason: r)
        case let .badConfig(_, reason): return .badConfig(file: path, reason: reason)
        case let .missingField(_, f): return .missingField(file: path, field: f)
        case let .invalidField(_, f, r): return .invalidField(file: path, field: f, reason: r)
        case let .unsupportedValue(_, f, v, a): return .unsupportedValue(file: path, field: f, value: v, allowed: a)
        case let .unknownArchitecture(_, v, a): return .unknownArchitecture(file: path, value: v, allowed: a)
        }
    }

    public var description: String {
        switch self {
        case let .fileNotFound(file): return "\(file): no such file or folder"
        case let .ioFailed(file, op, reason): return "\(file): \(op) failed: \(reason)"
        case let .noWeights(folder):
            return "\(folder): no model.safetensors or model.safetensors.index.json in this folder"
        case let .truncated(file, size):
            return "\(file): truncated safetensors file (\(size) bytes, need at least 8 for the header length)"
        case let .headerLengthPastEnd(file, n, size):
            return "\(file): header length \(n) reaches past the end of the file (\(size) bytes); file truncated or not safetensors"
        case let .badHeader(file, reason): return "\(file): bad safetensors header: \(reason)"
        case let .badTensorEntry(file, t, reason): return "\(file): tensor '\(t)': \(reason)"
        case let .unsupportedDType(file, t, d):
            return "\(file): tensor '\(t)' has dtype \(d); supported: \(SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .offsetsOutOfRange(file, t, b, e, s):
            return "\(file): tensor '\(t)' has data_offsets [\(b), \(e)] outside the data area of \(s) bytes"
        case let .overlappingTensors(file, t, o):
            return "\(file): tensor '\(t)' overlaps tensor '\(o)' in the data area"
        case let .sizeMismatch(file, t, shape, d, e, a):
            return "\(file): tensor '\(t)' of shape \(shape) and dtype \(d) needs \(e) bytes but its data_offsets span \(a)"
        case let .tensorNotFound(file, t): return "\(file): no tensor named '\(t)'"
        case let .missingShard(file, s, t):
            return "\(file): shard '\(s)' (holding tensor '\(t)') is missing or does not contain that tensor"
        case let .countMismatch(file, t, e, a):
            return "\(file): tensor '\(t)' has \(e) elements but the buffer holds \(a)"
        case let .badTensorForWriting(file, t, r): return "\(file): cannot write tensor '\(t)': \(r)"
        case let .badConfig(file, reason): return "\(file): bad config: \(reason)"
        case let .missingField(file, f): return "\(file): missing required field '\(f)'"
        case let .invalidField(file, f, r): return "\(file): field '\(f)': \(r)"
        case let .unsupportedValue(file, f, v, a):
            return "\(file): field '\(f)' is \(v); supported: \(a.joined(separator: ", "))"
        case let .unknownArchitecture(file, v, a):
            return "\(file): unknown architecture '\(v)'; supported: \(a.joined(separator: ", "))"
        }
    }
}
