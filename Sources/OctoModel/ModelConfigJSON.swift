// config.json ⇄ ModelConfig. Reads the Hub layout (`rope_theta`, `rope_scaling`, `torch_dtype`)
// and the transformers-5 layout (`rope_parameters`, `dtype`); writes transformers' layout
// with sorted keys. Unsupported values (another rope type, activation or architecture) throw.
import Foundation
import OctoTensor

extension ModelConfig {
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
        let read = ConfigFieldReader(container: try decoder.container(keyedBy: CodingKeys.self), prefix: "")
        if let names = try read.strings(.architectures), let first = names.first {
            guard let family = ModelFamily.allCases.first(where: { $0.architecture == first }) else {
                throw ModelFileError.unknownArchitecture(file: "config.json", value: first,
                                                         allowed: ModelFamily.allCases.map(\.architecture))
            }
            self.family = family
        } else if let type = try read.string(.modelType) {
            guard let family = ModelFamily(rawValue: type) else {
                throw ModelFileError.unknownArchitecture(file: "config.json", value: type,
                                                         allowed: ModelFamily.allCases.map(\.rawValue))
            }
            self.family = family
        } else {
            throw ModelFileError.missingField(file: "config.json", field: CodingKeys.architectures.rawValue)
        }
        let isLlama = family == .llama
        hiddenSize = try read.required(read.int(.hiddenSize), .hiddenSize)
        hiddenLayers = try read.required(read.int(.hiddenLayers), .hiddenLayers)
        attentionHeads = try read.required(read.int(.attentionHeads), .attentionHeads)
        kvHeads = try read.int(.kvHeads) ?? attentionHeads
        let givenHeadDim = try read.int(.headDim)
        headDim = givenHeadDim ?? (attentionHeads > 0 ? hiddenSize / attentionHeads : 0)
        intermediateSize = try read.required(read.int(.intermediateSize), .intermediateSize)
        vocabSize = try read.required(read.int(.vocabSize), .vocabSize)
        rmsNormEps = try read.double(.rmsNormEps) ?? 1e-6
        tieWordEmbeddings = try read.bool(.tieWordEmbeddings) ?? false
        attentionBias = try isLlama ? (read.bool(.attentionBias) ?? false) : false
        maxPositionEmbeddings = try read.int(.maxPositionEmbeddings) ?? (isLlama ? 2048 : 32768)
        bosTokenId = try read.int(.bosTokenId)
        eosTokenIds = try read.intOrInts(.eosTokenIds) ?? []
        initializerRange = try read.double(.initializerRange) ?? 0.02
        torchDtype = try read.string(.torchDtype) ?? read.string(.dtype)

        // RoPE: transformers 5's rope_parameters wins over rope_theta / rope_scaling.
        if let parameters = try read.object(.ropeParameters) {
            ropeTheta = try parameters.double(.ropeTheta) ?? read.double(.ropeTheta) ?? 10_000
            ropeScaling = try ModelConfig.decodeScaling(parameters)
        } else {
            ropeTheta = try read.double(.ropeTheta) ?? 10_000
            ropeScaling = try read.object(.ropeScaling).flatMap(ModelConfig.decodeScaling)
        }

