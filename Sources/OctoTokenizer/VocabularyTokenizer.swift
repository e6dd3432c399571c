// VocabularyTokenizer: a tokenizer.json written from a bare vocabulary, as a GGUF file stores
// it (`tokenizer.ggml.*`: tokens, token types, merges or scores), then loaded like any other.
// Saving such a tokenizer writes this tokenizer.json, which HF tokenizers loads.
//
//   byte-level BPE (GGUF model "gpt2"): the pre-tokenizer named by `pre` (llama.cpp's names):
//     gpt-2, phi-2, olmo     ByteLevel with the GPT-2 regex
//     smollm, starcoder      Digits(individual) then ByteLevel with the GPT-2 regex
//     llama-bpe, llama3      the Llama-3 split regex (ignore_merges)
//     qwen2                  the Qwen2 split regex, NFC
//   SentencePiece-style BPE (GGUF model "llama"): Metaspace, byte fallback, merges derived
//     from the scores as transformers' SentencePiece converter does (every split of a piece
//     into two vocab entries, higher-scored pieces first).
// Token types (llama.cpp): 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte.
// Control and unknown tokens become special added tokens, user-defined ones plain added tokens.

import Foundation

/// The vocabulary of a tokenizer stored without a tokenizer.json.
public struct VocabularyTokenizerSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Byte-level BPE with its merges ("a b") and llama.cpp pre-tokenizer name.
        case byteLevel(merges: [String], pre: String)
        /// SentencePiece-style BPE with one score per token.
        case sentencePiece(scores: [Double], addSpacePrefix: Bool)
    }
    public var kind: Kind
    public var tokens: [String]
    public var tokenTypes: [Int]
    public var bosId: Int?
    public var eosId: Int?
    public var unkId: Int?
    public var addBOS: Bool
    public var addEOS: Bool
    public var chatTemplate: String?

    public init(kind: Kind, tokens: [String], tokenTypes: [Int], bosId: Int?, eosId: Int?, unkId: Int?,
                addBOS: Bool, addEOS: Bool, chatTemplate: String?) {
        self.kind = kind; self.tokens = tokens; self.tokenTypes = tokenTypes; self.bosId = bosId; self.eosId = eosId
        self.unkId = unkId; self.addBOS = addBOS; self.addEOS = addEOS; self.chatTemplate = chatTemplate
    }

    /// Pre-tokenizer names `byteLevel` accepts.
    public static let byteLevelPreNames = ["gpt-2", "phi-2", "olmo", "smollm", "starcoder", "llama-bpe", "llama3", "qwen2"]
}

extension Tokenizer {
    /// Builds tokenizer.json (and tokenizer_config.json) from `spec` and loads it; `source`
    /// names the origin (the GGUF path) in errors.
    public convenience init(vocabulary spec: VocabularyTokenizerSpec, source: String) throws {
        let (json, config) = try VocabularyJSON.make(spec, source: source)
        try self.init(jsonData: json, source: source, configData: config)
    }
}

