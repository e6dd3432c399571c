// GGUFTokenizer: the tokenizer stored in a GGUF file's `tokenizer.ggml.*` metadata
// (model "gpt2": byte-level BPE with merges and a `pre` type; model "llama": SentencePiece-
// style BPE with scores), built through OctoTokenizer's VocabularyTokenizerSpec.
import Foundation
import OctoTokenizer

enum GGUFTokenizer {
    static func make(_ f: GGUFFile) throws -> Tokenizer {
        let m = f.metadata
        func strings(_ key: String) throws -> [String] {
            guard let items = m[key]?.array else { throw GGUFError.missingKey(file: f.path, key: key, expected: "an array of strings") }
            return try items.map {
                guard let s = $0.string else { throw GGUFError.missingKey(file: f.path, key: key, expected: "an array of strings") }
                return s
            }
        }
        let model = m["tokenizer.ggml.model"]?.string ?? ""
        let tokens = try strings("tokenizer.ggml.tokens")
        let types = m["tokenizer.ggml.token_type"]?.array?.compactMap(\.int) ?? []
        let kind: VocabularyTokenizerSpec.Kind
        switch model {
        case "gpt2":
            kind = .byteLevel(merges: try strings("tokenizer.ggml.merges"), pre: m["tokenizer.ggml.pre"]?.string ?? "gpt-2")
        case "llama":
            guard let scores = m["tokenizer.ggml.scores"]?.array?.compactMap(\.double), scores.count == tokens.count else {
                throw GGUFError.missingKey(file: f.path, key: "tokenizer.ggml.scores", expected: "one number per token")
            }
            kind = .sentencePiece(scores: scores, addSpacePrefix: m["tokenizer.ggml.add_space_prefix"]?.bool ?? true)
        default:
            throw GGUFError.unsupported(file: f.path, key: "tokenizer.ggml.model", value: model, supported: ["gpt2", "llama"])
        }
        let spec = VocabularyTokenizerSpec(
            kind: kind, tokens: tokens, tokenTypes: types.count == tokens.count ? types : [],
            bosId: m["tokenizer.ggml.bos_token_id"]?.int, eosId: m["tokenizer.ggml.eos_token_id"]?.int,
            unkId: m["tokenizer.ggml.unknown_token_id"]?.int,
            addBOS: m["tokenizer.ggml.add_bos_token"]?.bool ?? (model == "llama"),
            addEOS: m["tokenizer.ggml.add_eos_token"]?.bool ?? false,
            chatTemplate: m["tokenizer.chat_template"]?.string)
        return try Tokenizer(vocabulary: spec, source: f.path)
    }
}
