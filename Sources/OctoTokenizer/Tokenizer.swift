// Tokenizer: an HF tokenizer.json BPE, run as HF `tokenizers` runs it: byte-level BPE
// (Llama-3, Qwen2, GPT-2 style) and SentencePiece-style BPE (Llama-2, Mistral, TinyLlama).
//
// encode: added tokens found first (leftmost-longest) -> normalizer on the text between them
// -> pre-tokenizer (PreTokenizerPipeline) -> BPE merges by rank -> post-processor (BOS, ...).
// decode: the decoder chain (TokenDecoder), then lossy UTF-8 (U+FFFD); a plain ByteLevel
// decoder concatenates each id's bytes.

import Foundation

/// The tokenizer families this implementation runs, told apart by the pre-tokenizer.
public enum TokenizerFamily: String, Sendable, CaseIterable {
    /// Llama-3.x: digits in groups of up to 3, BOS added by the post-processor.
    case llama3
    /// Qwen2/2.5: one digit per pre-token, NFC normalizer, nothing added.
    case qwen2
    /// Any other byte-level BPE (GPT-2 regex, Digits, Split, ...): GPT-2, SmolLM2, Pythia, Phi.
    case gpt2
    /// SentencePiece-style BPE over Unicode scalars with "▁" for spaces and byte fallback:
    /// Llama-2, Mistral, TinyLlama.
    case sentencepiece

    /// The families `Tokenizer.train` can make.
    public static let trainable: [TokenizerFamily] = [.llama3, .qwen2]
}

/// A byte-level BPE tokenizer loaded from (or written as) an HF tokenizer.json.
/// Safe to use from several threads (the pre-token cache is locked).
public final class Tokenizer: @unchecked Sendable {
    /// Where it came from (a path, or a name given by the caller).
    public let source: String
    public let family: TokenizerFamily
    /// Most digits in one pre-token: 3 for Llama-3, 1 for Qwen2, 0 for other families.
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
    let preTokenizer: PreTokenizerPipeline
    let postProcessor: PostProcessor
    let decoder: TokenDecoder
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
        decoder = spec.decoder
        digitGroupSize = spec.preTokenizer.fast?.digitGroup ?? 0
        let family: TokenizerFamily
        if let fast = spec.preTokenizer.fast {
            family = fast.digitGroup == 1 ? .qwen2 : .llama3
        } else {
            family = spec.preTokenizer.byteLevel ? .gpt2 : .sentencepiece
        }
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
        let tokenBytes: (String) -> [UInt8] = spec.decoder.isByteLevelOnly ? ByteLevel.decodeToken : { token in
            let utf8 = Array(token.utf8)
            if let b = TokenDecoder.fallbackByte(utf8) { return [b] }
            return TextPattern.literal(Array("\u{2581}".utf8)).replace(utf8, with: [0x20])
        }
        for (id, token) in bpe.idToToken.enumerated() {
            if let token { bytesById[id] = tokenBytes(token) }
        }
        for token in spec.addedTokens { bytesById[token.id] = tokenBytes(token.content) }
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
        let familyEOS = family == .llama3 ? "<|end_of_text|>" : family == .sentencepiece ? "</s>" : "<|endoftext|>"
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
            case .text(let range): encodeText(bytes[range], atStart: range.lowerBound == 0, into: &out)
            }
        }
        if addSpecialTokens { out += postProcessor.suffix }
        return out
    }

    /// Normalizes, finds normalized added tokens, pre-tokenizes and runs BPE on one piece.
    private func encodeText(_ slice: ArraySlice<UInt8>, atStart: Bool, into out: inout [Int]) {
        var text = Array(slice)
        if let normalizer { text = normalizer.apply(text) }
        if normalizedMatcher.isEmpty {
            encodeWords(text, 0..<text.count, atStart: atStart, into: &out)
            return
        }
        for piece in normalizedMatcher.split(text, 0..<text.count) {
            switch piece {
            case .token(let id): out.append(id)
            case .text(let range): encodeWords(text, range, atStart: atStart && range.lowerBound == 0, into: &out)
            }
        }
    }

    private func encodeWords(_ text: [UInt8], _ range: Range<Int>, atStart: Bool, into out: inout [Int]) {
        if let fast = preTokenizer.fast {
            text.withUnsafeBufferPointer { buffer in
                fast.split(UnsafeBufferPointer(rebasing: buffer[range])) { start, end in
                    model.tokenize(text[(range.lowerBound + start)..<(range.lowerBound + end)], into: &out)
                }
            }
            return
        }
        for piece in preTokenizer.pieces(Array(text[range]), atStart: atStart) {
            model.tokenize(piece[...], into: &out)
        }
    }

    /// The pre-tokens of `text` (no added-token matching), as raw byte strings; for inspection.
    public func preTokenize(_ text: String) -> [[UInt8]] {
        var bytes = Array(text.utf8)
        if let normalizer { bytes = normalizer.apply(bytes) }
        return preTokenizer.pieces(bytes, atStart: true)
    }

    /// Text of `ids`: token bytes concatenated, invalid UTF-8 replaced by U+FFFD. Unknown ids
    /// are skipped; `skipSpecialTokens` drops added tokens marked special.
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = false) -> String {
        let kept = ids.filter { $0 >= 0 && $0 < bytesById.count && !(skipSpecialTokens && specialIds.contains($0)) }
        if !decoder.isByteLevelOnly {
            let tokens = kept.map { Array((tokenString($0) ?? "").utf8) }
            return String(decoding: decoder.decode(tokens).flatMap { $0 }, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(kept.count * 4)
        for id in kept { bytes.append(contentsOf: bytesById[id]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The raw bytes token `id` stands for (empty for an unknown id); for SentencePiece-style
    /// tokens "▁" reads as a space and `<0xHH>` as its byte.
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
