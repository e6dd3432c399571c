// A Hugging Face model folder on disk: where its files are, and how to write one atomically.
// File names follow transformers' `save_pretrained` (config.json, generation_config.json,
// model.safetensors or model.safetensors.index.json + shards, tokenizer.json,
// tokenizer_config.json).
import Foundation
import OctoBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths inside a Hugging Face model folder, and atomic folder writing.
public struct HFFolder: Sendable {
    /// How a folder stores its weights.
    public enum WeightsLayout: Equatable, Sendable {
        /// One `model.safetensors`.
        case single(URL)
        /// Shards listed by `model.safetensors.index.json` (the URL of the index).
        case sharded(index: URL)
    }

    /// The folder.
    public let url: URL

    /// A folder at `url` (nothing is checked until a file is asked for).
    public init(_ url: URL) { self.url = url }

    // MARK: - Files

    /// `config.json`.
    public var configURL: URL { url.appendingPathComponent("config.json") }
    /// `generation_config.json`.
    public var generationConfigURL: URL { url.appendingPathComponent("generation_config.json") }
    /// `model.safetensors` (single-file weights).
    public var weightsURL: URL { url.appendingPathComponent("model.safetensors") }
    /// `model.safetensors.index.json` (sharded weights).
    public var weightsIndexURL: URL { url.appendingPathComponent("model.safetensors.index.json") }
    /// `tokenizer.json`.
    public var tokenizerURL: URL { url.appendingPathComponent("tokenizer.json") }
    /// `tokenizer_config.json`.
    public var tokenizerConfigURL: URL { url.appendingPathComponent("tokenizer_config.json") }

    /// The URL of file `name` in the folder if it exists, else nil.
    public func existingFile(_ name: String) -> URL? {
        let file = url.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    /// The URL of file `name` in the folder.
    /// - Throws: `ModelFileError.fileNotFound` naming the full path when it is absent.
    public func requireFile(_ name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw ModelFileError.fileNotFound(file: file.path)
        }
        return file
    }

