// Typed errors of the data layer. Every error that comes from a file names the file, the
// 1-based line and the field, so a user can open the file and fix it.

/// An error raised while reading corpora, benchmark files, caches or lab requests.
public enum DataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file does not exist.
    case fileNotFound(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// A line is not a JSON object.
    case invalidJSON(file: String, line: Int, reason: String)
    /// A required field is absent from a line.
    case missingField(file: String, line: Int, field: String)
    /// A field has the wrong JSON type.
    case wrongType(file: String, line: Int, field: String, expected: String)
    /// A field is present and typed right but its content is unusable (e.g. no `#### n`).
    case malformedField(file: String, line: Int, field: String, reason: String)
    /// The problem format of a file could not be recognised.
    case unknownFormat(file: String, reason: String)
    /// A lab benchmark or corpus name that does not exist.
    case unknownName(name: String, valid: [String])
    /// A caller-supplied argument is out of range (sequence length, weights, fraction, …).
    case invalidArgument(String)
    /// A saved mixture cursor does not fit the mixture it is restored into.
    case cursorMismatch(reason: String)
    /// An index past the end of a collection of sequences or documents.
    case indexOutOfRange(index: Int, count: Int)
    /// The lab could not find enough distinct problems for a request.
    case generationExhausted(name: String, produced: Int, requested: Int)

    public var description: String {
        switch self {
        case .fileNotFound(let p): return "\(p): file not found"
        case .unreadable(let p, let r): return "\(p): cannot read: \(r)"
        case .invalidJSON(let f, let l, let r): return "\(f):\(l): invalid JSON: \(r)"
        case .missingField(let f, let l, let field): return "\(f):\(l): missing field '\(field)'"
        case .wrongType(let f, let l, let field, let e): return "\(f):\(l): field '\(field)' should be \(e)"
        case .malformedField(let f, let l, let field, let r): return "\(f):\(l): field '\(field)': \(r)"
        case .unknownFormat(let f, let r): return "\(f): unknown problem format: \(r)"
        case .unknownName(let n, let v): return "unknown name '\(n)'; valid names: \(v.joined(separator: ", "))"
        case .invalidArgument(let m): return "invalid argument: \(m)"
        case .cursorMismatch(let r): return "mixture cursor does not fit this mixture: \(r)"
        case .indexOutOfRange(let i, let c): return "index \(i) out of range 0..<\(c)"
        case .generationExhausted(let n, let p, let r):
            return "\(n): only \(p) of \(r) distinct problems could be generated"
        }
    }

    /// The file, line and field the error points at, when it comes from a line of a file.
    public var issue: DataIssue? {
        switch self {
        case .invalidJSON(let f, let l, let r): return DataIssue(file: f, line: l, field: nil, message: "invalid JSON: \(r)")
        case .missingField(let f, let l, let field): return DataIssue(file: f, line: l, field: field, message: "missing field")
        case .wrongType(let f, let l, let field, let e): return DataIssue(file: f, line: l, field: field, message: "should be \(e)")
        case .malformedField(let f, let l, let field, let r): return DataIssue(file: f, line: l, field: field, message: r)
        default: return nil
        }
    }
}

/// One bad line found while loading a file with the `.skip` policy.
public struct DataIssue: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The file path as given.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// The field concerned, when one is.
    public var field: String?
    /// What is wrong.
    public var message: String

    public init(file: String, line: Int, field: String?, message: String) {
        self.file = file; self.line = line; self.field = field; self.message = message
    }

    public var description: String {
        if let field { return "\(file):\(line): field '\(field)': \(message)" }
        return "\(file):\(line): \(message)"
    }
}

/// What to do with a bad line: skip it and note it in the report, or stop with its error.
public enum BadLinePolicy: String, Codable, Sendable {
    case skip
    case fail
}

/// The outcome of reading a jsonl file: how many lines were read and kept, and which were bad.
public struct LoadReport: Codable, Equatable, Sendable {
    /// The file path as given.
    public var file: String
    /// Non-blank lines seen.
    public var linesRead: Int = 0
    /// Lines turned into records.
    public var accepted: Int = 0
    /// Lines skipped, with their location and reason.
    public var issues: [DataIssue] = []

    public init(file: String) { self.file = file }
}
