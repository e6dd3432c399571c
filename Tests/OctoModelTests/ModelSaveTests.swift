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
        XCTAssertEqual(back.spec, model.spec)
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
        let spec = DecoderSpec(family: .llama, vocabSize: 64, hiddenSize: 32, layers: 1, heads: 4, kvHeads: 2, intermediateSize: 48,
                               ropeScaling: Llama3RopeScaling(factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositions: 64),
                               tieEmbeddings: false, bosId: 1, eosIds: [2])
        let m = try DecoderModel(randomWith: spec, rng: &rng)
        XCTAssertNotNil(m.params["lm_head.weight"])
        XCTAssertEqual(try DecoderSpec(config: spec.config()), spec)
    }

    func testMissingAndMisshapedWeightsAreTypedErrors() throws {
        let dir = fixturesHF.appendingPathComponent("tiny-llama")
        var spec = try DecoderSpec.read(folder: dir)
        spec.intermediateSize += 1
        XCTAssertThrowsError(try DecoderModel(spec: spec, weights: SafetensorsCheckpoint(folder: dir))) { e in
            XCTAssertTrue("\(e)".contains("model.layers.0.mlp.gate_proj.weight"), "\(e)")
        }
        var spec2 = try DecoderSpec.read(folder: dir)
        spec2.layers = 3
        XCTAssertThrowsError(try DecoderModel(spec: spec2, weights: SafetensorsCheckpoint(folder: dir))) { e in
            XCTAssertTrue("\(e)".contains("model.layers.2"), "\(e)")
        }
    }
}
