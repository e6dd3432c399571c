import XCTest
import OctoBase
import OctoTensor
@testable import OctoModel

/// The one table of HF tensor names: it gives every parameter's name and shape in HF order,
/// and the typed weights the forward passes use are the very tensors of the store (so an
/// optimizer step on `params` reaches the next forward).
final class DecoderTensorsTests: XCTestCase {
    func testQwenTableHasBiasesAndLlamaHasNone() {
        let qwen = ModelConfig(family: .qwen2, vocabSize: 32, hiddenSize: 16, hiddenLayers: 2, attentionHeads: 4, kvHeads: 2,
                               intermediateSize: 24, tieWordEmbeddings: false)
        let names = qwen.parameterShapes.map(\.name)
        XCTAssertEqual(names.first, "model.embed_tokens.weight")
        XCTAssertEqual(names.suffix(2), ["model.norm.weight", "lm_head.weight"])
        XCTAssertEqual(Array(names[1...4]), ["model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.q_proj.bias",
                                             "model.layers.0.self_attn.k_proj.weight", "model.layers.0.self_attn.k_proj.bias"])
        XCTAssertEqual(qwen.parameterShapes.first { $0.name == "model.layers.1.self_attn.k_proj.bias" }?.shape, [8])
        XCTAssertEqual(qwen.parameterShapes.reduce(0) { $0 + $1.shape.reduce(1, *) }, qwen.parameterCount)
        var llama = qwen; llama.family = .llama; llama.tieWordEmbeddings = true
        XCTAssertFalse(llama.parameterShapes.contains { $0.name.hasSuffix(".bias") || $0.name == "lm_head.weight" })
        XCTAssertEqual(names.count - llama.parameterShapes.count, 2 * 3 + 1)
    }

    func testTypedWeightsAreTheStoredTensors() throws {
        var rng = RNG(seed: 3)
        let config = ModelConfig(family: .qwen2, vocabSize: 32, hiddenSize: 16, hiddenLayers: 2, attentionHeads: 4, kvHeads: 2,
                                 intermediateSize: 24)
        let m = try DecoderModel(randomWith: config, rng: &rng)
        XCTAssertTrue(m.layers[1].down === m.params["model.layers.1.mlp.down_proj.weight"])
        XCTAssertTrue(m.layers[0].kBias === m.params["model.layers.0.self_attn.k_proj.bias"])
        XCTAssertTrue(m.lmHead === m.embedTokens, "tied")
        // Changing a stored weight changes both forwards alike.
        let before = try m.logits([[1, 2, 3]]).toArray()
        try m.params.get("model.layers.1.mlp.down_proj.weight").data[0] += 1
        let after = try m.logits([[1, 2, 3]]).toArray()
        XCTAssertNotEqual(before, after)
        let cached = try m.forwardCached([[1, 2, 3]], caches: [m.makeCache()], allLogits: true).toArray()
        XCTAssertEqual(cached.count, after.count)
        for (a, b) in zip(cached, after) { XCTAssertEqual(a, b, accuracy: 1e-4) }
    }
}
