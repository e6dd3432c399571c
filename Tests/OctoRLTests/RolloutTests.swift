import XCTest
@testable import OctoRL
import OctoModel
import OctoTensor
import OctoBase

final class RolloutTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    /// One GRPO step at lr 0: the step samples, then "updates" with a zero learning rate, so the
    /// policy afterwards is the behaviour policy.
    func sampledOnce(batch: Int, group: Int, maxTokens: Int, temperature: Double) throws -> (RLRun, RolloutBatch) {
        var cfg = Toy.config(batch: batch, group: group, minibatch: batch, lr: 0, maxTokens: maxTokens)
        cfg.temperature = temperature
        let rl = try RLRun(model: Toy.model(), prompts: Toy.problems(), algorithm: .grpo, config: cfg,
                           codec: Toy.codec, judge: Toy.judge)
        try rl.run(steps: 1)
        return (rl, try XCTUnwrap(rl.rollouts(1)))
    }

    func testStoredLogprobsEqualAFreshForwardPass() throws {
        let (rl, batch) = try sampledOnce(batch: 4, group: 3, maxTokens: 6, temperature: 0.7)
        XCTAssertEqual(batch.count, 12)
        let fwd = try forwardResponses(model: rl.model, prompts: batch.rollouts.map(\.promptIds),
                                       responses: batch.rollouts.map(\.ids), temperature: 0.7, microBatch: 5)
        var checked = 0
        for (i, r) in batch.rollouts.enumerated() {
            XCTAssertEqual(r.logprobs.count, r.length)
            for k in 0..<r.length {
                let a = Double(r.logprobs[k]), b = fwd.logprobs[i][k]
                XCTAssertEqual(a, b, accuracy: 1e-4 * max(abs(b), 1e-2), "rollout \(i) token \(k)")
                XCTAssertEqual(Double(r.entropies[k]), fwd.entropies[i][k], accuracy: 1e-4 * max(fwd.entropies[i][k], 1e-2))
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 12)
    }

    /// A rollout holds the very Sample `generate` returned for its prompt and position in the
    /// group (ids, logprobs, entropies, stop reason, text), not a re-assembled copy.
    func testRolloutHoldsTheSampleGenerateReturned() throws {
        let (rl, batch) = try sampledOnce(batch: 3, group: 2, maxTokens: 5, temperature: 0.9)
        // The policy after the step is the one that sampled: redo its sampling pass.
        var sampler = rl.rng.split("sample/step/1")
        let options = SamplingOptions(temperature: 0.9, maxTokens: 5, stopTokens: Toy.codec.stopTokens)
        let prompts = (0..<batch.prompts).map { batch.group($0)[0].promptIds }
        let again = try rl.model.generate(prompts: prompts, n: 2, options: options, rng: &sampler, decode: Toy.codec.decode)
        XCTAssertEqual(batch.rollouts.map(\.sample), again.flatMap { $0 })
        XCTAssertEqual(batch.rollouts.map(\.sampleIndex), [0, 1, 0, 1, 0, 1])
        for r in batch.rollouts {
            XCTAssertEqual(r.promptIds, Toy.codec.encode(rl.config.template.render(rl.prompts[r.problemIndex].prompt)))
        }
    }

    func testRolloutRecordsAndRewardTerms() throws {
        var cfg = Toy.config(batch: 4, group: 4, minibatch: 2, maxTokens: 4)
        cfg.reward = RewardConfig(correct: 1, wrong: -0.5, noAnswer: -1, truncated: -2, format: 0, lengthPenalty: 0.4)
        let rl = try RLRun(model: Toy.model(), prompts: Toy.problems(), algorithm: .grpo, config: cfg,
                           codec: Toy.codec, judge: Toy.judge)
        XCTAssertNil(rl.reference, "kl = 0 must not build a reference model")
        let stats = try rl.run(steps: 1)
        XCTAssertEqual(stats.count, 1)
        let batch = try XCTUnwrap(rl.rollouts(1))
        for r in batch.rollouts {
            let expectedCorrectness = r.truncated ? -2 : (r.answer == nil ? -1 : (r.correct ? 1 : -0.5))
            XCTAssertEqual(r.rewards.correctness, expectedCorrectness)
            XCTAssertEqual(r.rewards.length, -0.4 * Double(r.length) / 4, accuracy: 1e-12)
            XCTAssertEqual(r.truncated, r.length == 4 && r.ids.last != 12)
            XCTAssertEqual(r.text, Toy.codec.decode(r.ids))
            XCTAssertTrue(r.refLogprobs.isEmpty)
        }
        // GRPO advantages are zero-mean within each group.
        for g in 0..<batch.prompts {
            XCTAssertEqual(batch.group(g).map(\.advantage).reduce(0, +), 0, accuracy: 1e-9)
        }
        let s = try XCTUnwrap(rl.history.first)
        XCTAssertEqual(s.reward, batch.meanReward, accuracy: 1e-12)
        XCTAssertEqual(s.responseLengthMax, Double(batch.rollouts.map(\.length).max() ?? 0))
        XCTAssertEqual(s.truncated, Double(batch.truncated.count) / 16)
        XCTAssertEqual(s.kl, 0)
        XCTAssertGreaterThan(s.gradNorm, 0)
        // Throughput is the batch's response tokens over the sampling time, not some other count.
        let tokens = Double(batch.rollouts.map(\.length).reduce(0, +))
        XCTAssertEqual(s.genTokensPerS, tokens / max(s.genSeconds, 1e-9), accuracy: 1e-9 * s.genTokensPerS)
    }

    /// The hand-built dL/dlogits equals autograd through crossEntropy and softmax·logSoftmax.
    func testTrainingGradientMatchesAutograd() throws {
        let model = try Toy.model(seed: 3)
        let prompts = [[1, 10, 2, 11], [3, 10, 4, 11]], responses = [[3, 5, 12], [7]]
        let wLp = [[0.3, -0.2, 0.5], [-0.7]], wH = [[0.1, 0.05, -0.2], [0.4]], temp = 0.8
        model.params.zeroGrad()
        try backwardResponses(model: model, prompts: prompts, responses: responses, temperature: temp, valueHead: nil) { _ in
            TokenLossGradients(logprob: wLp, entropy: wH, value: nil)
        }
        let manual = model.params.all.map { $0.1.grad?.toArray() ?? [] }
        // Autograd: L = Σ wLp·logp + Σ wH·H over response tokens, logits/τ.
        model.params.zeroGrad()
        let batch = PaddedBatch(prompts: prompts, responses: responses)
        let z = try model.logits(batch.ids).scaled(Float(1 / temp))
        var targets = [Int](repeating: -100, count: z.shape[0])
        var wl = [Float](repeating: 0, count: z.shape[0]), wh = [Float](repeating: 0, count: z.shape[0])
        for (b, r) in responses.enumerated() {
            for (k, y) in r.enumerated() { let row = batch.row(b, k); targets[row] = y; wl[row] = Float(wLp[b][k]); wh[row] = Float(wH[b][k]) }
        }
        let logp = try crossEntropy(z, targets: targets, reduction: .none).scaled(-1)
        let entropy = try softmax(z).mul(logSoftmax(z)).sum(axis: 1).scaled(-1)
        let loss = try logp.mul(Tensor(wl, shape: [wl.count])).sum().add(entropy.mul(Tensor(wh, shape: [wh.count])).sum())
        try loss.backward()
        let auto = model.params.all.map { $0.1.grad?.toArray() ?? [] }
        for (m, a) in zip(manual, auto) {
            XCTAssertEqual(m.count, a.count)
            let scale = max(a.map { abs($0) }.max() ?? 0, 1e-6)
            for (x, y) in zip(m, a) { XCTAssertEqual(x, y, accuracy: 1e-4 * scale) }
        }
    }

    func testKLRunUsesReferenceAndRecordsIt() throws {
        var cfg = Toy.config(batch: 4, group: 2, minibatch: 2, maxTokens: 3)
        cfg.kl = 0.1; cfg.klEstimator = .k3; cfg.entropy = 0.01
        let rl = try RLRun(model: Toy.model(), prompts: Toy.problems(), algorithm: .grpo, config: cfg,
                           codec: Toy.codec, judge: Toy.judge)
        XCTAssertNotNil(rl.reference)
        try rl.run(steps: 2)
        let first = try XCTUnwrap(rl.rollouts(1)), second = try XCTUnwrap(rl.rollouts(2))
        // Step 1 samples from the initial policy = the reference: k3 is 0 up to rounding.
        XCTAssertEqual(rl.history[0].kl, 0, accuracy: 1e-5)
        for r in first.rollouts { XCTAssertEqual(r.refLogprobs.count, r.length) }
        // After one update the policy moved away from the reference.
        XCTAssertGreaterThan(rl.history[1].kl, 1e-7)
        XCTAssertFalse(second.rollouts.isEmpty)
        XCTAssertGreaterThan(rl.history[1].klLoss, 0)
    }

    func testPPOComputesValuesAndTokenAdvantages() throws {
        var cfg = Toy.config(batch: 4, group: 2, minibatch: 4, maxTokens: 3)
        cfg.criticLR = 1e-2
        let rl = try RLRun(model: Toy.model(), prompts: Toy.problems(), algorithm: .ppo, config: cfg,
                           codec: Toy.codec, judge: Toy.judge)
        try rl.run(steps: 2)
        let b = try XCTUnwrap(rl.rollouts(2))
        let all = b.rollouts.flatMap(\.tokenAdvantages)
        XCTAssertEqual(all.count, b.rollouts.map(\.length).reduce(0, +))
        XCTAssertEqual(all.reduce(0, +) / Double(all.count), 0, accuracy: 1e-9)  // whitened
        // The value head starts at zero and has been trained by step 2.
        XCTAssertTrue(try XCTUnwrap(rl.rollouts(1)).rollouts.allSatisfy { $0.values.allSatisfy { $0 == 0 } })
        XCTAssertTrue(b.rollouts.contains { $0.values.contains { $0 != 0 } })
        XCTAssertGreaterThan(rl.history[1].valueLoss, 0)
    }

    func testInterruptDuringSamplingChangesNothing() throws {
        final class StopNow: ProgressReporter {
            var polls = 0
            func begin(_ event: ProgressEvent) {}
            func update(_ event: ProgressEvent) {}
            func end(_ event: ProgressEvent, interrupted: Bool) {}
            var shouldContinue: Bool { polls += 1; return polls < 2 }
        }
        let rl = try RLRun(model: Toy.model(), prompts: Toy.problems(), algorithm: .grpo, config: Toy.config(),
                           codec: Toy.codec, judge: Toy.judge)
        let before = rl.model.params.clone()
        let done = try rl.run(steps: 3, progress: StopNow())
        XCTAssertEqual(done.count, 0)
        XCTAssertEqual(rl.step, 0)
        XCTAssertEqual(rl.cursor, PromptCursor())
        assertSameWeights(before, rl.model.params)
    }
}

final class BenchSmokeTests: XCTestCase {
    func testBenchStepRunsAndSplitsTime() throws {
        let spec = ModelConfig(family: .llama, vocabSize: 64, hiddenSize: 32, hiddenLayers: 1, attentionHeads: 4, kvHeads: 2, intermediateSize: 48)
        let r = try benchRLStep(config: spec, prompts: 2, group: 2, maxTokens: 5, microBatch: 2)
        XCTAssertEqual(r.generatedTokens, 20)   // no stop token: every response is max_tokens long
        XCTAssertEqual(r.stats.truncated, 1)
        // Each phase's figure comes from its own timer, and throughput from the right phase.
        XCTAssertEqual(r.samplingSeconds, r.stats.genSeconds)
        XCTAssertEqual(r.referenceSeconds, r.stats.refSeconds)
        XCTAssertEqual(r.trainingSeconds, r.stats.trainSeconds)
        XCTAssertEqual(r.samplingTokensPerSecond, 20 / max(r.samplingSeconds, 1e-9), accuracy: 1e-9 * r.samplingTokensPerSecond)
    }
}
