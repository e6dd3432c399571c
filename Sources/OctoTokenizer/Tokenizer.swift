// Tokenizer: HF tokenizer.json byte-level BPE, run as HF `tokenizers` runs it for Llama-3
// and Qwen2.
//
// encode: added tokens found first (leftmost-longest) -> normalizer (NFC for Qwen2) on the
// text between them -> Split pre-tokenizer (the family regex) -> ByteLevel bytes -> BPE
// merges by rank -> post-processor (BOS for Llama-3).
// decode: each id's bytes (ByteLevel decoder) concatenated, then lossy UTF-8 (U+FFFD).

import Foundation

/// The tokenizer families this implementation runs, told apart by the pre-tokenizer regex.
public enum TokenizerFamily: String, Sendable, CaseIterable {
    /// Llama-3.x: digits in groups of up to 3, BOS added by the post-processor.
    case llama3
    /// Qwen2/2.5: one digit per pre-token, NFC normalizer, nothing added.
    case qwen2
}

/// A byte-level BPE tokenizer loaded from (or written as) an HF tokenizer.json.
/// Safe to use from several threads (the pre-token cache is locked).
public final class Tokenizer: @unchecked Sendable {
    /// Where it came from (a path, or a name given by the caller).
    public let source: String
    public let family: TokenizerFamily
    /// Most digits in one pre-token: 3 for Llama-3, 1 for Qwen2.
    public let digitGroupSize: Int
    /// Number of ids, including added tokens (highest id + 1).
    public let vocabSize: Int
    public let bosId: Int?
    public let eosId: Int?
    /// Added tokens marked special: content -> id.
    public let specialTokens: [String: Int]
    /// Every entry of `added_tokens`, in file order.
    public let addedTokens: [AddedToken]
    /// The tokenizer.json bytes (written back unchanged by `write(to:)`).
    public let jsonData: Data
    /// tokenizer_config.json found beside the file, if any.
    public let configData: Data?

    let model: BPEModel
    let normalizer: Normalizer?
    let preTokenizer: RegexSplitPreTokenizer
    let postProcessor: PostProcessor
    private let rawMatcher: AddedTokenMatcher
    private let normalizedMatcher: AddedTokenMatcher
    private let bytesById: [[UInt8]]
    private let addedById: [Int: AddedToken]
    private let addedByContent: [String: Int]
    private let specialIds: Set<Int>

