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

    func testVerlExportWritesModelDataAndRecipe() throws {
        let tokDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/hf/tiny-llama")
        let model = try DecoderModel.load(folder: tokDir)
        var cfg = RLConfig()
        cfg.batch = 4; cfg.group = 2; cfg.minibatch = 2; cfg.maxTokens = 8; cfg.lr = 1e-6; cfg.kl = 0.001
        let problems = Array(Toy.problems().prefix(5))
        let rl = try RLRun(model: model, prompts: problems, algorithm: .drgrpo, config: cfg)
        let dir = Toy.tempDir("verl")
        defer { try? FileManager.default.removeItem(at: dir) }
        try exportVerl(rl, dir)
        let back = try DecoderModel.load(folder: dir.appendingPathComponent("policy"))
        assertSameWeights(back.params, rl.model.params)
        let lines = try String(contentsOf: dir.appendingPathComponent("train.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 5)
        let row = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        XCTAssertEqual(row["ability"] as? String, "math")
        XCTAssertEqual(row["data_source"] as? String, "lighteval/MATH")
        let msgs = try XCTUnwrap(row["prompt"] as? [[String: String]])
        XCTAssertEqual(msgs.first?["role"], "user")
        XCTAssertEqual(msgs.first?["content"], PromptTemplate.r1zero.render(problems[1].prompt))
        XCTAssertEqual((row["reward_model"] as? [String: String])?["ground_truth"], problems[1].gold)
        XCTAssertEqual((row["reward_model"] as? [String: String])?["style"], "rule")
        XCTAssertEqual((row["extra_info"] as? [String: Any])?["index"] as? Int, 1)
        let yaml = try String(contentsOf: dir.appendingPathComponent("ppo_trainer.yaml"), encoding: .utf8)
        for line in ["  train_batch_size: 4", "  max_response_length: 8", "    n: 2", "    ppo_mini_batch_size: 2",
                     "      lr: 1.0e-06", "  adv_estimator: grpo", "  norm_adv_by_std_in_grpo: false",
                     "    loss_agg_mode: seq-mean-token-sum-norm", "    use_kl_loss: true", "    kl_loss_coef: 0.001",
                     "    kl_loss_type: low_var_kl", "    clip_ratio_low: 0.2", "    clip_ratio_high: 0.2",
                     "    temperature: 1.0", "  use_kl_in_reward: false", "    entropy_coeff: 0.0"] {
            XCTAssertTrue(yaml.contains(line + "\n"), "missing `\(line)` in\n\(yaml)")
        }
        let sh = try String(contentsOf: dir.appendingPathComponent("run_verl.sh"), encoding: .utf8)
        XCTAssertTrue(sh.contains("actor_rollout_ref.actor.optim.lr=1.0e-06 \\"), sh)
        XCTAssertTrue(sh.contains("algorithm.adv_estimator=grpo \\"), sh)
        let tc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("policy/tokenizer_config.json"))) as? [String: Any])
        XCTAssertNotNil(tc["chat_template"] as? String)
    }
}
