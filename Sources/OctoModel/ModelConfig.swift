// config.json of the two decoder families octorepl implements, field for field as transformers
// writes them: LlamaForCausalLM (configuration_llama.py, Llama 3.x) and Qwen2ForCausalLM
// (configuration_qwen2.py, Qwen2 / Qwen2.5). Both read the Hub layout (`rope_theta`,
// `rope_scaling`, `torch_dtype`) and the transformers-5 layout (`rope_parameters`, `dtype`).
// Unsupported values (another rope type, another activation, another architecture) throw.
import Foundation

/// The hyper-parameters of a Llama-3.x or Qwen2/2.5 decoder, as in its `config.json`.
public struct ModelConfig: Codable, Equatable, Sendable {
    /// Decoder family; Qwen2 differs from Llama by its q/k/v biases.
    public enum Family: String, CaseIterable, Sendable {
        case llama, qwen2

        /// The `architectures` entry transformers writes for this family.
        public var architecture: String { self == .llama ? "LlamaForCausalLM" : "Qwen2ForCausalLM" }
    }

    /// RoPE frequency scaling (`rope_scaling` / `rope_parameters`). Only Llama 3's is supported.
    public enum RopeScaling: Equatable, Sendable {
        /// Llama 3.1+ scaling: wavelengths above original/lowFreqFactor are divided by
        /// `factor`, those below original/highFreqFactor kept, smooth in between.
        case llama3(factor: Double, lowFreqFactor: Double, highFreqFactor: Double,
                    originalMaxPositionEmbeddings: Int)
    }

    // MARK: - Fields (each names its config.json key)

    /// `architectures`, e.g. `["LlamaForCausalLM"]`.
    public var architectures: [String]
    /// `model_type`: "llama" or "qwen2".
    public var modelType: String
    /// `hidden_size`: width of the residual stream.
    public var hiddenSize: Int
    /// `num_hidden_layers`: number of decoder blocks.
    public var hiddenLayers: Int
    /// `num_attention_heads`: query heads.
    public var attentionHeads: Int
    /// `num_key_value_heads` (default: `attentionHeads`); fewer than the query heads is GQA.
    public var kvHeads: Int
    /// `head_dim` (default: hiddenSize / attentionHeads).
    public var headDim: Int
    /// `intermediate_size`: width of the SwiGLU MLP.
    public var intermediateSize: Int
    /// `vocab_size`.
    public var vocabSize: Int
    /// `rms_norm_eps`.
    public var rmsNormEps: Double
    /// `rope_theta` (or `rope_parameters.rope_theta`): RoPE base.
    public var ropeTheta: Double
    /// `rope_scaling` / `rope_parameters`; nil is plain RoPE.
    public var ropeScaling: RopeScaling?
    /// `tie_word_embeddings`: the output projection is the embedding matrix.
    public var tieWordEmbeddings: Bool
    /// Llama's `attention_bias` (biases on q, k, v and o). Qwen2 has q/k/v biases regardless.
    public var attentionBias: Bool
    /// `max_position_embeddings`.
    public var maxPositionEmbeddings: Int
    /// `bos_token_id` (nil for Qwen2).
    public var bosTokenId: Int?
    /// `eos_token_id`: one id or a list in config.json.
    public var eosTokenIds: [Int]
    /// `initializer_range`: std of the normal init of new weights.
    public var initializerRange: Double
    /// `hidden_act`; only "silu" is accepted.
    public var hiddenAct: String
    /// `torch_dtype` (transformers 5: `dtype`), e.g. "float32", "bfloat16".
    public var torchDtype: String?

    /// The decoder family, from `architectures` (or `model_type`).
    public var family: Family { modelType == "qwen2" ? .qwen2 : .llama }
    /// Whether q/k/v projections have biases (always for Qwen2, `attention_bias` for Llama).
    public var qkvBias: Bool { family == .qwen2 || attentionBias }
    /// Whether the output projection has a bias (Llama with `attention_bias` only).
    public var outputProjectionBias: Bool { family == .llama && attentionBias }

    static let supportedArchitectures = Family.allCases.map(\.architecture)

    // MARK: - Init

