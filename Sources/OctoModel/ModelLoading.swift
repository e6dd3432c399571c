// Loading a Hugging Face model folder (config.json + safetensors, single or sharded).
import Foundation
import OctoTensor

extension DecoderModel {
    /// Loads config.json and the weights of an HF folder (model.safetensors or a sharded index).
    public static func load(folder: URL) throws -> DecoderModel {
        let spec = try DecoderSpec.read(folder: folder)
        let weights = try SafetensorsCheckpoint(folder: folder)
        return try DecoderModel(spec: spec, weights: weights)
    }
}

extension DecoderSpec {
    /// Reads config.json of an HF folder.
    public static func read(folder: URL) throws -> DecoderSpec {
        let url = folder.appendingPathComponent("config.json")
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ModelError.invalidSpec("cannot read \(url.path): \(error.localizedDescription)")
        }
        guard let j = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ModelError.invalidSpec("\(url.path) is not a JSON object")
        }
        func int(_ k: String) throws -> Int {
            guard let v = (j[k] as? NSNumber)?.intValue else { throw ModelError.invalidSpec("\(url.lastPathComponent): missing or non-integer field '\(k)'") }
            return v
        }
        let arch = (j["architectures"] as? [String])?.first ?? ""
        let family: ModelFamily
        switch (arch, j["model_type"] as? String) {
        case ("LlamaForCausalLM", _), (_, "llama"): family = .llama
        case ("Qwen2ForCausalLM", _), (_, "qwen2"): family = .qwen2
        default: throw ModelError.invalidSpec("\(url.lastPathComponent): unsupported architecture '\(arch)' (supported: LlamaForCausalLM, Qwen2ForCausalLM)")
        }
        var scaling: Llama3RopeScaling?
        if let rs = j["rope_scaling"] as? [String: Any] {
            let type = (rs["rope_type"] ?? rs["type"]) as? String ?? ""
            guard type == "llama3" else { throw ModelError.invalidSpec("\(url.lastPathComponent): rope_scaling type '\(type)' is not supported (supported: llama3, or null)") }
            scaling = Llama3RopeScaling(factor: (rs["factor"] as? NSNumber)?.doubleValue ?? 8,
                                        lowFreqFactor: (rs["low_freq_factor"] as? NSNumber)?.doubleValue ?? 1,
                                        highFreqFactor: (rs["high_freq_factor"] as? NSNumber)?.doubleValue ?? 4,
                                        originalMaxPositions: (rs["original_max_position_embeddings"] as? NSNumber)?.intValue ?? 8192)
        }
        let heads = try int("num_attention_heads")
        let eos: [Int] = (j["eos_token_id"] as? [NSNumber])?.map(\.intValue) ?? ((j["eos_token_id"] as? NSNumber).map { [$0.intValue] } ?? [])
        return DecoderSpec(family: family, vocabSize: try int("vocab_size"), hiddenSize: try int("hidden_size"),
                           layers: try int("num_hidden_layers"), heads: heads,
                           kvHeads: (j["num_key_value_heads"] as? NSNumber)?.intValue ?? heads,
                           headDim: (j["head_dim"] as? NSNumber)?.intValue, intermediateSize: try int("intermediate_size"),
                           rmsEps: (j["rms_norm_eps"] as? NSNumber)?.floatValue, ropeTheta: (j["rope_theta"] as? NSNumber)?.doubleValue,
                           ropeScaling: scaling, tieEmbeddings: (j["tie_word_embeddings"] as? Bool) ?? (family == .qwen2 ? false : false),
                           qkvBias: family == .qwen2 ? true : ((j["attention_bias"] as? Bool) ?? false),
                           maxPositions: (j["max_position_embeddings"] as? NSNumber)?.intValue ?? 4096,
                           initializerRange: (j["initializer_range"] as? NSNumber)?.floatValue ?? 0.02,
                           bosId: (j["bos_token_id"] as? NSNumber)?.intValue, eosIds: eos)
    }
}
