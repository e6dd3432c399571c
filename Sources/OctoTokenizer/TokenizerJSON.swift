// TokenizerJSON: reads an HF tokenizer.json into the parts of the pipeline, checking that
// each part is one this implementation runs exactly (byte-level BPE with the Llama-3/Qwen2
// Split regex). Anything else is a TokenizerError naming the field.

/// The parsed pipeline of a tokenizer.json.
struct TokenizerSpec {
    let model: BPEModel
    let addedTokens: [AddedToken]
    let normalizer: Normalizer?
    let preTokenizer: RegexSplitPreTokenizer
    let postProcessor: PostProcessor

    init(json: JSONValue, file: String) throws {
        guard json.object != nil else { throw TokenizerError.wrongType(file: file, field: "(top level)", expected: "an object") }
        for field in ["truncation", "padding"] {
            if let v = json[field], !v.isNull {
                throw TokenizerError.unsupported(file: file, field: field, value: "only null is supported")
            }
        }
        guard let modelJSON = json["model"] else { throw TokenizerError.missingField(file: file, field: "model") }
        model = try BPEModel(json: modelJSON, file: file)
        addedTokens = try Self.parseAddedTokens(json["added_tokens"], file: file)
        normalizer = try Normalizer.parse(json["normalizer"] ?? .null, field: "normalizer", file: file)
        guard let pre = json["pre_tokenizer"], !pre.isNull else { throw TokenizerError.missingField(file: file, field: "pre_tokenizer") }
        preTokenizer = try Self.parsePreTokenizer(pre, file: file)
        postProcessor = try PostProcessor.parse(json["post_processor"], file: file)
        try Self.checkDecoder(json["decoder"], file: file)
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

    /// Accepts Sequence[Split(regex, Isolated), ByteLevel(add_prefix_space: false, use_regex: false)].
    static func parsePreTokenizer(_ json: JSONValue, file: String) throws -> RegexSplitPreTokenizer {
        var steps: [(JSONValue, String)] = []
        if json["type"]?.string == "Sequence" {
            guard let parts = json["pretokenizers"]?.array else {
                throw TokenizerError.missingField(file: file, field: "pre_tokenizer.pretokenizers")
            }
            steps = parts.enumerated().map { ($0.element, "pre_tokenizer.pretokenizers[\($0.offset)]") }
        } else {
            steps = [(json, "pre_tokenizer")]
        }
        var split: RegexSplitPreTokenizer?
        var sawByteLevel = false
        for (step, field) in steps {
            guard let type = step["type"]?.string else { throw TokenizerError.missingField(file: file, field: field + ".type") }
            switch type {
            case "Split":
                guard split == nil, !sawByteLevel else {
                    throw TokenizerError.unsupported(file: file, field: field, value: "one Split before ByteLevel is supported")
                }
                guard let pattern = step["pattern"]?["Regex"]?.string else {
                    throw TokenizerError.missingField(file: file, field: field + ".pattern.Regex")
                }
                guard let group = RegexSplitPreTokenizer.digitGroup(of: pattern) else {
                    throw TokenizerError.unsupported(file: file, field: field + ".pattern.Regex",
                        value: "\(pattern) (only the Llama-3/Qwen2 regex, with \\p{N}{1,k} or \\p{N} digits, is implemented)")
                }
                let behavior = step["behavior"]?.string ?? "Isolated"
                guard behavior == "Isolated" else { throw TokenizerError.unsupported(file: file, field: field + ".behavior", value: behavior) }
                guard step["invert"]?.bool != true else { throw TokenizerError.unsupported(file: file, field: field + ".invert", value: "true") }
                split = RegexSplitPreTokenizer(digitGroup: group)
            case "ByteLevel":
                guard step["add_prefix_space"]?.bool != true else {
                    throw TokenizerError.unsupported(file: file, field: field + ".add_prefix_space", value: "true")
                }
                guard step["use_regex"]?.bool == false else {
                    throw TokenizerError.unsupported(file: file, field: field + ".use_regex", value: "true (the GPT-2 regex is not implemented)")
                }
                sawByteLevel = true
            default:
                throw TokenizerError.unsupported(file: file, field: field + ".type", value: type)
            }
        }
        guard let split else { throw TokenizerError.missingField(file: file, field: "pre_tokenizer (a Split with the Llama-3/Qwen2 regex)") }
        guard sawByteLevel else { throw TokenizerError.missingField(file: file, field: "pre_tokenizer (a ByteLevel step)") }
        return split
    }

    /// The decoder must be ByteLevel (its options only matter for offsets).
    static func checkDecoder(_ json: JSONValue?, file: String) throws {
        guard let json, !json.isNull else { throw TokenizerError.missingField(file: file, field: "decoder") }
        guard let type = json["type"]?.string else { throw TokenizerError.missingField(file: file, field: "decoder.type") }
        guard type == "ByteLevel" else { throw TokenizerError.unsupported(file: file, field: "decoder.type", value: type) }
    }
}