    /// Where the weights are: the index (sharded) wins over `model.safetensors`, as in transformers.
    /// - Throws: `ModelFileError.fileNotFound` if the folder is absent, `.noWeights` if neither file is there.
    public func weightsLayout() throws -> WeightsLayout {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelFileError.fileNotFound(file: url.path)
        }
        if let index = existingFile("model.safetensors.index.json") { return .sharded(index: index) }
        if let single = existingFile("model.safetensors") { return .single(single) }
        throw ModelFileError.noWeights(folder: url.path)
    }

    // MARK: - Saving a model

    /// Writes a complete model folder at `final`, atomically (see `writeAtomically`):
    /// config.json and generation_config.json from `config` (with `torch_dtype` set to match
    /// `dtype`), model.safetensors from `weights`, and each of `files` (e.g. "tokenizer.json",
    /// "tokenizer_config.json") verbatim. transformers' `from_pretrained` loads the result.
    /// With tied embeddings the caller leaves `lm_head.weight` out of `weights`, as HF does.
    /// - Throws: `ModelFileError` from the writers (bad tensor, I/O).
    public static func writeModel(to final: URL, config: ModelConfig, weights: [SafetensorsWriter.Entry],
                                  dtype: SafetensorsDType = .f32, files: [String: Data] = [:]) throws {
        var config = config
        switch dtype {
        case .f32: config.torchDtype = "float32"
        case .bf16: config.torchDtype = "bfloat16"
        case .f16: config.torchDtype = "float16"
        }
        try writeAtomically(to: final) { temp in
            try config.write(to: temp)
            try SafetensorsWriter.write(entries: weights, dtype: dtype,
                                        to: temp.appendingPathComponent("model.safetensors"))
            for (name, data) in files.sorted(by: { $0.key < $1.key }) {
                guard !name.isEmpty, !name.contains("/") else {
                    throw ModelFileError.ioFailed(file: name, operation: "write", reason: "not a plain file name")
                }
                try writeFileAtomically(data, to: temp.appendingPathComponent(name))
            }
        }
    }

    // MARK: - Atomic writing

    /// Writes a whole folder at `final` atomically: `body` fills a fresh temporary sibling
    /// folder, which then replaces `final` (see `atomicReplaceDirectory`). If `body` throws,
    /// the temporary folder is removed and `final` is left untouched.
    /// - Throws: what `body` throws, or `ModelFileError.ioFailed`.
    public static func writeAtomically(to final: URL, _ body: (URL) throws -> Void) throws {
        let temp = try makeTemporarySibling(of: final)
        do {
            try body(temp)
            try atomicReplaceDirectory(temp: temp, final: final)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    /// Creates an empty folder next to `final` (same parent, so a rename cannot cross devices).
    /// - Throws: `ModelFileError.ioFailed`.
    public static func makeTemporarySibling(of final: URL) throws -> URL {
        let parent = final.deletingLastPathComponent()
        let temp = parent.appendingPathComponent(".\(final.lastPathComponent).tmp-\(getpid())-\(uniqueSuffix())")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: false)
        } catch {
            throw ModelFileError.ioFailed(file: temp.path, operation: "create folder", reason: error.localizedDescription)
        }
        return temp
    }

    /// Moves the finished folder `temp` to `final` with no moment where `final` is missing
    /// (see `AtomicFolder.replace`).
    /// - Throws: `ModelFileError.ioFailed` (then `final` is as before and `temp` still exists).
    public static func atomicReplaceDirectory(temp: URL, final: URL) throws {
        try AtomicFolder.replace(temp: temp, final: final)
    }

    /// Writes `data` to `url` atomically (temporary file in the same folder, then rename).
    /// - Throws: `ModelFileError.ioFailed`.
    public static func writeFileAtomically(_ data: Data, to url: URL) throws {
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(uniqueSuffix())")
        do {
            try data.write(to: temp)
        } catch {
            throw ModelFileError.ioFailed(file: url.path, operation: "write", reason: error.localizedDescription)
        }
        do { try renameOrThrow(temp, url) } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    // MARK: - Helpers

    private static func renameOrThrow(_ from: URL, _ to: URL) throws {
        guard rename(from.path, to.path) == 0 else {
            throw ModelFileError.ioFailed(file: to.path, operation: "rename from \(from.lastPathComponent)",
                                          reason: String(cString: strerror(errno)))
        }
    }

    /// A suffix unique within this process (time in microseconds and a counter; no randomness).
    static func uniqueSuffix() -> String {
        counterLock.lock()
        defer { counterLock.unlock() }
        counter += 1
        return "\(Int(Date().timeIntervalSince1970 * 1e6))-\(counter)"
    }

    nonisolated(unsafe) private static var counter = 0
    private static let counterLock = NSLock()
}

// MARK: - JSON in transformers' layout

/// A JSON value rendered as Python's `json.dumps(value, indent=2, sort_keys=True)`, which is
/// how transformers writes config.json and generation_config.json (floats keep their `.0`).
enum HFJSON: Encodable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([HFJSON])
    case object([String: HFJSON])

    /// The text, keys sorted, two-space indent, ending with a newline.
    func rendered() -> String { render(indent: 0) + "\n" }

    private func render(indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 2)
        let close = String(repeating: " ", count: indent)
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .int(i): return String(i)
        case let .double(d):
            if d.isNaN { return "NaN" }
            if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
            return d.description
        case let .string(s): return JSONQuote.quoted(s)
        case let .array(items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.render(indent: indent + 2) }.joined(separator: ",\n") + "\n\(close)]"
        case let .object(fields):
            if fields.isEmpty { return "{}" }
            let lines = fields.keys.sorted().map { key in
                pad + JSONQuote.quoted(key) + ": " + (fields[key] ?? .null).render(indent: indent + 2)
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(close)}"
        }
    }

    func encode(to encoder: Encoder) throws {
        switch self {
        case .object(let fields):
            var container = encoder.container(keyedBy: HFJSONKey.self)
            for (key, value) in fields { try container.encode(value, forKey: HFJSONKey(key)) }
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        default:
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case let .bool(b): try container.encode(b)
            case let .int(i): try container.encode(i)
            case let .double(d): try container.encode(d)
            case let .string(s): try container.encode(s)
            default: break
            }
        }
    }
}

/// A coding key for any string.
struct HFJSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
