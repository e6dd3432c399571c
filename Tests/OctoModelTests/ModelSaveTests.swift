import XCTest
@testable import OctoModel
import OctoTensor
import OctoBase

final class ModelSaveTests: XCTestCase {
    func testSaveReloadGivesSameLogitsAndTokenizer() throws {
        let model = try loadFixtureModel("tiny-qwen2")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("octo-save-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try model.save(folder: dir)
        let back = try DecoderModel.load(folder: dir)
        XCTAssertEqual(back.config, model.config)
        XCTAssertEqual(try back.logits([[1, 2, 3, 4]]).toArray(), try model.logits([[1, 2, 3, 4]]).toArray())
        XCTAssertEqual(back.tokenizer?.encode("x = 12"), model.tokenizer?.encode("x = 12"))
        // Saving again over an existing folder replaces it atomically.
        try model.save(folder: dir, dtype: .bf16)
        let bf = try DecoderModel.load(folder: dir)
        let a = try bf.logits([[1, 2, 3]]).toArray(), b = try model.logits([[1, 2, 3]]).toArray()
        XCTAssertNotEqual(a, b)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 0.05) }
    }

    func testRandomLlamaRoundTripsThroughConfig() throws {
        var rng = RNG(seed: 9)
        let spec = ModelConfig(family: .llama, vocabSize: 64, hiddenSize: 32, hiddenLayers: 1, attentionHeads: 4, kvHeads: 2, intermediateSize: 48,
                               ropeScaling: .llama3(factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 64),
                               tieWordEmbeddings: false, bosTokenId: 1, eosTokenIds: [2])
        let m = try DecoderModel(randomWith: spec, rng: &rng)
        XCTAssertNotNil(m.params["lm_head.weight"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try m.save(folder: folder)
        XCTAssertEqual(try ModelConfig.load(from: folder), spec)
        XCTAssertEqual(try DecoderModel.load(folder: folder).logits([[1, 2, 3]]).toArray(), try m.logits([[1, 2, 3]]).toArray())
    }

    func testMissingAndMisshapedWeightsAreTypedErrors() throws {
        let dir = fixturesHF.appendingPathComponent("tiny-llama")
        var spec = try ModelConfig.load(from: dir)
        spec.intermediateSize += 1
        XCTAssertThrowsError(try DecoderModel(config: spec, weights: SafetensorsCheckpoint(folder: dir))) { e in
            XCTAssertTrue("\(e)".contains("model.layers.0.mlp.gate_proj.weight"), "\(e)")
        }
        var spec2 = try ModelConfig.load(from: dir)
        spec2.hiddenLayers = 3
        XCTAssertThrowsError(try DecoderModel(config: spec2, weights: SafetensorsCheckpoint(folder: dir))) { e in
            XCTAssertTrue("\(e)".contains("model.layers.2"), "\(e)")
        }
    }
}
