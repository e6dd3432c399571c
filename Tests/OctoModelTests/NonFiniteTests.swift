import Foundation
import XCTest
import OctoTensor
@testable import OctoModel
import OctoBase

/// NaN and Inf are errors where they start: impossible configs, non-finite weights on load,
/// sampling from non-finite logits.
final class NonFiniteTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try STFixtures.tempFolder(name) }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func spec() -> ModelConfig {
        ModelConfig(family: .llama, vocabSize: 16, hiddenSize: 8, hiddenLayers: 1, attentionHeads: 2, kvHeads: 1, intermediateSize: 16)
    }

    func testImpossibleConfigsAreRejected() throws {
        var cases: [(String, ModelConfig)] = []
        var s = spec(); s.rmsNormEps = -1; cases.append(("rms_norm_eps", s))
        s = spec(); s.rmsNormEps = 0; cases.append(("rms_norm_eps", s))
        s = spec(); s.ropeTheta = 0; cases.append(("rope_theta", s))
        s = spec(); s.ropeTheta = .nan; cases.append(("rope_theta", s))
        s = spec(); s.ropeScaling = .llama3(factor: 0, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 64)
        cases.append(("rope_scaling.factor", s))
        for (field, bad) in cases {
            XCTAssertThrowsError(try bad.validate(), field) { XCTAssertTrue("\($0)".contains(field), "\($0)") }
            var rng = RNG(seed: 1)
            XCTAssertThrowsError(try DecoderModel(randomWith: bad, rng: &rng), field)
        }
        XCTAssertNoThrow(try spec().validate())
    }

    func testNonFiniteWeightIsALoadError() throws {
        var rng = RNG(seed: 1)
        let model = try DecoderModel(randomWith: spec(), rng: &rng)
        try model.params.get("model.layers.0.mlp.up_proj.weight").data[5] = .nan
        let folder = dir.appendingPathComponent("nan-model")
        try model.save(folder: folder)
        XCTAssertThrowsError(try DecoderModel.load(folder: folder)) { error in
            XCTAssertTrue("\(error)".contains("model.layers.0.mlp.up_proj.weight"), "\(error)")
            XCTAssertTrue("\(error)".contains("element 5"), "\(error)")
        }
    }

    func testSamplingFromNonFiniteLogitsIsAnError() throws {
        var rng = RNG(seed: 1)
        let model = try DecoderModel(randomWith: spec(), rng: &rng)
        var sample = RNG(seed: 2)
        XCTAssertNoThrow(try model.generate(prompts: [[1, 2]], n: 1, options: SamplingOptions(greedy: true, maxTokens: 3), rng: &sample))
        try model.params.get("model.norm.weight").data[0] = .infinity
        for greedy in [true, false] {
            XCTAssertThrowsError(try model.generate(prompts: [[1, 2]], n: 1, options: SamplingOptions(greedy: greedy, maxTokens: 3),
                                                    rng: &sample)) { error in
                XCTAssertTrue("\(error)".contains("not finite"), "\(error)")
            }
        }
    }
}

/// A model's memory is computed from its config and checked before anything is allocated.
final class MemoryBudgetTests: XCTestCase {
    func testOversizedModelsAreErrorsWithAskedAndAvailable() throws {
        let gb = 8e9
        let huge: [ModelConfig] = [
            ModelConfig(family: .llama, vocabSize: 256, hiddenSize: 100_000, hiddenLayers: 100, attentionHeads: 100, kvHeads: 100, intermediateSize: 266_672),
            ModelConfig(family: .llama, vocabSize: 1_000_000_000, hiddenSize: 64, hiddenLayers: 2, attentionHeads: 4, kvHeads: 4, intermediateSize: 128),
            ModelConfig(family: .llama, vocabSize: 16, hiddenSize: 8, hiddenLayers: 1_000_000_000, attentionHeads: 2, kvHeads: 2, intermediateSize: 32),
            ModelConfig(family: .llama, vocabSize: 16, hiddenSize: 64, hiddenLayers: 2, attentionHeads: 4, kvHeads: 4, intermediateSize: 1_000_000_000_000),
        ]
        for spec in huge {
            XCTAssertThrowsError(try spec.checkMemory(available: gb)) { error in
                guard case let ModelError.outOfMemory(_, asked, available)? = error as? ModelError else { return XCTFail("\(error)") }
                XCTAssertGreaterThan(asked, gb)
                XCTAssertEqual(available, gb)
                XCTAssertTrue("\(error)".contains("8.0 GB is available"), "\(error)")
            }
        }
        let small = ModelConfig(family: .llama, vocabSize: 256, hiddenSize: 64, hiddenLayers: 2, attentionHeads: 4, kvHeads: 4, intermediateSize: 128)
        XCTAssertNoThrow(try small.checkMemory(available: gb))
        XCTAssertEqual(small.parameterCountEstimate, Double(small.parameterCount))
        // Training needs weights, gradients and two moments (4×) plus activations.
        XCTAssertGreaterThan(small.memoryBytes(trainingTokens: 256, seqLen: 32), 4 * small.memoryBytes())
        XCTAssertThrowsError(try small.checkMemory(trainingTokens: 256, seqLen: 32, available: small.memoryBytes() * 2))
    }

    func testAvailableMemoryOverride() {
        XCTAssertEqual(MemoryBudget.availableBytes(environment: ["OCTOREPL_MEMORY_LIMIT": "12345"]), 12345)
        #if os(Linux)
        XCTAssertGreaterThan(MemoryBudget.availableBytes(environment: [:]) ?? 0, 0)
        #endif
    }
}