    /// Loads a tokenizer.json file, or a folder that holds one (and maybe tokenizer_config.json).
    public convenience init(contentsOf url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw TokenizerError.fileNotFound(path: url.path)
        }
        let file = isDirectory.boolValue ? url.appendingPathComponent("tokenizer.json") : url
        guard FileManager.default.fileExists(atPath: file.path) else { throw TokenizerError.fileNotFound(path: file.path) }
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw TokenizerError.unreadable(file: file.path, reason: "\(error)")
        }
        let configURL = file.deletingLastPathComponent().appendingPathComponent("tokenizer_config.json")
        let config = try? Data(contentsOf: configURL)
        try self.init(jsonData: data, source: file.path, configData: config)
    }

    /// Parses tokenizer.json bytes; `source` names them in errors.
    public convenience init(jsonData: Data, source: String) throws {
        try self.init(jsonData: jsonData, source: source, configData: nil)
    }

    /// Parses tokenizer.json bytes with an optional tokenizer_config.json (for bos/eos).
    public init(jsonData: Data, source: String, configData: Data?) throws {
        let spec = try TokenizerSpec(json: JSONValue.parse(jsonData, source: source), file: source)
        self.source = source
        self.jsonData = jsonData
        self.configData = configData
        let bpe = spec.model
        model = bpe
        normalizer = spec.normalizer
        preTokenizer = spec.preTokenizer
        postProcessor = spec.postProcessor
        addedTokens = spec.addedTokens
        digitGroupSize = spec.preTokenizer.digitGroup
        let family: TokenizerFamily = spec.preTokenizer.digitGroup == 1 ? .qwen2 : .llama3
        self.family = family

        var addedById: [Int: AddedToken] = [:], addedByContent: [String: Int] = [:]
        var specials: [String: Int] = [:]
        for token in spec.addedTokens {
            addedById[token.id] = token
            addedByContent[token.content] = token.id
            if token.special { specials[token.content] = token.id }
        }
        self.addedById = addedById
        self.addedByContent = addedByContent
        specialTokens = specials
        specialIds = Set(specials.values)
        let raw = spec.addedTokens.filter { !$0.normalized }
        rawMatcher = AddedTokenMatcher(tokens: raw, contents: raw.map { Array($0.content.utf8) })
        let norm = spec.addedTokens.filter { $0.normalized }
        let normalizer = spec.normalizer
        normalizedMatcher = AddedTokenMatcher(tokens: norm, contents: norm.map {
            normalizer?.apply(Array($0.content.utf8)) ?? Array($0.content.utf8)
        })

        let size = max(bpe.idToToken.count, (spec.addedTokens.map(\.id).max() ?? -1) + 1)
        vocabSize = size
        var bytesById = [[UInt8]](repeating: [], count: size)
        for (id, token) in bpe.idToToken.enumerated() {
            if let token { bytesById[id] = ByteLevel.decodeToken(token) }
        }
        for token in spec.addedTokens { bytesById[token.id] = ByteLevel.decodeToken(token.content) }
        self.bytesById = bytesById

        let config = try configData.map { try JSONValue.parse($0, source: "tokenizer_config.json beside \(source)") }
        func configured(_ key: String) -> Int?? {
            guard let value = config?[key] else { return nil }          // key absent: use the default
            if value.isNull { return .some(nil) }
            let name = value.string ?? value["content"]?.string
            return .some(name.flatMap { addedByContent[$0] ?? bpe.vocab[$0] })
        }
        let familyBOS = family == .llama3 ? addedByContent["<|begin_of_text|>"] : nil
        bosId = configured("bos_token") ?? (spec.postProcessor.prefix.first ?? familyBOS)
        let familyEOS = family == .llama3 ? "<|end_of_text|>" : "<|endoftext|>"
        eosId = configured("eos_token") ?? addedByContent[familyEOS]
    }

    /// Token ids of `text`. With `addSpecialTokens` the post-processor's tokens are added
    /// (BOS for Llama-3, nothing for Qwen2). Special-token strings in the text become their ids.
    public func encode(_ text: String, addSpecialTokens: Bool = true) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(text.utf8.count / 3 + 4)
        if addSpecialTokens { out += postProcessor.prefix }
        let bytes = Array(text.utf8)
        for piece in rawMatcher.split(bytes, 0..<bytes.count) {
            switch piece {
            case .token(let id): out.append(id)
            case .text(let range): encodeText(bytes[range], into: &out)
            }
        }
        if addSpecialTokens { out += postProcessor.suffix }
        return out
    }

    /// Normalizes, finds normalized added tokens, pre-tokenizes and runs BPE on one piece.
    private func encodeText(_ slice: ArraySlice<UInt8>, into out: inout [Int]) {
        var text = Array(slice)
        if let normalizer { text = normalizer.apply(text) }
        if normalizedMatcher.isEmpty {
            encodeWords(text, 0..<text.count, into: &out)
            return
        }
        for piece in normalizedMatcher.split(text, 0..<text.count) {
            switch piece {
            case .token(let id): out.append(id)
            case .text(let range): encodeWords(text, range, into: &out)
            }
        }
    }

    private func encodeWords(_ text: [UInt8], _ range: Range<Int>, into out: inout [Int]) {
        text.withUnsafeBufferPointer { buffer in
            preTokenizer.split(UnsafeBufferPointer(rebasing: buffer[range])) { start, end in
                model.tokenize(text[(range.lowerBound + start)..<(range.lowerBound + end)], into: &out)
            }
        }
    }

    /// The pre-tokens of `text` (no added-token matching), as raw byte strings; for inspection.
    public func preTokenize(_ text: String) -> [[UInt8]] {
        var bytes = Array(text.utf8)
        if let normalizer { bytes = normalizer.apply(bytes) }
        var pieces: [[UInt8]] = []
        bytes.withUnsafeBufferPointer { buffer in
            preTokenizer.split(buffer) { pieces.append(Array(bytes[$0..<$1])) }
        }
        return pieces
    }

    /// Text of `ids`: token bytes concatenated, invalid UTF-8 replaced by U+FFFD. Unknown ids
    /// are skipped; `skipSpecialTokens` drops added tokens marked special.
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 4)
        for id in ids where id >= 0 && id < bytesById.count {
            if skipSpecialTokens && specialIds.contains(id) { continue }
            bytes.append(contentsOf: bytesById[id])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The raw bytes token `id` stands for (empty for an unknown id).
    public func tokenBytes(_ id: Int) -> [UInt8] {
        id >= 0 && id < bytesById.count ? bytesById[id] : []
    }

    /// The vocab string of `id` (byte-level characters; added tokens as written).
    public func tokenString(_ id: Int) -> String? {
        if let added = addedById[id] { return added.content }
        return id >= 0 && id < model.idToToken.count ? model.idToToken[id] : nil
    }

    /// The id of a vocab string (byte-level form, e.g. "Ġthe") or of an added token.
    public func id(of token: String) -> Int? {
        addedByContent[token] ?? model.vocab[token]
    }

    /// Whether `id` is an added token marked special.
    public func isSpecial(_ id: Int) -> Bool { specialIds.contains(id) }

    /// Number of BPE merges.
    public var mergeCount: Int { model.mergeCount }
}
