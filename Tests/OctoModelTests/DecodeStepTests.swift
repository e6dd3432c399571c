import XCTest
@testable import OctoModel
import OctoTensor
import OctoBase

/// Decode steps through the GEMV kernels: the same logits as the full forward (to rounding),
/// the same greedy text as transformers, and each sequence's bits the same in a batch as alone.
final class DecodeStepTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    func testOneRowStepsMatchTheFullForward() throws {
        let model = try loadFixtureModel("tiny-qwen2")   // q/k/v biases and grouped kv heads
        let ids = [5, 17, 42, 99, 3, 8, 250, 11]
        let full = try model.logits([ids]).toArray()
        let cache = model.makeCache(capacity: 2)  // grows twice while decoding
        var cached: [Float] = []
        for t in ids { cached += try model.forwardCached([[t]], caches: [cache], kernel: .gemv).toArray() }
        XCTAssertEqual(cache.length, ids.count)
        XCTAssertEqual(cached.count, full.count)
        for i in 0..<full.count { XCTAssertEqual(cached[i], full[i], accuracy: 2e-5, "logit \(i)") }
    }

    func testBatchOneGreedyGenerationsMatchTransformers() throws {
        for folder in DecoderParityTests.folders {
            let model = try loadFixtureModel(folder)
            let greedy = (try loadReference(folder)["greedy"] as? [[String: Any]]) ?? []
            XCTAssertFalse(greedy.isEmpty, folder)
            for (pi, g) in greedy.enumerated() {
                var rng = RNG(seed: 1)
                let out = try model.generate(prompts: [ints(g["prompt_ids"])], options: SamplingOptions(greedy: true, maxTokens: 16), rng: &rng)
                XCTAssertEqual(out[0][0].ids, ints(g["generated_ids"]), "\(folder) prompt \(pi)")
                for (a, b) in zip(out[0][0].logprobs, doubles(g["logprobs"])) { XCTAssertEqual(Double(a), b, accuracy: 1e-4) }
            }
        }
    }

    /// Four sequences of different lengths decoding together (the three-row GEMV kernel and a
    /// remainder row): every step's logits are bit-identical to each sequence stepping alone.
    func testABatchedDecodeStepGivesEachSequenceItsBitsAlone() throws {
        let model = try loadFixtureModel("tiny-qwen2")
        let prompts = [[95, 51, 256], [195, 40], [7], [12, 13, 14, 15, 16]]
        let together = prompts.map { _ in model.makeCache() }
        for (p, c) in zip(prompts, together) { _ = try model.forwardCached([p], caches: [c]) }
        let alone = together.map { $0.copy() }
        let v = model.config.vocabSize
        var next = [300, 4, 77, 150]
        for step in 0..<5 {
            let batch = try model.forwardCached(next.map { [$0] }, caches: together, kernel: .gemv).toArray()
            XCTAssertEqual(batch.count, prompts.count * v)
            for i in prompts.indices {
                let row = try model.forwardCached([[next[i]]], caches: [alone[i]], kernel: .gemv).toArray()
                XCTAssertEqual(Array(batch[(i * v)..<((i + 1) * v)]), row, "step \(step) sequence \(i)")
                next[i] = (0..<v).max { row[$0] < row[$1] } ?? 0
            }
        }
        XCTAssertEqual(together.map(\.length), alone.map(\.length))
    }

    /// A batch of sequences of different lengths on a study-sized model (three-row kernel and
    /// remainders, caches growing): the GEMV decode steps agree with the GEMM path to rounding.
    func testBatchedDecodeStepsMatchTheGEMMPath() throws {
        var rng = RNG(seed: 9)
        let spec = ModelConfig(family: .llama, vocabSize: 512, hiddenSize: 128, hiddenLayers: 4, attentionHeads: 4, kvHeads: 2,
                               intermediateSize: 344)
        let model = try DecoderModel(randomWith: spec, rng: &rng)
        let prompts = (0..<7).map { i in (0..<(20 + 37 * i)).map { (i * 31 + $0 * 7) % 512 } }
        let viaGemm = prompts.map { model.makeCache(capacity: $0.count) }, viaGemv = prompts.map { model.makeCache(capacity: $0.count) }
        _ = try model.forwardCached(prompts, caches: viaGemm)
        _ = try model.forwardCached(prompts, caches: viaGemv)
        let v = spec.vocabSize
        for step in 0..<40 {
            let next = prompts.indices.map { [($0 * 13 + step * 5) % v] }
            let a = try model.forwardCached(next, caches: viaGemm, kernel: .gemm).toArray()
            let b = try model.forwardCached(next, caches: viaGemv, kernel: .gemv).toArray()
            var worst: Float = 0
            for i in a.indices { worst = max(worst, abs(a[i] - b[i])) }
            XCTAssertLessThan(worst, 1e-4, "step \(step)")
        }
    }

    /// Two prompts, the first stopping at its first token: the second then decodes alone, and
    /// its steps keep the bits they have next to other sequences (a sample never depends on
    /// when the others stop).
    func testALoneSurvivorOfABatchKeepsItsBits() throws {
        let model = try loadFixtureModel("tiny-qwen2")
        let a = [95, 51, 256], b = [195, 40]
        let cA = model.makeCache(), cB = model.makeCache()
        let first = try model.forwardCached([a, b], caches: [cA, cB])
        let v = model.config.vocabSize
        func argmax(_ p: UnsafeMutablePointer<Float>) -> Int { (0..<v).max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) } ?? 0 }
        let stopA = argmax(first.data)
        var expected: [[Float]] = [Array(UnsafeBufferPointer(start: first.data + v, count: v))]
        var next = argmax(first.data + v)
        for _ in 0..<5 {
            let row = try model.forwardCached([[next]], caches: [cB], kernel: .gemv)
            expected.append(row.toArray())
            next = argmax(row.data)
        }
        var rng = RNG(seed: 2)
        let opts = SamplingOptions(greedy: true, maxTokens: 6, stopTokens: [stopA])
        let out = try model.generate(prompts: [a, b], options: opts, rng: &rng)
        XCTAssertEqual(out[0][0].stopReason, .stopToken)
        XCTAssertEqual(out[1][0].ids.count, 6)
        for (step, logits) in expected.enumerated() {
            var row = logits
            let pick = try XCTUnwrap(row.withUnsafeMutableBufferPointer { p in
                p.baseAddress.flatMap { model.pickToken($0, v, options: opts, rng: &rng) }
            })
            XCTAssertEqual(out[1][0].ids[step], pick.id, "step \(step)")
            XCTAssertEqual(out[1][0].logprobs[step], pick.logprob, "step \(step): bits differ from the sequence decoding alone")
        }
    }
}