        let act = try read.string(.hiddenAct) ?? "silu"
        guard act == "silu" else {
            throw ModelFileError.unsupportedValue(file: "config.json", field: CodingKeys.hiddenAct.rawValue, value: act, allowed: ["silu"])
        }
        if isLlama, try read.bool(.mlpBias) == true {
            throw ModelFileError.unsupportedValue(file: "config.json", field: CodingKeys.mlpBias.rawValue, value: "true", allowed: ["false"])
        }
        if !isLlama, try read.bool(.useSlidingWindow) == true {
            throw ModelFileError.unsupportedValue(file: "config.json", field: CodingKeys.useSlidingWindow.rawValue,
                                                  value: "true", allowed: ["false"])
        }
        if givenHeadDim == nil, attentionHeads > 0, hiddenSize % attentionHeads != 0 {
            throw ModelFileError.invalidField(file: "config.json", field: CodingKeys.hiddenSize.rawValue,
                                              reason: "\(hiddenSize) is not divisible by num_attention_heads \(attentionHeads)")
        }
        try validate()
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
        var generation: [String: HFJSON] = ["_from_model_config": .bool(true), CodingKeys.eosTokenIds.rawValue: eosJSON]
        if let bos = bosTokenId { generation[CodingKeys.bosTokenId.rawValue] = .int(bos) }
        try HFFolder.writeFileAtomically(Data(HFJSON.object(generation).rendered().utf8), to: hf.generationConfigURL)
    }

    private var eosJSON: HFJSON {
        eosTokenIds.count == 1 ? .int(eosTokenIds[0]) : eosTokenIds.isEmpty ? .null : .array(eosTokenIds.map(HFJSON.int))
    }

    /// The config.json object.
    func configJSON() -> HFJSON {
        var fields: [CodingKeys: HFJSON] = [
            .architectures: .array(architectures.map(HFJSON.string)), .modelType: .string(modelType),
            .attentionDropout: .double(0), .bosTokenId: bosTokenId.map(HFJSON.int) ?? .null,
            .eosTokenIds: eosJSON, .headDim: .int(headDim), .hiddenAct: .string(hiddenAct),
            .hiddenSize: .int(hiddenSize), .initializerRange: .double(initializerRange),
            .intermediateSize: .int(intermediateSize), .maxPositionEmbeddings: .int(maxPositionEmbeddings),
            .attentionHeads: .int(attentionHeads), .hiddenLayers: .int(hiddenLayers),
            .kvHeads: .int(kvHeads), .rmsNormEps: .double(rmsNormEps),
            .ropeTheta: .double(ropeTheta), .tieWordEmbeddings: .bool(tieWordEmbeddings),
            .torchDtype: torchDtype.map(HFJSON.string) ?? .null, .useCache: .bool(true),
            .vocabSize: .int(vocabSize), .padTokenId: .null,
        ]
        switch ropeScaling {
        case nil: fields[.ropeScaling] = .null
        case let .llama3(factor, low, high, original)?:
            fields[.ropeScaling] = .object([
                CodingKeys.ropeType.rawValue: .string("llama3"), CodingKeys.factor.rawValue: .double(factor),
                CodingKeys.lowFreqFactor.rawValue: .double(low), CodingKeys.highFreqFactor.rawValue: .double(high),
                CodingKeys.originalMaxPositionEmbeddings.rawValue: .int(original),
            ])
        }
        if family == .llama {
            fields[.attentionBias] = .bool(attentionBias)
            fields[.mlpBias] = .bool(false)
            fields[.pretrainingTp] = .int(1)
        } else {
            fields[.useSlidingWindow] = .bool(false)
            fields[.slidingWindow] = .null
            fields[.maxWindowLayers] = .int(28)  // transformers' default; unused without sliding windows
            if headDim == hiddenSize / attentionHeads { fields[.headDim] = nil }  // as Qwen2 checkpoints
        }
        return .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) }))
    }

    // MARK: - Helpers

    /// `rope_scaling` / `rope_parameters`: "llama3" → `.llama3`, "default" → nil, else an error.
    private static func decodeScaling(_ scaling: ConfigFieldReader) throws -> RopeScaling? {
        let typeKey: CodingKeys = try scaling.string(.ropeType) != nil ? .ropeType : .type
        guard let type = try scaling.string(typeKey) else {
            throw ModelFileError.missingField(file: "config.json", field: scaling.prefix + CodingKeys.ropeType.rawValue)
        }
        switch type {
        case "default": return nil
        case "llama3":
            return .llama3(factor: try scaling.required(scaling.double(.factor), .factor),
                           lowFreqFactor: try scaling.required(scaling.double(.lowFreqFactor), .lowFreqFactor),
                           highFreqFactor: try scaling.required(scaling.double(.highFreqFactor), .highFreqFactor),
                           originalMaxPositionEmbeddings: try scaling.required(
                               scaling.int(.originalMaxPositionEmbeddings), .originalMaxPositionEmbeddings))
        default:
            throw ModelFileError.unsupportedValue(file: "config.json", field: scaling.prefix + typeKey.rawValue,
                                                  value: type, allowed: ["llama3", "default"])
        }
    }

    static func dotted(_ path: [CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
}

/// Typed, optional reads from a config.json object; a present key of the wrong type throws
/// `ModelFileError.invalidField` naming `prefix + key`.
struct ConfigFieldReader {
    typealias Key = ModelConfig.CodingKeys
    let container: KeyedDecodingContainer<Key>
    let prefix: String

    private func value<T: Decodable>(_ type: T.Type, _ key: Key, _ what: String) throws -> T? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        do { return try container.decode(T.self, forKey: key) } catch {
            throw ModelFileError.invalidField(file: "config.json", field: prefix + key.rawValue, reason: "expected \(what)")
        }
    }

    func int(_ key: Key) throws -> Int? { try value(Int.self, key, "an integer") }
    func double(_ key: Key) throws -> Double? { try value(Double.self, key, "a number") }
    func bool(_ key: Key) throws -> Bool? { try value(Bool.self, key, "true or false") }
    func string(_ key: Key) throws -> String? { try value(String.self, key, "a string") }
    func strings(_ key: Key) throws -> [String]? { try value([String].self, key, "a list of strings") }

    /// An int or a list of ints (as `eos_token_id`).
    func intOrInts(_ key: Key) throws -> [Int]? {
        if let list = try? value([Int].self, key, "") { return list }
        return try value(Int.self, key, "an integer or a list of integers").map { [$0] }
    }

    /// A nested object, or nil when absent or null.
    func object(_ key: Key) throws -> ConfigFieldReader? {
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        do {
            return ConfigFieldReader(container: try container.nestedContainer(keyedBy: Key.self, forKey: key),
                                     prefix: prefix + key.rawValue + ".")
        } catch {
            throw ModelFileError.invalidField(file: "config.json", field: prefix + key.rawValue, reason: "expected an object or null")
        }
    }

    /// `value`, or `ModelFileError.missingField` naming `prefix + key`.
    func required<T>(_ value: T?, _ key: Key) throws -> T {
        guard let value else { throw ModelFileError.missingField(file: "config.json", field: prefix + key.rawValue) }
        return value
    }
}