    /// A config for a new model. Defaults follow the family (Llama: eps 1e-5, theta 500000;
    /// Qwen2: eps 1e-6, theta 1e6).
    /// - Throws: `ModelFileError.invalidField` for impossible sizes (heads not dividing, …).
    public init(family: Family, hiddenSize: Int, hiddenLayers: Int, attentionHeads: Int, kvHeads: Int? = nil,
                headDim: Int? = nil, intermediateSize: Int, vocabSize: Int, rmsNormEps: Double? = nil,
                ropeTheta: Double? = nil, ropeScaling: RopeScaling? = nil, tieWordEmbeddings: Bool = true,
                maxPositionEmbeddings: Int = 2048, bosTokenId: Int? = nil, eosTokenIds: [Int] = [],
                initializerRange: Double = 0.02, torchDtype: String? = "float32") throws {
        architectures = [family.architecture]
        modelType = family.rawValue
        self.hiddenSize = hiddenSize; self.hiddenLayers = hiddenLayers
        self.attentionHeads = attentionHeads; self.kvHeads = kvHeads ?? attentionHeads
        self.headDim = headDim ?? (attentionHeads > 0 ? hiddenSize / attentionHeads : 0)
        self.intermediateSize = intermediateSize; self.vocabSize = vocabSize
        self.rmsNormEps = rmsNormEps ?? (family == .llama ? 1e-5 : 1e-6)
        self.ropeTheta = ropeTheta ?? (family == .llama ? 500_000 : 1_000_000)
        self.ropeScaling = ropeScaling; self.tieWordEmbeddings = tieWordEmbeddings
        attentionBias = false
        self.maxPositionEmbeddings = maxPositionEmbeddings
        self.bosTokenId = bosTokenId; self.eosTokenIds = eosTokenIds
        self.initializerRange = initializerRange; hiddenAct = "silu"; self.torchDtype = torchDtype
        try validate(headDimGiven: headDim != nil)
    }

