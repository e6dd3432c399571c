import Foundation
import XCTest
@testable import OctoModel

final class ConfigTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try STFixtures.tempFolder(name) }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// The tiny Llama config.json as a mutable dictionary.
    func llamaJSON() throws -> [String: Any] {
        let data = try Data(contentsOf: STFixtures.folder("tiny-llama").appendingPathComponent("config.json"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Writes `json` to a config.json and returns the error loading it throws.
    func loadError(_ json: [String: Any], line: UInt = #line) throws -> ModelFileError? {
        let url = dir.appendingPathComponent("config.json")
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        do {
            _ = try ModelConfig.load(from: url)
            XCTFail("loaded a bad config", line: line)
        } catch let error as ModelFileError {
            XCTAssertTrue(error.description.contains(url.path), error.description, line: line)
            return error
        }
        return nil
    }

    func testTinyLlamaConfigParses() throws {
        let config = try ModelConfig.load(from: STFixtures.folder("tiny-llama"))
        XCTAssertEqual(config.family, .llama)
        XCTAssertEqual(config.architectures, ["LlamaForCausalLM"])
        XCTAssertEqual([config.hiddenSize, config.hiddenLayers, config.attentionHeads, config.kvHeads, config.headDim,
                        config.intermediateSize, config.vocabSize, config.maxPositionEmbeddings],
                       [64, 2, 4, 2, 16, 176, 600, 512])
        XCTAssertEqual(config.rmsNormEps, 1e-5)
        XCTAssertEqual(config.ropeTheta, 500_000)
        XCTAssertEqual(config.ropeScaling, .llama3(factor: 8, lowFreqFactor: 1, highFreqFactor: 4,
                                                   originalMaxPositionEmbeddings: 64))
        XCTAssertTrue(config.tieWordEmbeddings)
        XCTAssertFalse(config.qkvBias)
        XCTAssertEqual(config.bosTokenId, 595)
        XCTAssertEqual(config.eosTokenIds, [596])
        XCTAssertEqual(config.initializerRange, 0.1)
        XCTAssertEqual(config.hiddenAct, "silu")
        XCTAssertEqual(config.torchDtype, "float32")
        XCTAssertEqual(try ModelConfig.load(from: STFixtures.folder("tiny-llama-bf16")).torchDtype, "bfloat16")
        XCTAssertEqual(try ModelConfig.load(from: STFixtures.folder("tiny-llama-sharded")), config)
    }

    func testTinyQwen2ConfigParsesWithImplicitQKVBias() throws {
        let config = try ModelConfig.load(from: STFixtures.folder("tiny-qwen2").appendingPathComponent("config.json"))
        XCTAssertEqual(config.family, .qwen2)
        XCTAssertEqual(config.modelType, "qwen2")
        XCTAssertEqual([config.hiddenSize, config.hiddenLayers, config.attentionHeads, config.kvHeads, config.headDim,
                        config.intermediateSize, config.vocabSize], [64, 2, 4, 2, 16, 160, 500])
        XCTAssertEqual(config.rmsNormEps, 1e-6)
        XCTAssertEqual(config.ropeTheta, 1_000_000)
        XCTAssertNil(config.ropeScaling)
        XCTAssertTrue(config.qkvBias)
        XCTAssertNil(config.bosTokenId)
        XCTAssertEqual(config.eosTokenIds, [497])
    }

    func testTransformers5LayoutAndVariantsGiveTheSameConfig() throws {
        let hub = try ModelConfig.load(from: STFixtures.folder("tiny-llama"))
        var json = try llamaJSON()
        json["rope_parameters"] = ["rope_type": "llama3", "rope_theta": 500_000.0, "factor": 8.0, "low_freq_factor": 1.0,
                                   "high_freq_factor": 4.0, "original_max_position_embeddings": 64]
        json["rope_scaling"] = nil; json["rope_theta"] = nil
        json["dtype"] = json["torch_dtype"]; json["torch_dtype"] = nil
        json["eos_token_id"] = [596, 3]
        json["head_dim"] = nil; json["num_key_value_heads"] = nil
        let url = dir.appendingPathComponent("config.json")
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        var expected = hub
        expected.eosTokenIds = [596, 3]
        expected.kvHeads = 4                       // defaults to the number of heads
        XCTAssertEqual(try ModelConfig.load(from: url), expected)
        // The old key "type" and a "default" rope type.
        json = try llamaJSON()
        json["rope_scaling"] = ["type": "llama3", "factor": 8, "low_freq_factor": 1, "high_freq_factor": 4,
                                "original_max_position_embeddings": 64]
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        XCTAssertEqual(try ModelConfig.load(from: url), hub)
        json["rope_scaling"] = ["rope_type": "default"]
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        XCTAssertNil(try ModelConfig.load(from: url).ropeScaling)
    }

    func testWriteThenLoadRoundTripsInTransformersLayout() throws {
        for name in ["tiny-llama", "tiny-qwen2"] {
            let config = try ModelConfig.load(from: STFixtures.folder(name))
            let out = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try config.write(to: out)
            XCTAssertEqual(try ModelConfig.load(from: out), config, name)
            let text = try String(contentsOf: out.appendingPathComponent("config.json"), encoding: .utf8)
            let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }
                .map { $0.dropFirst(3).prefix { $0 != "\"" } }
            XCTAssertEqual(keys, keys.sorted(), name)
            XCTAssertTrue(text.hasPrefix("{\n  \"architectures\": [\n    \""), name)
            XCTAssertEqual(text.contains("\"head_dim\""), name == "tiny-llama", name)  // Qwen2 ships without it
            // The fixture's generation_config.json has the same ids.
            let generation = try JSONSerialization.jsonObject(
                with: Data(contentsOf: out.appendingPathComponent("generation_config.json"))) as? [String: Any]
            let reference = try JSONSerialization.jsonObject(
                with: Data(contentsOf: STFixtures.folder(name).appendingPathComponent("generation_config.json"))) as? [String: Any]
            XCTAssertEqual(generation?["bos_token_id"] as? Int, reference?["bos_token_id"] as? Int, name)
            XCTAssertEqual(generation?["eos_token_id"] as? Int, reference?["eos_token_id"] as? Int, name)
        }
        let llama = try String(contentsOf: dir.appendingPathComponent("tiny-llama/config.json"), encoding: .utf8)
        for line in ["  \"rope_theta\": 500000.0,", "  \"rms_norm_eps\": 1e-05,", "    \"factor\": 8.0,",
                     "  \"eos_token_id\": 596,", "  \"attention_bias\": false,"] {
            XCTAssertTrue(llama.contains(line + "\n"), line)
        }
        // Codable encoding goes through the same keys.
        let config = try ModelConfig.load(from: STFixtures.folder("tiny-qwen2"))
        XCTAssertEqual(try JSONDecoder().decode(ModelConfig.self, from: JSONEncoder().encode(config)), config)
    }

    func testNewModelConfigsGetFamilyDefaults() throws {
        let qwen = ModelConfig(family: .qwen2, vocabSize: 151_936, hiddenSize: 896, hiddenLayers: 24, attentionHeads: 14,
                               kvHeads: 2, intermediateSize: 4864)
        XCTAssertNoThrow(try qwen.validate())
        XCTAssertEqual([qwen.headDim, qwen.kvHeads], [64, 2])
        XCTAssertEqual(qwen.architectures, ["Qwen2ForCausalLM"])
        XCTAssertEqual(qwen.rmsNormEps, 1e-6)
        XCTAssertTrue(qwen.qkvBias)
        XCTAssertThrowsError(try ModelConfig(family: .llama, vocabSize: 8, hiddenSize: 64, hiddenLayers: 1, attentionHeads: 4,
                                             kvHeads: 3, intermediateSize: 8).validate()) { error in
            guard case .invalidField(_, "num_key_value_heads", _)? = error as? ModelFileError else { return XCTFail("\(error)") }
        }
    }

    func testMissingFieldNamesFieldAndFile() throws {
        for field in ["hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size", "vocab_size"] {
            var json = try llamaJSON()
            json[field] = nil
            XCTAssertEqual(try loadError(json), .missingField(file: dir.appendingPathComponent("config.json").path, field: field))
        }
        var json = try llamaJSON()
        json["architectures"] = nil; json["model_type"] = nil
        XCTAssertEqual(try loadError(json), .missingField(file: dir.appendingPathComponent("config.json").path,
                                                          field: "architectures"))
        json = try llamaJSON()
        json["rope_scaling"] = ["rope_type": "llama3", "factor": 8.0]
        XCTAssertEqual(try loadError(json), .missingField(file: dir.appendingPathComponent("config.json").path,
                                                          field: "rope_scaling.low_freq_factor"))
    }

    func testUnsupportedRopeTypeNamesKeyAndAllowedValues() throws {
        let file = dir.appendingPathComponent("config.json").path
        var json = try llamaJSON()
        json["rope_scaling"] = ["rope_type": "yarn", "factor": 4.0]
        let error = try loadError(json)
        XCTAssertEqual(error, .unsupportedValue(file: file, field: "rope_scaling.rope_type", value: "yarn",
                                                allowed: ["llama3", "default"]))
        XCTAssertEqual(error?.description, "\(file): field 'rope_scaling.rope_type' is yarn; supported: llama3, default")
        json["rope_scaling"] = nil
        json["rope_parameters"] = ["type": "linear", "rope_theta": 10000.0]
        XCTAssertEqual(try loadError(json), .unsupportedValue(file: file, field: "rope_parameters.type", value: "linear",
                                                              allowed: ["llama3", "default"]))
    }

    func testUnknownArchitectureAndOtherUnsupportedValues() throws {
        let file = dir.appendingPathComponent("config.json").path
        var json = try llamaJSON()
        json["architectures"] = ["MistralForCausalLM"]
        XCTAssertEqual(try loadError(json), .unknownArchitecture(file: file, value: "MistralForCausalLM",
                                                                 allowed: ["LlamaForCausalLM", "Qwen2ForCausalLM"]))
        json["architectures"] = nil; json["model_type"] = "gemma"
        XCTAssertEqual(try loadError(json), .unknownArchitecture(file: file, value: "gemma", allowed: ["llama", "qwen2"]))
        json = try llamaJSON(); json["hidden_act"] = "gelu"
        XCTAssertEqual(try loadError(json), .unsupportedValue(file: file, field: "hidden_act", value: "gelu", allowed: ["silu"]))
        json = try llamaJSON(); json["mlp_bias"] = true
        XCTAssertEqual(try loadError(json), .unsupportedValue(file: file, field: "mlp_bias", value: "true", allowed: ["false"]))
        json = try llamaJSON(); json["hidden_size"] = "64"
        XCTAssertEqual(try loadError(json), .invalidField(file: file, field: "hidden_size", reason: "expected an integer"))
        json = try llamaJSON(); json["num_key_value_heads"] = 3
        XCTAssertEqual(try loadError(json), .invalidField(file: file, field: "num_key_value_heads",
                                                          reason: "3 does not divide num_attention_heads 4"))
        try Data("{\"hidden_size\": 64,".utf8).write(to: URL(fileURLWithPath: file))
        do {
            _ = try ModelConfig.load(from: URL(fileURLWithPath: file))
            XCTFail("loaded bad JSON")
        } catch let error as ModelFileError {
            guard case .badConfig(file, _) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ModelConfig.load(from: dir.appendingPathComponent("nope"))) { error in
            XCTAssertEqual(error as? ModelFileError, .fileNotFound(file: dir.appendingPathComponent("nope").path))
        }
    }

    // MARK: - HF folder

    func testAtomicDirectoryReplacementSwapsWholeFolders() throws {
        let final = dir.appendingPathComponent("model")
        try HFFolder.writeAtomically(to: final) { temp in
            try Data("one".utf8).write(to: temp.appendingPathComponent("a.txt"))
        }
        try HFFolder.writeAtomically(to: final) { temp in
            try Data("two".utf8).write(to: temp.appendingPathComponent("b.txt"))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: final.path), ["b.txt"])
        struct Boom: Error {}
        XCTAssertThrowsError(try HFFolder.writeAtomically(to: final) { temp in
            try Data("three".utf8).write(to: temp.appendingPathComponent("c.txt"))
            throw Boom()
        })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: final.path), ["b.txt"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["model"])
        XCTAssertEqual(try HFFolder(final).requireFile("b.txt").lastPathComponent, "b.txt")
        XCTAssertNil(HFFolder(final).existingFile("config.json"))
        XCTAssertEqual(try HFFolder(STFixtures.folder("tiny-llama-sharded")).weightsLayout(),
                       .sharded(index: STFixtures.folder("tiny-llama-sharded").appendingPathComponent("model.safetensors.index.json")))
    }
}
