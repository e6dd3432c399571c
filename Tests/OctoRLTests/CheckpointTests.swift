import XCTest
@testable import OctoRL
import OctoModel
import OctoTensor

final class CheckpointTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    /// N steps straight equal N/2 + save + resume + N/2, bit for bit (weights, optimiser, history).
    func testResumeIsBitIdentical() throws {
        for algorithm in [RLAlgorithm.grpo, .ppo] {
            var cfg = Toy.config(batch: 4, group: 4, minibatch: 2, lr: 5e-3, maxTokens: 3)
            cfg.kl = 0.05; cfg.klEstimator = .k3; cfg.entropy = 0.01; cfg.epochs = 2
            cfg.totalSteps = 4; cfg.schedule = .cosine(warmup: 0.25, floor: 0.1)
            let base = try Toy.model(seed: 11)
            // 3 prompts per step over 55 problems never wraps; use few problems so the cursor rolls over.
            let prompts = Array(Toy.problems().prefix(6))
            let straight = try RLRun(model: base, prompts: prompts, algorithm: algorithm, config: cfg, codec: Toy.codec, judge: Toy.judge)
            try straight.run(steps: 4)

            let first = try RLRun(model: base, prompts: prompts, algorithm: algorithm, config: cfg, codec: Toy.codec, judge: Toy.judge)
            try first.run(steps: 2)
            let dir = Toy.tempDir("resume")
            defer { try? FileManager.default.removeItem(at: dir) }
            try first.save(dir)
            try first.save(dir)  // saving over an existing checkpoint replaces it
            let resumed = try RLRun.resume(dir, codec: Toy.codec, judge: Toy.judge)
            XCTAssertEqual(resumed.step, 2)
            XCTAssertEqual(resumed.cursor, first.cursor)
            try resumed.run(steps: 2)

            assertSameWeights(straight.model.params, resumed.model.params)
            if let a = straight.valueHead, let b = resumed.valueHead { assertSameWeights(a.params, b.params) }
            XCTAssertEqual(straight.history.map(\.withoutTimings), resumed.history.map(\.withoutTimings), "\(algorithm)")
            XCTAssertEqual(straight.cursor, resumed.cursor)
            XCTAssertEqual(straight.rollouts(4), resumed.rollouts(4))
            XCTAssertEqual(straight.optimizer.stepCount, resumed.optimizer.stepCount)
            XCTAssertEqual(straight.cursor.epoch, 2)  // 16 prompts over 6 problems: two epochs rolled over
            // The original model is untouched by the run.
            XCTAssertNotEqual(straight.model.params["model.norm.weight"]?.toArray(), base.params["model.norm.weight"]?.toArray())
        }
    }

    func testBadCheckpointIsATypedError() throws {
        let dir = Toy.tempDir("bad")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try RLRun.resume(dir)) { XCTAssertTrue("\($0)".contains("rl_state.json"), "\($0)") }
        try Data("{\"step\": 1}".utf8).write(to: dir.appendingPathComponent("rl_state.json"))
        // A folder without a manifest (not written by `save`) is refused before its state is trusted.
        XCTAssertThrowsError(try RLRun.resume(dir)) { XCTAssertTrue("\($0)".contains("manifest.json"), "\($0)") }
    }
}
