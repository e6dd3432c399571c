// Bindings of OctoModel and OctoTokenizer: load/save HF folders, build models, tokenizers,
// logits, and sampling with per-token data.
import Foundation
import OctoTensor
import OctoTokenizer
import OctoModel

/// One generated response as the language sees it.
public final class SampleBox {
    public let sample: Sample
    public let tokenizer: Tokenizer?
    public let model: DecoderModel
    public init(_ s: Sample, tokenizer: Tokenizer?, model: DecoderModel) { sample = s; self.tokenizer = tokenizer; self.model = model }
}

enum ModelBindings {
    static var tensorType: NativeType<Tensor> { TensorBindings.type }

    static let tokenizerType: NativeType<Tokenizer> = NativeType("Tokenizer", doc: "A byte-level BPE tokenizer (HF tokenizer.json).") { t in
        t.attribute("vocab_size", .int, doc: "tokens including special ones") { .int($0.vocabSize) }
        t.attribute("bos_id", doc: "beginning-of-text id, or nil") { $0.bosId.map(Value.int) ?? .null }
        t.attribute("eos_id", doc: "end-of-text id, or nil") { $0.eosId.map(Value.int) ?? .null }
        t.attribute("family", .string, doc: "llama3, qwen2, gpt2 (other byte-level BPE) or sentencepiece") { .string($0.family.rawValue) }
        t.method("encode", params: [Param("text", .string), Param("special", .bool, default: true, doc: "add BOS etc. as the post-processor says")],
                 doc: "Token ids of a text.") { tok, a, _ in
            .ints(tok.encode(a.stringArg("text"), addSpecialTokens: a.boolArg("special")))
        }
        t.method("decode", params: [Param("ids", .list), Param("skip_special", .bool, default: false)], doc: "Text of token ids.") { tok, a, _ in
            guard let ids = a["ids"].intList else { throw a.error("decode: ids must be a list of ints", kind: .type) }
            if let bad = ids.first(where: { $0 < 0 || $0 >= tok.vocabSize }) { throw a.error("decode: id \(bad) is outside 0..<\(tok.vocabSize)", kind: .index) }
            return .string(tok.decode(ids, skipSpecialTokens: a.boolArg("skip_special")))
        }
        t.method("tokens", params: [Param("text", .string)], doc: "The token strings of a text (bytes made visible).") { tok, a, _ in
            .strings(tok.encode(a.stringArg("text"), addSpecialTokens: false).map { tok.tokenString($0) ?? "?" })
        }
        t.method("save", params: [Param("dir", .string)], doc: "Writes tokenizer.json and tokenizer_config.json into a folder.") { tok, a, _ in
            try bridge("save") { try tok.save(to: URL(fileURLWithPath: a.stringArg("dir"))) }
            return .null
        }
        t.repr { "<Tokenizer \($0.family.rawValue) vocab=\($0.vocabSize)>" }
    }

