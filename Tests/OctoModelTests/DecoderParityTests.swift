import XCTest
@testable import OctoModel
import OctoTensor
import OctoBase

/// Logits, greedy generations, loss and gradients against transformers (reference.json).
final class DecoderParityTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    static let folders = ["tiny-llama", "tiny-llama-bf16", "tiny-llama-sharded", "tiny-qwen2"]

    func testLogitsMatchTransformers() throws {
        for folder in Self.folders {
            let model = try loadFixtureModel(folder)
            let ref = try loadReference(folder)
            let prompts = (ref["input_ids"] as? [Any])?.map { ints($0) } ?? []
            let logits = (ref["logits"] as? [Any]) ?? []
            XCTAssertEqual(prompts.count, 3)
            var worst = 0.0
            for (pi, ids) in prompts.enumerated() {
                let ours = try model.logits([ids]).toArray()
                let theirs = ((logits[pi] as? [Any]) ?? []).flatMap { doubles($0) }
                XCTAssertEqual(ours.count, theirs.count, folder)
                for i in 0..<min(ours.count, theirs.count) {
                    let err = abs(Double(ours[i]) - theirs[i])
                    worst = max(worst, err)
                    if err > 1e-4 + 1e-4 * abs(theirs[i]) { XCTFail("\(folder) prompt \(pi) logit \(i): \(ours[i]) vs \(theirs[i])"); break }
                }
            }
            print("\(folder): max |logit diff| = \(worst)")
        }
    }

    func testCachedForwardMatchesFullForward() throws {
        let model = try loadFixtureModel("tiny-qwen2")
        let ids = [5, 17, 42, 99, 3, 8, 250, 11]
        let full = try model.logits([ids]).toArray()
        let cache = model.makeCache(capacity: 2)  // forces growth
        let first = try model.forwardCached([Array(ids.prefix(5))], caches: [cache], allLogits: true).toArray()
        var rest: [Float] = []
        for t in ids.dropFirst(5) { rest += try model.forwardCached([[t]], caches: [cache]).toArray() }
        let cached = first + rest
        XCTAssertEqual(cached.count, full.count)
        for i in 0..<full.count { XCTAssertEqual(cached[i], full[i], accuracy: 2e-5) }
    }

    func testGreedyGenerationsMatchTransformers() throws {
        for folder in Self.folders {
            let model = try loadFixtureModel(folder)
            let ref = try loadReference(folder)
            let greedy = (ref["greedy"] as? [[String: Any]]) ?? []
            let prompts = greedy.map { ints($0["prompt_ids"]) }
            var rng = RNG(seed: 1)
            // All prompts in one ragged batch: exercises batched decode across lengths.
            let out = try model.generate(prompts: prompts, n: 1, options: SamplingOptions(greedy: true, maxTokens: 16), rng: &rng)
            for (pi, g) in greedy.enumerated() {
                XCTAssertEqual(out[pi][0].ids, ints(g["generated_ids"]), "\(folder) prompt \(pi)")
                let lp = doubles(g["logprobs"])
                for (a, b) in zip(out[pi][0].logprobs, lp) { XCTAssertEqual(Double(a), b, accuracy: 1e-4) }
                XCTAssertTrue(out[pi][0].truncated)
            }
        }
    }

    func testLossAndGradientNormsMatchTransformers() throws {
        for folder in ["tiny-llama", "tiny-qwen2"] {
            let model = try loadFixtureModel(folder)
            let ref = try loadReference(folder)
            let batch = (ref["batch_input_ids"] as? [Any])?.map { ints($0) } ?? []
            let loss = try model.loss(batch)
            XCTAssertEqual(Double(loss.item), (ref["loss"] as? NSNumber)?.doubleValue ?? .nan, accuracy: 1e-5)
            try loss.backward()
            let norms = (ref["grad_norms"] as? [String: Any]) ?? [:]
            XCTAssertEqual(norms.count, model.params.names.count)
            for (name, v) in norms {
                let expected = (v as? NSNumber)?.doubleValue ?? .nan
                guard let g = model.params[name]?.grad else { XCTFail("\(folder): no grad for \(name)"); continue }
                let n = g.toArray().reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
                XCTAssertEqual(n, expected, accuracy: 1e-5 + 1e-3 * expected, "\(folder) \(name)")
            }
            XCTAssertEqual(model.params.gradNorm(), (ref["grad_total_norm"] as? NSNumber)?.doubleValue ?? .nan, accuracy: 1e-3)
            let full = (ref["grad_full"] as? [String: Any]) ?? [:]
            for (name, v) in full {
                let expected = doubles(v)
                let ours = model.params[name]?.grad?.toArray() ?? []
                XCTAssertEqual(ours.count, expected.count, name)
                for (a, b) in zip(ours, expected) { XCTAssertEqual(Double(a), b, accuracy: 1e-5 + 1e-3 * abs(b), "\(folder) \(name)") }
            }
        }
    }

    func testSamplingIsDeterministicPerSeedAndIndependentOfBatching() throws {
        let model = try loadFixtureModel("tiny-llama")
        let opts = SamplingOptions(temperature: 1, topP: 0.9, maxTokens: 12, alternatives: 3)
        var r1 = RNG(seed: 42), r2 = RNG(seed: 42)
        let a = try model.generate(prompts: [[595, 51, 256], [595, 40]], n: 3, options: opts, rng: &r1)
        let b = try model.generate(prompts: [[595, 51, 256], [595, 40]], n: 3, options: opts, rng: &r2)
        XCTAssertEqual(a.flatMap { $0.map(\.ids) }, b.flatMap { $0.map(\.ids) })
        XCTAssertEqual(a[0][0].alternatives.first?.count, 3)
        for s in a.flatMap({ $0 }) {
            XCTAssertEqual(s.logprobs.count, s.ids.count)
            XCTAssertTrue(s.entropies.allSatisfy { $0 >= 0 && $0 <= log(600) + 1e-3 })
        }
        // Samples of different prompts do not change each other's draws.
        var r3 = RNG(seed: 42)
        let single = try model.generate(prompts: [[595, 51, 256]], n: 3, options: opts, rng: &r3)
        XCTAssertEqual(single[0].map(\.ids), a[0].map(\.ids))
    }

    func testRandomModelShapesAndBadIds() throws {
        var rng = RNG(seed: 3)
        let spec = ModelConfig(family: .llama, vocabSize: 50, hiddenSize: 32, hiddenLayers: 2, attentionHeads: 4, kvHeads: 2, intermediateSize: 64)
        let m = try DecoderModel(randomWith: spec, rng: &rng)
        XCTAssertEqual(m.params.count, spec.parameterCount)
        XCTAssertEqual(try m.logits([[1, 2, 3], [4, 5, 6]]).shape, [6, 50])
        XCTAssertThrowsError(try m.logits([[1, 50]]))
        XCTAssertThrowsError(try m.logits([[1, 2], [3]]))
        XCTAssertThrowsError(try DecoderModel(randomWith: ModelConfig(family: .llama, vocabSize: 50, hiddenSize: 32, hiddenLayers: 1, attentionHeads: 3, kvHeads: 2, intermediateSize: 8), rng: &rng))
    }
}
