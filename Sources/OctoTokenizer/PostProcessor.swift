// PostProcessor: the `post_processor` of tokenizer.json, reduced to what it does to the ids
// of one sequence: ids placed before and after it. Llama-3 has
// Sequence[ByteLevel, TemplateProcessing("<|begin_of_text|> $A")], so `prefix` is the BOS id;
// Qwen2 has only ByteLevel (which changes offsets, never ids), so nothing is added.

/// Special-token ids added around a single sequence when `addSpecialTokens` is true.
struct PostProcessor: Sendable, Equatable {
    var prefix: [Int] = []
    var suffix: [Int] = []

    static func parse(_ json: JSONValue?, file: String) throws -> PostProcessor {
        var result = PostProcessor()
        if let json, !json.isNull { try result.add(json, field: "post_processor", file: file) }
        return result
    }

    private mutating func add(_ json: JSONValue, field: String, file: String) throws {
        guard let type = json["type"]?.string else { throw TokenizerError.missingField(file: file, field: field + ".type") }
        switch type {
        case "ByteLevel":
            return
        case "Sequence":
            guard let parts = json["processors"]?.array else {
                throw TokenizerError.missingField(file: file, field: field + ".processors")
            }
            for (i, part) in parts.enumerated() { try add(part, field: "\(field).processors[\(i)]", file: file) }
        case "TemplateProcessing":
            try addTemplate(json, field: field, file: file)
        default:
            throw TokenizerError.unsupported(file: file, field: field + ".type", value: type)
        }
    }

    /// `single`: a list of {"SpecialToken": {"id": name}} and one {"Sequence": {"id": "A"}};
    /// `special_tokens`: name -> {"ids": [...]}.
    private mutating func addTemplate(_ json: JSONValue, field: String, file: String) throws {
        guard let single = json["single"]?.array else { throw TokenizerError.missingField(file: file, field: field + ".single") }
        let specials = json["special_tokens"]?.object ?? [:]
        var sawSequence = false
        for (i, item) in single.enumerated() {
            let itemField = "\(field).single[\(i)]"
            if item["Sequence"] != nil {
                sawSequence = true
            } else if let special = item["SpecialToken"] {
                guard let name = special["id"]?.string else { throw TokenizerError.missingField(file: file, field: itemField + ".SpecialToken.id") }
                guard let entry = specials[name] else {
                    throw TokenizerError.missingField(file: file, field: "\(field).special_tokens[\(name)]")
                }
                guard let ids = entry["ids"]?.array?.compactMap({ $0.int }), ids.count == entry["ids"]?.array?.count else {
                    throw TokenizerError.wrongType(file: file, field: "\(field).special_tokens[\(name)].ids", expected: "an array of integer ids")
                }
                if sawSequence { suffix += ids } else { prefix += ids }
            } else {
                throw TokenizerError.unsupported(file: file, field: itemField, value: "expected SpecialToken or Sequence")
            }
        }
        if !sawSequence { throw TokenizerError.missingField(file: file, field: field + ".single (Sequence $A)") }
    }
}