/// The JSON text of a VocabularyTokenizerSpec.
enum VocabularyJSON {
    static func make(_ spec: VocabularyTokenizerSpec, source: String) throws -> (Data, Data) {
        let tokens = spec.tokens
        guard !tokens.isEmpty else { throw TokenizerError.missingField(file: source, field: "tokenizer.ggml.tokens") }
        guard spec.tokenTypes.isEmpty || spec.tokenTypes.count == tokens.count else {
            throw TokenizerError.invalidVocab(file: source, field: "tokenizer.ggml.token_type", reason: "\(spec.tokenTypes.count) types for \(tokens.count) tokens")
        }
        for (name, id) in [("bos", spec.bosId), ("eos", spec.eosId), ("unknown", spec.unkId)] {
            if let id, id < 0 || id >= tokens.count {
                throw TokenizerError.invalidVocab(file: source, field: "tokenizer.ggml.\(name)_token_id", reason: "id \(id) is outside 0..<\(tokens.count)")
            }
        }
        func type(_ id: Int) -> Int { spec.tokenTypes.isEmpty ? 1 : spec.tokenTypes[id] }
        var w = JSONWriter()
        w.raw("{\n  \"version\": \"1.0\",\n  \"truncation\": null,\n  \"padding\": null,\n  \"added_tokens\": [")
        var first = true
        for (id, t) in tokens.enumerated() where [2, 3, 4].contains(type(id)) {
            w.raw(first ? "\n    {" : ",\n    {")
            first = false
            w.raw("\"id\": \(id), \"content\": "); w.string(t)
            w.raw(", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": \(type(id) != 4)}")
        }
        w.raw(first ? "],\n" : "\n  ],\n")

        var mergeLines: [String] = []
        var byteFallback = false, ignoreMerges = false
        switch spec.kind {
        case .byteLevel(let merges, let pre):
            mergeLines = merges
            let byteLevel = #"{"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": "#
            switch pre {
            case "gpt-2", "phi-2", "olmo":
                w.raw("  \"normalizer\": null,\n  \"pre_tokenizer\": " + byteLevel + "true},\n")
            case "smollm", "starcoder":
                w.raw("  \"normalizer\": null,\n  \"pre_tokenizer\": {\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Digits\", \"individual_digits\": true}, "
                      + byteLevel + "true}]},\n")
            case "llama-bpe", "llama3", "qwen2":
                let qwen = pre == "qwen2"
                ignoreMerges = !qwen
                w.raw(qwen ? "  \"normalizer\": {\"type\": \"NFC\"},\n" : "  \"normalizer\": null,\n")
                w.raw("  \"pre_tokenizer\": {\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Split\", \"pattern\": {\"Regex\": ")
                w.string(RegexSplitPreTokenizer.pattern(digitGroup: qwen ? 1 : 3))
                w.raw("}, \"behavior\": \"Isolated\", \"invert\": false}, " + byteLevel + "false}]},\n")
            default:
                throw TokenizerError.unsupported(file: source, field: "tokenizer.ggml.pre",
                                                 value: "\(pre) (supported: \(VocabularyTokenizerSpec.byteLevelPreNames.joined(separator: ", ")))")
            }
            writePostProcessor(&w, spec, tokens)
            w.raw("  \"decoder\": " + byteLevel + "true},\n")
        case .sentencePiece(let scores, let addSpacePrefix):
            guard scores.count == tokens.count else {
                throw TokenizerError.invalidVocab(file: source, field: "tokenizer.ggml.scores", reason: "\(scores.count) scores for \(tokens.count) tokens")
            }
            byteFallback = true
            mergeLines = sentencePieceMerges(tokens: tokens, scores: scores, types: spec.tokenTypes)
            w.raw("  \"normalizer\": null,\n  \"pre_tokenizer\": {\"type\": \"Metaspace\", \"replacement\": \"\u{2581}\", \"prepend_scheme\": \""
                  + (addSpacePrefix ? "first" : "never") + "\", \"split\": false},\n")
            writePostProcessor(&w, spec, tokens)
            w.raw("  \"decoder\": {\"type\": \"Sequence\", \"decoders\": [{\"type\": \"Replace\", \"pattern\": {\"String\": \"\u{2581}\"}, \"content\": \" \"}, "
                  + "{\"type\": \"ByteFallback\"}, {\"type\": \"Fuse\"}, {\"type\": \"Strip\", \"content\": \" \", \"start\": \(addSpacePrefix ? 1 : 0), \"stop\": 0}]},\n")
        }

        w.raw("  \"model\": {\"type\": \"BPE\", \"dropout\": null, \"unk_token\": ")
        if byteFallback, let unk = spec.unkId { w.string(tokens[unk]) } else { w.raw("null") }
        w.raw(", \"continuing_subword_prefix\": null, \"end_of_word_suffix\": null, \"fuse_unk\": \(byteFallback), \"byte_fallback\": \(byteFallback), \"ignore_merges\": \(ignoreMerges),\n    \"vocab\": {")
        var seen = Set<String>()
        for (id, t) in tokens.enumerated() where seen.insert(t).inserted {
            w.raw(id == 0 ? "\n      " : ",\n      ")
            w.string(t); w.raw(": \(id)")
        }
        w.raw("\n    },\n    \"merges\": [")
        for (i, m) in mergeLines.enumerated() {
            let parts = m.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw TokenizerError.badMerge(file: source, index: i, merge: m, reason: "expected two tokens separated by one space") }
            w.raw(i == 0 ? "\n      [" : ",\n      [")
            w.string(String(parts[0])); w.raw(", "); w.string(String(parts[1])); w.raw("]")
        }
        w.raw("\n    ]\n  }\n}\n")