/// bfloat16 decode weights (`SamplingOptions.decodeWeights`).
final class BF16DecodeTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    /// The bf16 fixture's weights are bf16 already: rounding them again changes nothing, so
    /// greedy decode must match transformers as tightly as the f32 path.
    func testBF16DecodeOfBF16WeightsMatchesTransformers() throws {
        let model = try loadFixtureModel("tiny-llama-bf16")
        var opts = SamplingOptions(greedy: true, maxTokens: 16)
        opts.decodeWeights = try DecodeWeights(bf16Of: model)
        for (pi, g) in ((try loadReference("tiny-llama-bf16")["greedy"] as? [[String: Any]]) ?? []).enumerated() {
            var rng = RNG(seed: 1)
            let out = try model.generate(prompts: [ints(g["prompt_ids"])], options: opts, rng: &rng)
            XCTAssertEqual(out[0][0].ids, ints(g["generated_ids"]), "prompt \(pi)")
            for (a, b) in zip(out[0][0].logprobs, doubles(g["logprobs"])) { XCTAssertEqual(Double(a), b, accuracy: 1e-4) }
        }
    }

    /// On f32 weights, bf16 decode moves the logits by rounding only (bf16 keeps 8 bits).
    func testBF16LogitsStayWithinBF16ToleranceOfF32() throws {
        let model = try loadFixtureModel("tiny-qwen2")
        let packed = try DecodeWeights(bf16Of: model)
        let matrices = model.layers.reduce(model.lmHead.count) { acc, w in
            acc + [w.q, w.k, w.v, w.o, w.gate, w.up, w.down].reduce(0) { $0 + $1.count }
        }
        XCTAssertEqual(packed.bytes, 2 * matrices)
        let c32 = model.makeCache(), c16 = model.makeCache()
        var worst: Float = 0, scale: Float = 0
        for t in [5, 17, 42, 99, 3, 8, 250, 11] {
            let a = try model.forwardCached([[t]], caches: [c32], kernel: .gemv).toArray()
            let b = try model.forwardCached([[t]], caches: [c16], kernel: .gemv, bf16: packed).toArray()
            for (x, y) in zip(a, b) { worst = max(worst, abs(x - y)); scale = max(scale, abs(x)) }
        }
        print("bf16 decode: max |logit diff| \(worst) of max |logit| \(scale)")
        XCTAssertGreaterThan(worst, 0, "bf16 rounding must show")
        XCTAssertLessThan(worst, 0.02 * max(scale, 1))
    }
}