    /// Reads `config.json` at `url` (or inside the folder `url`).
    /// - Throws: `ModelFileError` naming the file and the field.
    public static func load(from url: URL) throws -> ModelConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ModelFileError.fileNotFound(file: url.path)
        }
        let file = isDirectory.boolValue ? url.appendingPathComponent("config.json") : url
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw ModelFileError.fileNotFound(file: file.path)
        }
        do {
            return try JSONDecoder().decode(ModelConfig.self, from: data)
        } catch let error as ModelFileError {
            throw error.inFile(file.path)
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            throw ModelFileError.invalidField(file: file.path, field: dotted(context.codingPath), reason: "wrong JSON type")
        } catch {
            throw ModelFileError.badConfig(file: file.path, reason: "not a JSON object (\(error.localizedDescription))")
        }
    }

    /// Decodes from the config.json layout; errors name the field (and "config.json" as file).
    public init(from decoder: Decoder) throws {
        let json = try decoder.container(keyedBy: HFJSONKey.self)
        let read = ConfigFieldReader(container: json, prefix: "")
        if let names = try read.strings("architectures"), let first = names.first {
            guard let family = Family.allCases.first(where: { $0.architecture == first }) else {
                throw ModelFileError.unknownArchitecture(file: "config.json", value: first,
                                                         allowed: ModelConfig.supportedArchitectures)
            }
            architectures = names; modelType = family.rawValue
        } else if let type = try read.string("model_type") {
            guard let family = Family(rawValue: type) else {
                throw ModelFileError.unknownArchitecture(file: "config.json", value: type,
                                                         allowed: Family.allCases.map(\.rawValue))
            }
            architectures = [family.architecture]; modelType = type
        } else {
            throw ModelFileError.missingField(file: "config.json", field: "architectures")
        }
        let isLlama = modelType == Family.llama.rawValue
        hiddenSize = try read.required(read.int("hidden_size"), "hidden_size")
        hiddenLayers = try read.required(read.int("num_hidden_layers"), "num_hidden_layers")
        attentionHeads = try read.required(read.int("num_attention_heads"), "num_attention_heads")
        kvHeads = try read.int("num_key_value_heads") ?? attentionHeads
        let givenHeadDim = try read.int("head_dim")
        headDim = givenHeadDim ?? (attentionHeads > 0 ? hiddenSize / attentionHeads : 0)
        intermediateSize = try read.required(read.int("intermediate_size"), "intermediate_size")
        vocabSize = try read.required(read.int("vocab_size"), "vocab_size")
        rmsNormEps = try read.double("rms_norm_eps") ?? 1e-6
        tieWordEmbeddings = try read.bool("tie_word_embeddings") ?? false
        attentionBias = try isLlama ? (read.bool("attention_bias") ?? false) : false
        maxPositionEmbeddings = try read.int("max_position_embeddings") ?? (isLlama ? 2048 : 32768)
        bosTokenId = try read.int("bos_token_id")
        eosTokenIds = try read.intOrInts("eos_token_id") ?? []
        initializerRange = try read.double("initializer_range") ?? 0.02
        hiddenAct = try read.string("hidden_act") ?? "silu"
        torchDtype = try read.string("torch_dtype") ?? read.string("dtype")

        // RoPE: transformers 5's rope_parameters wins over rope_theta / rope_scaling.
        if let parameters = try read.object("rope_parameters") {
            ropeTheta = try parameters.double("rope_theta") ?? read.double("rope_theta") ?? 10_000
            ropeScaling = try ModelConfig.decodeScaling(parameters)
        } else {
            ropeTheta = try read.double("rope_theta") ?? 10_000
            ropeScaling = try read.object("rope_scaling").flatMap(ModelConfig.decodeScaling)
        }

        guard hiddenAct == "silu" else {
            throw ModelFileError.unsupportedValue(file: "config.json", field: "hidden_act", value: hiddenAct, allowed: ["silu"])
        }
        if isLlama, try read.bool("mlp_bias") == true {
            throw ModelFileError.unsupportedValue(file: "config.json", field: "mlp_bias", value: "true", allowed: ["false"])
        }
        if !isLlama, try read.bool("use_sliding_window") == true {
            throw ModelFileError.unsupportedValue(file: "config.json", field: "use_sliding_window",
                                                  value: "true", allowed: ["false"])
        }
        try validate(headDimGiven: givenHeadDim != nil)
    }

    // MARK: - Writing

    /// Encodes in config.json's layout (the same keys `write(to:)` writes).
    public func encode(to encoder: Encoder) throws { try configJSON().encode(to: encoder) }

    /// Writes `config.json` (transformers' layout, keys sorted) and `generation_config.json`
    /// (bos/eos) into `folder`, each file atomically.
    /// - Throws: `ModelFileError.ioFailed`.
    public func write(to folder: URL) throws {
        let hf = HFFolder(folder)
        try HFFolder.writeFileAtomically(Data(configJSON().rendered().utf8), to: hf.configURL)
        var generation: [String: HFJSON] = ["_from_model_config": .bool(true), "eos_token_id": eosJSON]
        if let bos = bosTokenId { generation["bos_token_id"] = .int(bos) }
        try HFFolder.writeFileAtomically(Data(HFJSON.object(generation).rendered().utf8), to: hf.generationConfigURL)
    }

    private var eosJSON: HFJSON {
        eosTokenIds.count == 1 ? .int(eosTokenIds[0]) : eosTokenIds.isEmpty ? .null : .array(eosTokenIds.map(HFJSON.int))
    }

    /// The config.json object.
    func configJSON() -> HFJSON {
        var fields: [String: HFJSON] = [
            "architectures": .array(architectures.map(HFJSON.string)), "model_type": .string(modelType),
            "attention_dropout": .double(0), "bos_token_id": bosTokenId.map(HFJSON.int) ?? .null,
            "eos_token_id": eosJSON, "head_dim": .int(headDim), "hidden_act": .string(hiddenAct),
            "hidden_size": .int(hiddenSize), "initializer_range": .double(initializerRange),
            "intermediate_size": .int(intermediateSize), "max_position_embeddings": .int(maxPositionEmbeddings),
            "num_attention_heads": .int(attentionHeads), "num_hidden_layers": .int(hiddenLayers),
            "num_key_value_heads": .int(kvHeads), "rms_norm_eps": .double(rmsNormEps),
            "rope_theta": .double(ropeTheta), "tie_word_embeddings": .bool(tieWordEmbeddings),
            "torch_dtype": torchDtype.map(HFJSON.string) ?? .null, "use_cache": .bool(true),
            "vocab_size": .int(vocabSize), "pad_token_id": .null,
        ]
        switch ropeScaling {
        case nil: fields["rope_scaling"] = .null
        case let .llama3(factor, low, high, original)?:
            fields["rope_scaling"] = .object([
                "rope_type": .string("llama3"), "factor": .double(factor), "low_freq_factor": .double(low),
                "high_freq_factor": .double(high), "original_max_position_embeddings": .int(original),
            ])
        }
        if family == .llama {
            fields["attention_bias"] = .bool(attentionBias)
            fields["mlp_bias"] = .bool(false)
            fields["pretraining_tp"] = .int(1)
        } else {
            fields["use_sliding_window"] = .bool(false)
            fields["sliding_window"] = .null
            fields["max_window_layers"] = .int(28)  // transformers' default; unused without sliding windows
            if headDim == hiddenSize / attentionHeads { fields["head_dim"] = nil }  // as Qwen2 checkpoints
        }
        return .object(fields)
    }

    // MARK: - Helpers

    /// `rope_scaling` / `rope_parameters`: "llama3" → `.llama3`, "default" → nil, else an error.
    private static func decodeScaling(_ scaling: ConfigFieldReader) throws -> RopeScaling? {
        let typeKey = try scaling.string("rope_type") != nil ? "rope_type" : "type"
        guard let type = try scaling.string(typeKey) else {
            throw ModelFileError.missingField(file: "config.json", field: scaling.prefix + "rope_type")
        }
        switch type {
        case "default": return nil
        case "llama3":
            return .llama3(factor: try scaling.required(scaling.double("factor"), "factor"),
                           lowFreqFactor: try scaling.required(scaling.double("low_freq_factor"), "low_freq_factor"),
                           highFreqFactor: try scaling.required(scaling.double("high_freq_factor"), "high_freq_factor"),
                           originalMaxPositionEmbeddings: try scaling.required(
                               scaling.int("original_max_position_embeddings"), "original_max_position_embeddings"))
        default:
            throw ModelFileError.unsupportedValue(file: "config.json", field: scaling.prefix + typeKey,
                                                  value: type, allowed: ["llama3", "default"])
        }
    }

    private func validate(headDimGiven: Bool) throws {
        let positive: [(String, Int)] = [
            ("hidden_size", hiddenSize), ("num_hidden_layers", hiddenLayers), ("num_attention_heads", attentionHeads),
            ("num_key_value_heads", kvHeads), ("intermediate_size", intermediateSize), ("vocab_size", vocabSize),
            ("max_position_embeddings", maxPositionEmbeddings),
        ]
        for (field, value) in positive where value <= 0 {
            throw ModelFileError.invalidField(file: "config.json", field: field, reason: "must be positive, got \(value)")
        }
        if !headDimGiven, hiddenSize % attentionHeads != 0 {
            throw ModelFileError.invalidField(file: "config.json", field: "hidden_size",
                                              reason: "\(hiddenSize) is not divisible by num_attention_heads \(attentionHeads)")
        }
        guard headDim > 0, headDim % 2 == 0 else {
            throw ModelFileError.invalidField(file: "config.json", field: "head_dim", reason: "must be positive and even, got \(headDim)")
        }
        guard attentionHeads % kvHeads == 0 else {
            throw ModelFileError.invalidField(file: "config.json", field: "num_key_value_heads",
                                              reason: "\(kvHeads) does not divide num_attention_heads \(attentionHeads)")
        }
    }

    static func dotted(_ path: [CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
}

/// Typed, optional reads from a JSON object; a present key of the wrong type throws
/// `ModelFileError.invalidField` naming `prefix + key`.
struct ConfigFieldReader {
    let container: KeyedDecodingContainer<HFJSONKey>
    let prefix: String

    private func value<T: Decodable>(_ type: T.Type, _ key: String, _ what: String) throws -> T? {
        let codingKey = HFJSONKey(key)
        guard container.contains(codingKey), try !container.decodeNil(forKey: codingKey) else { return nil }
        do { return try container.decode(T.self, forKey: codingKey) } catch {
            throw ModelFileError.invalidField(file: "config.json", field: prefix + key, reason: "expected \(what)")
        }
    }

    func int(_ key: String) throws -> Int? { try value(Int.self, key, "an integer") }
    func double(_ key: String) throws -> Double? { try value(Double.self, key, "a number") }
    func bool(_ key: String) throws -> Bool? { try value(Bool.self, key, "true or false") }
    func string(_ key: String) throws -> String? { try value(String.self, key, "a string") }
    func strings(_ key: String) throws -> [String]? { try value([String].self, key, "a list of strings") }

    /// An int or a list of ints (as `eos_token_id`).
    func intOrInts(_ key: String) throws -> [Int]? {
        if let list = try? value([Int].self, key, "") { return list }
        return try value(Int.self, key, "an integer or a list of integers").map { [$0] }
    }

    /// A nested object, or nil when absent or null.
    func object(_ key: String) throws -> ConfigFieldReader? {
        let codingKey = HFJSONKey(key)
        guard container.contains(codingKey), try !container.decodeNil(forKey: codingKey) else { return nil }
        do {
            return ConfigFieldReader(container: try container.nestedContainer(keyedBy: HFJSONKey.self, forKey: codingKey),
                               prefix: prefix + key + ".")
        } catch {
            throw ModelFileError.invalidField(file: "config.json", field: prefix + key, reason: "expected an object or null")
        }
    }

    /// `value`, or `ModelFileError.missingField` naming `prefix + key`.
    func required<T>(_ value: T?, _ key: String) throws -> T {
        guard let value else { throw ModelFileError.missingField(file: "config.json", field: prefix + key) }
        return value
    }
}