        var c = JSONWriter()
        c.raw("{\n")
        c.key("add_bos_token", indent: 2); c.raw("\(spec.addBOS),\n")
        c.key("add_eos_token", indent: 2); c.raw("\(spec.addEOS),\n")
        for (key, id) in [("bos_token", spec.bosId), ("eos_token", spec.eosId), ("unk_token", spec.unkId)] {
            c.key(key, indent: 2)
            if let id { c.string(tokens[id]) } else { c.raw("null") }
            c.raw(",\n")
        }
        if let template = spec.chatTemplate { c.key("chat_template", indent: 2); c.string(template); c.raw(",\n") }
        c.key("clean_up_tokenization_spaces", indent: 2); c.raw("false,\n")
        c.key("tokenizer_class", indent: 2); c.string("PreTrainedTokenizerFast"); c.raw("\n}\n")
        return (w.data, c.data)
    }

    /// TemplateProcessing with BOS/EOS as asked, else nothing.
    private static func writePostProcessor(_ w: inout JSONWriter, _ spec: VocabularyTokenizerSpec, _ tokens: [String]) {
        let bos = spec.addBOS ? spec.bosId : nil, eos = spec.addEOS ? spec.eosId : nil
        if bos == nil && eos == nil { w.raw("  \"post_processor\": null,\n"); return }
        var single: [String] = [], specials: [String] = []
        func special(_ id: Int) -> String {
            var s = JSONWriter(); s.string(tokens[id])
            return String(decoding: s.bytes, as: UTF8.self)
        }
        if let bos { single.append("{\"SpecialToken\": {\"id\": \(special(bos)), \"type_id\": 0}}") }
        single.append("{\"Sequence\": {\"id\": \"A\", \"type_id\": 0}}")
        if let eos { single.append("{\"SpecialToken\": {\"id\": \(special(eos)), \"type_id\": 0}}") }
        for id in Set([bos, eos].compactMap { $0 }).sorted() {
            specials.append("\(special(id)): {\"id\": \(special(id)), \"ids\": [\(id)], \"tokens\": [\(special(id))]}")
        }
        w.raw("  \"post_processor\": {\"type\": \"TemplateProcessing\", \"single\": [" + single.joined(separator: ", ")
              + "], \"pair\": [" + single.joined(separator: ", ") + "], \"special_tokens\": {" + specials.joined(separator: ", ") + "}},\n")
    }

    /// Merges of a SentencePiece BPE vocab: for each normal piece (highest score first), every
    /// split into two vocab pieces, ordered by the ids of the parts; then all by score, stable.
    static func sentencePieceMerges(tokens: [String], scores: [Double], types: [Int]) -> [String] {
        var vocab: [String: Int] = [:]
        for (id, t) in tokens.enumerated() where vocab[t] == nil { vocab[t] = id }
        let order = tokens.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var merges: [(String, Double)] = []
        for id in order {
            if !types.isEmpty && types[id] != 1 { continue }
            let chars = Array(tokens[id])
            guard chars.count >= 2 else { continue }
            var local: [(Int, Int, String)] = []
            for k in 1..<chars.count {
                let l = String(chars[..<k]), r = String(chars[k...])
                if let il = vocab[l], let ir = vocab[r] { local.append((il, ir, l + " " + r)) }
            }
            local.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            merges += local.map { ($0.2, scores[id]) }
        }
        return merges.map(\.0)   // already in score order: pieces were visited best first
    }
}
