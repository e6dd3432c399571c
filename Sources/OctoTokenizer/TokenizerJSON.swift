// TokenizerJSON: reads an HF tokenizer.json into the parts of the pipeline, checking that
// each part is one this implementation runs exactly (BPE models, byte-level or
// SentencePiece-style; the normalizers, pre-tokenizers, post-processors and decoders real
// models use). Anything else is a TokenizerError naming the field.

/// The parsed pipeline of a tokenizer.json.
struct TokenizerSpec {
    let model: BPEModel
    let addedTokens: [AddedToken]
    let normalizer: Normalizer?
    let preTokenizer: PreTokenizerPipeline
    let postProcessor: PostProcessor
    let decoder: TokenDecoder

    init(json: JSONValue, file: String) throws {
        guard json.object != nil else { throw TokenizerError.wrongType(file: file, field: "(top level)", expected: "an object") }
        for field in ["truncation", "padding"] {
            if let v = json[field], !v.isNull {
                throw TokenizerError.unsupported(file: file, field: field, value: "only null is supported")
            }
        }
        guard let modelJSON = json["model"] else { throw TokenizerError.missingField(file: file, field: "model") }
        preTokenizer = try PreTokenizerPipeline.parse(json["pre_tokenizer"], file: file)
        model = try BPEModel(json: modelJSON, file: file, byteLevel: preTokenizer.byteLevel)
        addedTokens = try Self.parseAddedTokens(json["added_tokens"], file: file)
        normalizer = try Normalizer.parse(json["normalizer"] ?? .null, field: "normalizer", file: file)
        postProcessor = try PostProcessor.parse(json["post_processor"], file: file)
        decoder = try Self.parseDecoder(json["decoder"], file: file)
    }

    static func parseAddedTokens(_ json: JSONValue?, file: String) throws -> [AddedToken] {
        guard let json, !json.isNull else { return [] }
        guard let items = json.array else { throw TokenizerError.wrongType(file: file, field: "added_tokens", expected: "an array") }
        return try items.enumerated().map { i, item in
            let field = "added_tokens[\(i)]"
            guard let id = item["id"]?.int, id >= 0, id < 1 << 24 else {
                throw TokenizerError.missingField(file: file, field: field + ".id (an integer in 0..<16777216)")
            }
            guard let content = item["content"]?.string else { throw TokenizerError.missingField(file: file, field: field + ".content") }
            return AddedToken(id: id, content: content, special: item["special"]?.bool ?? false,
                              lstrip: item["lstrip"]?.bool ?? false, rstrip: item["rstrip"]?.bool ?? false,
                              singleWord: item["single_word"]?.bool ?? false, normalized: item["normalized"]?.bool ?? false)
        }
    }

    /// The decoder chain (required: without one HF joins tokens with spaces, which no model uses).
    static func parseDecoder(_ json: JSONValue?, file: String) throws -> TokenDecoder {
        guard let json, !json.isNull else { throw TokenizerError.missingField(file: file, field: "decoder") }
        return try TokenDecoder.parse(json, field: "decoder", file: file)
    }
}
