// TokenizerWriter: writes tokenizer.json and tokenizer_config.json.
//
// A loaded tokenizer writes back the exact bytes it read. A trained one is built here as
// JSON in the layout HF `tokenizers` 0.23 saves (the fixtures' layout): the family's
// normalizer, Split + ByteLevel pre-tokenizer, post-processor and ByteLevel decoder, the BPE
// model with `vocab` in id order and `merges` as [a, b] pairs, special tokens in
// `added_tokens` with the highest ids.

import Foundation

extension Tokenizer {
    /// Writes tokenizer.json to `url` (a file path, or a folder to hold tokenizer.json),
    /// atomically: a temporary file in the same folder, then a rename.
    public func write(to url: URL) throws {
        try Self.writeAtomically(jsonData, to: Self.fileURL(url, name: "tokenizer.json"))
    }

    /// Writes `folder/tokenizer_config.json` for transformers' `AutoTokenizer`
    /// (PreTrainedTokenizerFast): the config read beside the tokenizer if there was one,
    /// else one made from the added tokens and bos/eos.
    public func writeConfig(to folder: URL) throws {
        let data = configData ?? makeConfig()
        try Self.writeAtomically(data, to: folder.appendingPathComponent("tokenizer_config.json"))
    }

    /// Writes tokenizer.json and tokenizer_config.json into `folder` (created if needed).
    public func save(to folder: URL) throws {
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw TokenizerError.writeFailed(file: folder.path, reason: "\(error)")
        }
        try write(to: folder.appendingPathComponent("tokenizer.json"))
        try writeConfig(to: folder)
    }

    static func fileURL(_ url: URL, name: String) -> URL {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return url.appendingPathComponent(name)
        }
        return url
    }

    static func writeAtomically(_ data: Data, to url: URL) throws {
        do { try data.write(to: url, options: .atomic) } catch {
            throw TokenizerError.writeFailed(file: url.path, reason: "\(error)")
        }
    }

    /// tokenizer_config.json in the layout of the fixtures.
    func makeConfig() -> Data {
        var w = JSONWriter()
        w.raw("{\n")
        w.key("added_tokens_decoder", indent: 2)
        w.raw("{")
        for (i, token) in addedTokens.sorted(by: { $0.id < $1.id }).enumerated() {
            w.raw(i == 0 ? "\n" : ",\n")
            w.key(String(token.id), indent: 4)
            w.raw("{\n")
            w.key("content", indent: 6); w.string(token.content); w.raw(",\n")
            w.key("lstrip", indent: 6); w.raw("\(token.lstrip),\n")
            w.key("normalized", indent: 6); w.raw("\(token.normalized),\n")
            w.key("rstrip", indent: 6); w.raw("\(token.rstrip),\n")
            w.key("single_word", indent: 6); w.raw("\(token.singleWord),\n")
            w.key("special", indent: 6); w.raw("\(token.special)\n    }")
        }
        w.raw(addedTokens.isEmpty ? "},\n" : "\n  },\n")
        func tokenOrNull(_ id: Int?) {
            if let id, let s = tokenString(id) { w.string(s) } else { w.raw("null") }
        }
        w.key("bos_token", indent: 2); tokenOrNull(bosId); w.raw(",\n")
        w.key("eos_token", indent: 2); tokenOrNull(eosId); w.raw(",\n")
        if family == .qwen2 {
            w.key("pad_token", indent: 2); tokenOrNull(eosId); w.raw(",\n")
            w.key("errors", indent: 2); w.string("replace"); w.raw(",\n")
        }
        w.key("split_special_tokens", indent: 2); w.raw("false,\n")
        w.key("clean_up_tokenization_spaces", indent: 2); w.raw("false,\n")
        w.key("model_input_names", indent: 2); w.raw("[\"input_ids\", \"attention_mask\"],\n")
        w.key("model_max_length", indent: 2); w.raw(family == .qwen2 ? "32768,\n" : "131072,\n")
        w.key("tokenizer_class", indent: 2); w.string("PreTrainedTokenizerFast"); w.raw("\n}\n")
        return w.data
    }

    /// tokenizer.json for a byte-level BPE of `family`: `vocab[id]` are raw byte strings,
    /// `merges` id pairs in rank order, `specials` get ids from vocab.count upwards.
    static func makeJSON(family: TokenizerFamily, vocab: [[UInt8]], merges: [(Int, Int)], specials: [String]) -> Data {
        let names = vocab.map { ByteLevel.encode($0) }
        let isLlama = family == .llama3
        var w = JSONWriter()
        w.raw("{\n  \"version\": \"1.0\",\n  \"truncation\": null,\n  \"padding\": null,\n")
        w.key("added_tokens", indent: 2)
        w.raw("[")
        for (i, content) in specials.enumerated() {
            w.raw(i == 0 ? "\n    {\n" : ",\n    {\n")
            w.key("id", indent: 6); w.raw("\(vocab.count + i),\n")
            w.key("content", indent: 6); w.string(content); w.raw(",\n")
            w.raw("      \"single_word\": false,\n      \"lstrip\": false,\n      \"rstrip\": false,\n")
            w.raw("      \"normalized\": false,\n      \"special\": true\n    }")
        }
        w.raw(specials.isEmpty ? "],\n" : "\n  ],\n")
        w.key("normalizer", indent: 2)
        w.raw(isLlama ? "null,\n" : "{\n    \"type\": \"NFC\"\n  },\n")
        w.key("pre_tokenizer", indent: 2)
        w.raw("{\n    \"type\": \"Sequence\",\n    \"pretokenizers\": [\n      {\n        \"type\": \"Split\",\n")
        w.raw("        \"pattern\": {\n          \"Regex\": ")
        w.string(RegexSplitPreTokenizer.pattern(digitGroup: isLlama ? 3 : 1))
        w.raw("\n        },\n        \"behavior\": \"Isolated\",\n        \"invert\": false\n      },\n")
        w.raw("      {\n        \"type\": \"ByteLevel\",\n        \"add_prefix_space\": false,\n")
        w.raw("        \"trim_offsets\": \(isLlama),\n        \"use_regex\": false\n      }\n    ]\n  },\n")
        w.key("post_processor", indent: 2)
        let bos = specials.contains("<|begin_of_text|>") ? "<|begin_of_text|>" : nil
        if isLlama, let bos, let bosIndex = specials.firstIndex(of: bos) {
            let bosId = vocab.count + bosIndex
            func special(_ typeId: Int) -> String {
                "{\"SpecialToken\": {\"id\": \"\(bos)\", \"type_id\": \(typeId)}}"
            }
            func sequence(_ name: String, _ typeId: Int) -> String {
                "{\"Sequence\": {\"id\": \"\(name)\", \"type_id\": \(typeId)}}"
            }
            w.raw("{\n    \"type\": \"Sequence\",\n    \"processors\": [\n")
            w.raw("      {\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": false, \"use_regex\": true},\n")
            w.raw("      {\n        \"type\": \"TemplateProcessing\",\n")
            w.raw("        \"single\": [\(special(0)), \(sequence("A", 0))],\n")
            w.raw("        \"pair\": [\(special(0)), \(sequence("A", 0)), \(special(1)), \(sequence("B", 1))],\n")
            w.raw("        \"special_tokens\": {\"\(bos)\": {\"id\": \"\(bos)\", \"ids\": [\(bosId)], \"tokens\": [\"\(bos)\"]}}\n")
            w.raw("      }\n    ]\n  },\n")
        } else {
            w.raw("{\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": false, \"use_regex\": false},\n")
        }
        w.key("decoder", indent: 2)
        w.raw(isLlama ? "{\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, \"use_regex\": true},\n"
                      : "{\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": false, \"use_regex\": false},\n")
        w.key("model", indent: 2)
        w.raw("{\n    \"type\": \"BPE\",\n    \"dropout\": null,\n    \"unk_token\": null,\n")
        w.raw("    \"continuing_subword_prefix\": null,\n    \"end_of_word_suffix\": null,\n")
        w.raw("    \"fuse_unk\": false,\n    \"byte_fallback\": false,\n    \"ignore_merges\": \(isLlama),\n")
        w.key("vocab", indent: 4)
        w.raw("{")
        for (id, name) in names.enumerated() {
            w.raw(id == 0 ? "\n" : ",\n")
            w.key(name, indent: 6)
            w.raw(String(id))
        }
        w.raw("\n    },\n")
        w.key("merges", indent: 4)
        w.raw("[")
        for (i, (a, b)) in merges.enumerated() {
            w.raw(i == 0 ? "\n      [" : ",\n      [")
            w.string(names[a]); w.raw(", "); w.string(names[b]); w.raw("]")
        }
        w.raw(merges.isEmpty ? "]\n  }\n}\n" : "\n    ]\n  }\n}\n")
        return w.data
    }
}