    static let modelType: NativeType<DecoderModel> = NativeType("Model", doc: "A Llama-3.x / Qwen2 decoder with HF parameter names.") { t in
        t.attribute("config", .dict, doc: "the config.json fields") { m in
            let s = m.config
            return .record([("family", .string(s.family.rawValue)), ("vocab_size", .int(s.vocabSize)), ("hidden_size", .int(s.hiddenSize)),
                            ("num_hidden_layers", .int(s.hiddenLayers)), ("num_attention_heads", .int(s.attentionHeads)),
                            ("num_key_value_heads", .int(s.kvHeads)), ("head_dim", .int(s.headDim)),
                            ("intermediate_size", .int(s.intermediateSize)), ("rms_norm_eps", .float(s.rmsNormEps)),
                            ("rope_theta", .float(s.ropeTheta)), ("tie_word_embeddings", .bool(s.tieWordEmbeddings)),
                            ("qkv_bias", .bool(s.qkvBias))])
        }
        t.attribute("tokenizer", doc: "the model's tokenizer, or nil") { m in m.tokenizer.map { tokenizerType.wrap($0) } ?? .null }
        t.attribute("params", .dict, doc: "parameter shapes by HF name") { m in
            .record(m.params.all.map { ($0.0, .ints($0.1.shape)) })
        }
        t.attribute("n_params", .int, doc: "number of parameters") { .int($0.params.count) }
        t.method("param", params: [Param("name", .string)], doc: "A parameter tensor by HF name.") { m, a, _ in
            let name = a.stringArg("name")
            guard let p = m.params[name] else { throw a.error("no parameter '\(name)'; see .params", kind: .key) }
            return tensorType.wrap(p.detach())
        }
        t.method("logits", params: [Param("ids", .oneOf([.list, .string]))], doc: "Logits [T, V] for a list of ids (or a text).") { m, a, _ in
            let ids = try idsOf(a["ids"], model: m)
            let out = try bridge("logits") { try noGrad { try m.logits([ids]) } }
            return tensorType.wrap(out)
        }
        t.method("loss", params: [Param("ids", .oneOf([.list, .string]))], doc: "Mean next-token cross-entropy of a sequence.") { m, a, _ in
            let ids = try idsOf(a["ids"], model: m)
            guard ids.count >= 2 else { throw a.error("loss needs at least 2 tokens") }
            return .float(Double(try bridge("loss") { try noGrad { try m.loss([ids]) } }.item))
        }
        t.repr { m in "<Model \(m.config.family.rawValue) \(m.config.hiddenLayers)x\(m.config.hiddenSize) heads=\(m.config.attentionHeads)/\(m.config.kvHeads) vocab=\(m.config.vocabSize) params=\(m.params.count)>" }
    }

    static let sampleType: NativeType<SampleBox> = NativeType("Sample", doc: "A generated response with per-token data.") { t in
        t.attribute("text", .string, doc: "decoded response (cut before a stop string)") { .string($0.sample.text) }
        t.attribute("ids", .list, doc: "generated token ids") { .ints($0.sample.ids) }
        t.attribute("prompt_ids", .list, doc: "prompt token ids") { .ints($0.sample.promptIds) }
        t.attribute("logprobs", .list, doc: "log p of each token under the sampling distribution") { .floats($0.sample.logprobs) }
        t.attribute("entropies", .list, doc: "entropy (nats) of the distribution at each step") { .floats($0.sample.entropies) }
        t.attribute("truncated", .bool, doc: "hit max_tokens without stopping") { .bool($0.sample.truncated) }
        t.attribute("stop_reason", .string, doc: "stop_token, stop_string or max_tokens") { .string($0.sample.stopReason.rawValue) }
        t.attribute("length", .int, doc: "number of generated tokens") { .int($0.sample.ids.count) }
        t.repr { b in
            let text = b.sample.text.count > 40 ? String(b.sample.text.prefix(40)) + "…" : b.sample.text
            return "<Sample \(b.sample.ids.count) tokens\(b.sample.truncated ? " truncated" : "") \(String(reflecting: text))>"
        }
    }

    static func idsOf(_ v: Value, model: DecoderModel) throws -> [Int] {
        if let s = v.stringValue {
            guard let tok = model.tokenizer else { throw ScriptError(.value, "this model has no tokenizer: pass token ids") }
            return tok.encode(s)
        }
        guard let ids = v.intList else { throw ScriptError(.type, "expected a list of token ids or a string") }
        if let bad = ids.first(where: { $0 < 0 || $0 >= model.config.vocabSize }) {
            throw ScriptError(.index, "token id \(bad) is outside the vocabulary 0..<\(model.config.vocabSize)")
        }
        guard !ids.isEmpty else { throw ScriptError(.value, "empty token list") }
        return ids
    }

