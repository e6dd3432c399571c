import XCTest
@testable import OctoRL
import OctoModel
import OctoTensor
import OctoData

final class VerlExportTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    static let tinyLlama = VenvPython.root.appendingPathComponent("Tests/Fixtures/hf/tiny-llama")

    /// The study's recipe: GRPO, batch 128, n 16, mini-batch 64, lr 1e-6, no KL, temperature 1, 4096 tokens.
    static func studyConfig() -> RLConfig {
        var c = RLConfig()
        c.batch = 128; c.group = 16; c.minibatch = 64; c.lr = 1e-6; c.kl = 0; c.temperature = 1; c.maxTokens = 4096
        return c
    }

    static let studyValues: [(String, String)] = [
        ("data.train_batch_size", "128"), ("actor_rollout_ref.rollout.n", "16"),
        ("actor_rollout_ref.actor.ppo_mini_batch_size", "64"), ("actor_rollout_ref.actor.optim.lr", "1.0e-06"),
        ("actor_rollout_ref.actor.use_kl_loss", "false"), ("actor_rollout_ref.actor.kl_loss_coef", "0.0"),
        ("algorithm.use_kl_in_reward", "false"), ("actor_rollout_ref.rollout.temperature", "1.0"),
        ("data.max_response_length", "4096"), ("actor_rollout_ref.rollout.response_length", "4096"),
        ("algorithm.adv_estimator", "grpo"), ("actor_rollout_ref.actor.optim.betas", "[0.9,0.999]"),
        ("reward.custom_reward_function.name", "compute_score"),
    ]

    func testStudyRecipeExportsExactlyItsValuesAsSingleShellWords() throws {
        let model = try DecoderModel.load(folder: Self.tinyLlama)
        let dir = Toy.tempDir("verl-study")
        defer { try? FileManager.default.removeItem(at: dir) }
        try VerlExport.export(model: model, prompts: Array(Toy.problems().prefix(6)), algorithm: .grpo,
                              config: Self.studyConfig(), to: dir)
        let sh = try String(contentsOf: dir.appendingPathComponent("run_verl.sh"), encoding: .utf8)
        for (key, value) in Self.studyValues {
            XCTAssertTrue(sh.contains("    '\(key)=\(value)' \\\n"), "missing '\(key)=\(value)' in\n\(sh)")
        }
        XCTAssertTrue(sh.contains("    \"reward.custom_reward_function.path='$PWD/reward.py'\" \\\n"), sh)
        XCTAssertTrue(sh.contains("    \"data.train_files='$PWD/train.parquet'\" \\\n"), sh)
        // Every override line is one quoted shell word (the unquoted list was split by bash before).
        let lines = sh.split(separator: "\n").filter { $0.hasPrefix("    ") && $0 != "    \"$@\"" }
        XCTAssertGreaterThan(lines.count, 30)
        for line in lines {
            let word = line.dropFirst(4).dropLast(2)
            XCTAssertTrue((word.first == "'" && word.last == "'") || (word.first == "\"" && word.last == "\""), String(line))
            XCTAssertEqual(word.dropFirst().dropLast().filter { $0 == word.first }.count, 0, String(line))
        }
        let yaml = try String(contentsOf: dir.appendingPathComponent("octorepl_trainer.yaml"), encoding: .utf8)
        XCTAssertTrue(yaml.contains("\ndefaults: [ppo_trainer, _self_]\n"), yaml)
        XCTAssertTrue(yaml.contains("  searchpath: [\"pkg://verl.trainer.config\"]\n"), yaml)
        for line in ["  train_batch_size: 128", "  max_response_length: 4096", "    n: 16", "    ppo_mini_batch_size: 64",
                     "      lr: 1.0e-06", "    use_kl_loss: false", "    temperature: 1.0", "    path: ./reward.py",
                     "    path: ./policy", "  train_files: ./train.parquet"] {
            XCTAssertTrue(yaml.contains(line + "\n"), "missing `\(line)` in\n\(yaml)")
        }
        let reward = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("reward.json"))) as? [String: Any])
        XCTAssertEqual(reward["style"] as? String, "math")
        XCTAssertEqual(reward["correct"] as? Double, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("reward.py").path))
    }

    func testOverridesQuoteWhatTheShellOrHydraWouldSplit() {
        let tree = YAMLTree.map([("a", .map([("s", .string("it's a b")), ("p", .string("$PWD/x y.py")),
                                             ("l", .list([.double(0.9), .double(0.999)])), ("t", .string("true")),
                                             ("n", .string("1e5")), ("k", .string("token-mean"))]))])
        XCTAssertEqual(YAMLTree.overrides(tree), [
            #"'a.s='\''it\'\''s a b'\'''"#, #""a.p='$PWD/x y.py'""#, "'a.l=[0.9,0.999]'",
            #"'a.t='\''true'\'''"#, #"'a.n='\''1e5'\'''"#, "'a.k=token-mean'",
        ])
    }

    func testVerlExportWritesModelDataAndRecipe() throws {
        let model = try DecoderModel.load(folder: Self.tinyLlama)
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
        XCTAssertEqual(row["data_source"] as? String, "octorepl/toy")
        let msgs = try XCTUnwrap(row["prompt"] as? [[String: String]])
        XCTAssertEqual(msgs.first?["role"], "user")
        XCTAssertEqual(msgs.first?["content"], PromptTemplate.r1zero.render(problems[1].prompt))
        XCTAssertEqual((row["reward_model"] as? [String: String])?["ground_truth"], problems[1].gold)
        XCTAssertEqual((row["reward_model"] as? [String: String])?["style"], "rule")
        XCTAssertEqual((row["extra_info"] as? [String: Any])?["index"] as? Int, 1)
        let yaml = try String(contentsOf: dir.appendingPathComponent("octorepl_trainer.yaml"), encoding: .utf8)
        for line in ["  train_batch_size: 4", "  max_response_length: 8", "    n: 2", "    ppo_mini_batch_size: 2",
                     "      lr: 1.0e-06", "  adv_estimator: grpo", "  norm_adv_by_std_in_grpo: false",
                     "    loss_agg_mode: seq-mean-token-sum-norm", "    use_kl_loss: true", "    kl_loss_coef: 0.001",
                     "    kl_loss_type: low_var_kl", "    clip_ratio_low: 0.2", "    clip_ratio_high: 0.2",
                     "    temperature: 1.0", "  use_kl_in_reward: false", "    entropy_coeff: 0.0"] {
            XCTAssertTrue(yaml.contains(line + "\n"), "missing `\(line)` in\n\(yaml)")
        }
        let sh = try String(contentsOf: dir.appendingPathComponent("run_verl.sh"), encoding: .utf8)
        XCTAssertTrue(sh.contains("'actor_rollout_ref.actor.optim.lr=1.0e-06' \\"), sh)
        XCTAssertTrue(sh.contains("'algorithm.adv_estimator=grpo' \\"), sh)
        let tc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("policy/tokenizer_config.json"))) as? [String: Any])
        XCTAssertNotNil(tc["chat_template"] as? String)
    }

    /// With verl 0.9.1 in .venv: the overrides of run_verl.sh (split as bash splits them) and the
    /// YAML compose with verl's own Hydra config and pass its validate_config; the parquet loads
    /// through RLHFDataset; reward.py scores the grader fixture cases like `octorepl grade`.
    func testExportPassesVerlsOwnParser() throws {
        try VenvPython.require("verl", for: "verl export check")
        let octorepl = try XCTUnwrap(VenvPython.octorepl, "octorepl is not built next to the tests")
        for algorithm in [RLAlgorithm.grpo, .ppo] {
            let model = try DecoderModel.load(folder: Self.tinyLlama)
            let dir = Toy.tempDir("verl-check")
            defer { try? FileManager.default.removeItem(at: dir) }
            let cfg = Self.studyConfig()
            try VerlExport.export(model: model, prompts: Array(Toy.problems().prefix(8)), algorithm: algorithm, config: cfg,
                                  grader: octorepl.path, to: dir)
            let expects = algorithm == .grpo ? Self.studyValues.map { "--expect=\($0.0)=\($0.1)" } : ["--expect=algorithm.adv_estimator=gae"]
            let r = try VenvPython.run([VenvPython.root.appendingPathComponent("Tests/verl/check_export.py").path, dir.path,
                                        "--octorepl", octorepl.path] + expects)
            print(r.output)
            XCTAssertEqual(r.status, 0, r.output)
            XCTAssertTrue(r.output.contains("all verl checks passed"), r.output)
        }
    }
}
