// TokenizerError: everything that can go wrong loading, training or writing a tokenizer.
// Every case names the file (or "<training>") and, where there is one, the JSON field.

/// A typed error from OctoTokenizer. `description` names the file and the field.
public enum TokenizerError: Error, CustomStringConvertible, Equatable {
    /// The file or folder does not exist, or the folder has no tokenizer.json.
    case fileNotFound(path: String)
    /// The file exists but could not be read.
    case unreadable(file: String, reason: String)
    /// The bytes are not valid JSON (line and column are 1-based).
    case malformedJSON(file: String, line: Int, column: Int, reason: String)
    /// A required field is absent (`field` is a path such as `model.vocab`).
    case missingField(file: String, field: String)
    /// A field has the wrong JSON type.
    case wrongType(file: String, field: String, expected: String)
    /// A field holds a value this implementation does not support (another model type,
    /// an unknown pre-tokenizer regex, ...).
    case unsupported(file: String, field: String, value: String)
    /// A merge names a token that is not in the vocabulary, or whose result is not in it.
    case badMerge(file: String, index: Int, merge: String, reason: String)
    /// The vocabulary or added tokens are inconsistent (negative or duplicate ids, ...).
    case invalidVocab(file: String, field: String, reason: String)
    /// Training arguments that cannot work (vocab size too small, no text, ...).
    case training(reason: String)
    /// Writing a file failed.
    case writeFailed(file: String, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "tokenizer: \(path): not found (expected a tokenizer.json file or a folder holding one)"
        case .unreadable(let file, let reason):
            return "tokenizer: \(file): cannot read: \(reason)"
        case .malformedJSON(let file, let line, let column, let reason):
            return "tokenizer: \(file):\(line):\(column): malformed JSON: \(reason)"
        case .missingField(let file, let field):
            return "tokenizer: \(file): missing field `\(field)`"
        case .wrongType(let file, let field, let expected):
            return "tokenizer: \(file): field `\(field)` should be \(expected)"
        case .unsupported(let file, let field, let value):
            return "tokenizer: \(file): unsupported `\(field)`: \(value)"
        case .badMerge(let file, let index, let merge, let reason):
            return "tokenizer: \(file): model.merges[\(index)] `\(merge)`: \(reason)"
        case .invalidVocab(let file, let field, let reason):
            return "tokenizer: \(file): `\(field)`: \(reason)"
        case .training(let reason):
            return "tokenizer training: \(reason)"
        case .writeFailed(let file, let reason):
            return "tokenizer: cannot write \(file): \(reason)"
        }
    }
}