    static func register(in r: Registry) {
        r.describe(tensorType); r.describe(tokenizerType); r.describe(modelType); r.describe(sampleType)
        r.function("load", params: [Param("path", .string, doc: "an HF model folder or a .gguf file")],
                   doc: "Loads a Hugging Face folder (config.json, safetensors, tokenizer.json) or a .gguf file (llama/qwen2; see Docs/BringYourOwnModel.md).") { a, _ in
            let path = a.stringArg("path")
            return modelType.wrap(try bridge("load \(path)") {
                path.lowercased().hasSuffix(".gguf") ? try DecoderModel.load(gguf: URL(fileURLWithPath: path))
                                                     : try DecoderModel.load(folder: URL(fileURLWithPath: path))
            })
        }
        r.function("tokenizer", params: [Param("path", .string, doc: "a tokenizer.json or a folder holding one")],
                   doc: "Loads an HF tokenizer.json.") { a, _ in
            let path = a.stringArg("path")
            return tokenizerType.wrap(try bridge("tokenizer \(path)") { try Tokenizer(contentsOf: URL(fileURLWithPath: path)) })
        }
        r.function("model", params: [
            Param("family", .choice(["llama", "qwen2"]), default: "llama", doc: "llama or qwen2"),
            Param("tokenizer", .optional(.native("Tokenizer")), default: .null, doc: "sets the vocabulary and special ids"),
            Param("vocab", .optional(.int), default: .null, doc: "vocabulary size without a tokenizer"),
            Param("dim", .int, default: 64), Param("layers", .int, default: 2), Param("heads", .int, default: 4),
            Param("kv_heads", .optional(.int), default: .null), Param("ffn", .optional(.int), default: .null, doc: "intermediate size (default ≈ 8/3·dim)"),
            Param("tied", .bool, default: true), Param("init_std", .float, default: 0.02), Param("max_positions", .int, default: 4096),
        ], doc: "A new randomly initialised decoder (HF init: N(0, init_std)).") { a, interp in
            let famName = a.stringArg("family")
            guard let family = ModelFamily(rawValue: famName) else { throw a.error("family must be \"llama\" or \"qwen2\", got \"\(famName)\"") }
            let tok = tokenizerType.unwrap(a["tokenizer"])
            guard let vocab = tok?.vocabSize ?? a.int("vocab") else { throw a.error("model() needs tokenizer= or vocab=") }
            let dim = a.intArg("dim"), heads = a.intArg("heads")
            let ffn = a.int("ffn") ?? ((dim * 8 / 3 + 15) / 16 * 16)
            let config = ModelConfig(family: family, vocabSize: vocab, hiddenSize: dim, hiddenLayers: a.intArg("layers"), attentionHeads: heads,
                                     kvHeads: a.int("kv_heads") ?? heads, intermediateSize: ffn, tieWordEmbeddings: a.boolArg("tied"),
                                     maxPositionEmbeddings: a.intArg("max_positions"), initializerRange: a.doubleArg("init_std"),
                                     bosTokenId: tok?.bosId, eosTokenIds: tok?.eosId.map { [$0] } ?? [])
            var rng = engineRNG(interp)
            let m = try bridge("model") { try DecoderModel(randomWith: config, rng: &rng) }
            m.tokenizer = tok
            return modelType.wrap(m)
        }
        r.function("bpe_train", params: [
            Param("data", .any, doc: "a Corpus, a Mixture, a corpus name, or a list of texts"),
            Param("vocab", .int, default: 1024, doc: "vocabulary size including special tokens"),
            Param("special", .optional(.list), default: .null, doc: "special tokens (default: the family's)"),
            Param("family", .string, default: "llama3", doc: "llama3 (digits in groups of 3) or qwen2 (single digits)"),
            Param("docs", .int, default: 2000, doc: "documents taken from each corpus"),
        ], doc: "Trains a byte-level BPE tokenizer that HF tokenizers loads and encodes identically.") { a, interp in
            guard let family = TokenizerFamily(rawValue: a.stringArg("family")) else {
                throw a.error("family must be llama3 or qwen2")
            }
            var texts: [String] = []
            if let items = a["data"].listItems, items.allSatisfy({ $0.stringValue != nil }) {
                texts = items.compactMap(\.stringValue)
            } else {
                let mix = try DataBindings.mixture(from: a["data"], interp: interp)
                for p in mix.parts { texts += try bridge("bpe_train") { try p.corpus.sampleTexts(count: max(1, a.intArg("docs"))) } }
            }
            guard !texts.isEmpty else { throw a.error("bpe_train: no text to train on") }
            let special = a["special"].listItems?.compactMap(\.stringValue)
                ?? (family == .llama3 ? ["<|begin_of_text|>", "<|end_of_text|>"] : ["<|endoftext|>", "<|im_start|>", "<|im_end|>"])
            let tok = try bridge("bpe_train") {
                try Tokenizer.train(texts: texts, vocabSize: a.intArg("vocab"), specialTokens: special, family: family)
            }
            return tokenizerType.wrap(tok)
        }
        r.function("save", params: [Param("model", .native("Model")), Param("dir", .string), Param("dtype", .choice(["f32", "bf16"]), default: "f32", doc: "f32 or bf16")],
                   doc: "Writes an HF folder transformers can load (atomically).") { a, _ in
            guard let m = modelType.unwrap(a["model"]) else { throw a.error("save: expected a Model") }
            let dtype: SafetensorsDType = a.stringArg("dtype") == "bf16" ? .bf16 : .f32
            try bridge("save") { try m.save(folder: URL(fileURLWithPath: a.stringArg("dir")), dtype: dtype) }
            return .null
        }
        r.function("generate", params: [
            Param("model", .native("Model")), Param("prompt", .any, doc: "text, token ids, or a list of texts"),
            Param("n", .int, default: 1, doc: "samples per prompt"), Param("max_tokens", .int, default: 64),
            Param("temperature", .float, default: 1.0), Param("top_p", .float, default: 1.0), Param("top_k", .int, default: 0),
            Param("greedy", .bool, default: false), Param("stop", .optional(.list), default: .null, doc: "stop strings"),
            Param("top_alternatives", .int, default: 5, doc: "alternatives kept per token for inspect()"),
        ], doc: "Samples responses (batched, KV cache); returns a list of Sample (flat, prompt-major).") { a, interp in
            guard let m = modelType.unwrap(a["model"]) else { throw a.error("generate: expected a Model") }
            var prompts: [[Int]]
            if let items = a["prompt"].listItems, items.allSatisfy({ $0.stringValue != nil }), !items.isEmpty {
                prompts = try items.map { try idsOf($0, model: m) }
            } else { prompts = [try idsOf(a["prompt"], model: m)] }
            let maxTokens = a.intArg("max_tokens")
            guard maxTokens >= 0, (a.intArg("n")) >= 1 else { throw a.error("n must be ≥ 1 and max_tokens ≥ 0") }
            let opts = SamplingOptions(temperature: Float(a.doubleArg("temperature")), topK: a.intArg("top_k"),
                                       topP: Float(a.doubleArg("top_p")), greedy: a.boolArg("greedy"), maxTokens: maxTokens,
                                       stopTokens: Set(m.config.eosTokenIds + (m.tokenizer?.eosId.map { [$0] } ?? [])),
                                       stopStrings: a["stop"].listItems?.compactMap(\.stringValue) ?? [],
                                       alternatives: a.intArg("top_alternatives"))
            var rng = engineRNG(interp)
            let tok = m.tokenizer
            let out = try bridge("generate") {
                try m.generate(prompts: prompts, n: a.intArg("n"), options: opts, rng: &rng,
                               decode: tok.map { t in { t.decode($0) } }, progress: InterruptibleProgress.withBar())
            }
            return .makeList(out.flatMap { $0 }.map { sampleType.wrap(SampleBox($0, tokenizer: tok, model: m)) })
        }
    }
}
