// Export of an RL recipe for verl (volcengine/verl) on GPUs: the policy as an HF folder, the
// prompts as jsonl with verl's RL dataset fields, the recipe as a YAML of `ppo_trainer` keys
// and the same as command-line overrides. Docs/ScaleOut.md walks through it.
import Foundation
import OctoModel
import OctoData

/// Writes a folder that verl's `main_ppo` can run the same recipe from.
public enum VerlExport {
    /// The chat template written into the exported tokenizer when it has none: the prompt
    /// text as is (the RL template was already applied), after BOS when the tokenizer adds one.
    public static func passthroughChatTemplate(bos: Bool) -> String {
        (bos ? "{{ bos_token }}" : "") + "{% for message in messages %}{{ message['content'] }}{% endfor %}"
    }

    /// Exports `model`, `prompts` and the recipe into `dir` (replaced atomically):
    /// `policy/`, `train.jsonl`, `ppo_trainer.yaml`, `run_verl.sh`, `make_parquet.py`.
    /// - Throws: `RLError.ioFailed` / `ModelFileError` when writing fails.
    public static func export(model: DecoderModel, prompts: [Problem], algorithm: RLAlgorithm, config: RLConfig,
                              totalSteps: Int? = nil, to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir.deletingLastPathComponent(), withIntermediateDirectories: true)
        var maxPrompt = 0
        let lines: [String] = try prompts.enumerated().map { i, p in
            let text = config.template.render(p.prompt)
            if let tok = model.tokenizer { maxPrompt = max(maxPrompt, tok.encode(text).count) }
            return try jsonLine(record(problem: p, index: i, text: text))
        }
        let promptLimit = max(64, ((maxPrompt + 63) / 64) * 64)
        let tree = recipe(algorithm: algorithm, config: config, maxPromptLength: promptLimit, totalSteps: totalSteps)
        try HFFolder.writeAtomically(to: dir) { tmp in
            let policy = tmp.appendingPathComponent("policy")
            try model.save(folder: policy)
            try addChatTemplate(policy.appendingPathComponent("tokenizer_config.json"), bos: model.tokenizer?.bosId != nil)
            try write((lines.joined(separator: "\n") + "\n"), tmp.appendingPathComponent("train.jsonl"))
            try write("# verl ppo_trainer recipe exported by octorepl (\(algorithm.rawValue)).\n"
                      + "# Run: python3 make_parquet.py && python3 -m verl.trainer.main_ppo --config-path=$PWD --config-name=ppo_trainer\n"
                      + "# (or bash run_verl.sh, which passes the same keys as overrides). See Docs/ScaleOut.md.\n"
                      + YAMLTree.render(tree), tmp.appendingPathComponent("ppo_trainer.yaml"))
            let overrides = YAMLTree.flatten(tree).map { "    \($0.0)=\($0.1) \\" }.joined(separator: "\n")
            try write("#!/usr/bin/env bash\n# The exported recipe as verl command-line overrides.\nset -euo pipefail\n"
                      + "cd \"$(dirname \"$0\")\"\npython3 make_parquet.py\npython3 -m verl.trainer.main_ppo \\\n"
                      + overrides + "\n    \"$@\"\n", tmp.appendingPathComponent("run_verl.sh"))
            try write(makeParquetScript, tmp.appendingPathComponent("make_parquet.py"))
        }
    }

    /// One dataset record with verl's fields.
    static func record(problem p: Problem, index: Int, text: String) -> [String: Any] {
        [
            // verl's default reward router scores "lighteval/MATH" with its \boxed{} math checker.
            "data_source": "lighteval/MATH",
            "prompt": [["role": "user", "content": text]],
            "ability": "math",
            "reward_model": ["style": "rule", "ground_truth": p.gold],
            "extra_info": ["split": "train", "index": index, "id": p.id, "source": p.source, "question": p.prompt] as [String: Any],
        ]
    }

    static func jsonLine(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// verl's `ppo_trainer` keys for the recipe.
    static func recipe(algorithm: RLAlgorithm, config c: RLConfig, maxPromptLength: Int, totalSteps: Int?) -> YAMLTree {
        let klLoss = c.kl != 0 && !c.klInReward
        var actor: [(String, YAMLTree)] = [
            ("optim", .map([("lr", .double(c.lr)), ("weight_decay", .double(c.weightDecay)),
                            ("betas", .list([.double(c.beta1), .double(c.beta2)])),
                            ("lr_warmup_steps_ratio", .double(warmupRatio(c.schedule))),
                            ("warmup_style", .string(scheduleName(c.schedule)))])),
            ("ppo_mini_batch_size", .int(c.minibatch)),
            ("ppo_micro_batch_size_per_gpu", .int(max(1, min(c.microBatch, 8)))),
            ("ppo_epochs", .int(c.epochs)),
            ("clip_ratio_low", .double(c.clipLow)),
            ("clip_ratio_high", .double(c.clipHigh)),
            ("clip_ratio_c", .double(c.dualClip ?? 1e9)),
            ("loss_agg_mode", .string(c.aggregation(for: algorithm).rawValue)),
            ("entropy_coeff", .double(c.entropy)),
            ("use_kl_loss", .bool(klLoss)),
            ("kl_loss_coef", .double(klLoss ? c.kl : 0)),
            ("kl_loss_type", .string(c.klEstimator.verlName)),
            ("grad_clip", .double(c.gradClip)),
        ]
        if c.aggregation(for: algorithm) == .seqMeanTokenSumNorm { actor.append(("loss_scale_factor", .int(c.maxTokens))) }
        var root: [(String, YAMLTree)] = [
            ("data", .map([("train_files", .string("./train.parquet")), ("val_files", .string("./train.parquet")),
                           ("prompt_key", .string("prompt")), ("train_batch_size", .int(c.batch)),
                           ("max_prompt_length", .int(maxPromptLength)), ("max_response_length", .int(c.maxTokens)),
                           ("filter_overlong_prompts", .bool(true)), ("truncation", .string("error")),
                           ("seed", .int(Int(truncatingIfNeeded: c.seed)))])),
            ("actor_rollout_ref", .map([
                ("model", .map([("path", .string("./policy"))])),
                ("actor", .map(actor)),
                ("rollout", .map([("name", .string("vllm")), ("n", .int(c.group)), ("temperature", .double(c.temperature)),
                                  ("top_p", .double(c.topP)), ("response_length", .int(c.maxTokens))])),
            ])),
        ]
        if algorithm == .ppo {
            root.append(("critic", .map([("model", .map([("path", .string("./policy"))])),
                                         ("optim", .map([("lr", .double(c.criticLR))])),
                                         ("ppo_mini_batch_size", .int(c.minibatch)),
                                         ("cliprange_value", .double(c.valueClip)),
                                         ("loss_agg_mode", .string(c.aggregation(for: algorithm).rawValue))])))
        }
        root.append(("algorithm", .map([
            ("adv_estimator", .string(algorithm == .ppo ? "gae" : "grpo")),
            ("norm_adv_by_std_in_grpo", .bool(algorithm != .drgrpo)),
            ("use_kl_in_reward", .bool(c.kl != 0 && c.klInReward)),
            ("kl_penalty", .string(c.klEstimator.verlName)),
            ("kl_ctrl", .map([("type", .string("fixed")), ("kl_coef", .double(c.klInReward ? c.kl : 0))])),
            ("gamma", .double(c.gamma)), ("lam", .double(c.lambda)),
        ])))
        var trainer: [(String, YAMLTree)] = [("project_name", .string("octorepl")),
                                             ("experiment_name", .string("octorepl-\(algorithm.rawValue)")),
                                             ("logger", .list([.string("console")]))]
        let steps = totalSteps ?? (c.totalSteps > 0 ? c.totalSteps : nil)
        if let steps { trainer.append(("total_training_steps", .int(steps))) }
        root.append(("trainer", .map(trainer)))
        return .map(root)
    }

    static func warmupRatio(_ s: OctoTrainSchedule) -> Double {
        switch s {
        case .constant(let w), .linear(let w, _), .cosine(let w, _), .wsd(let w, _, _, _): return w
        }
    }

    static func scheduleName(_ s: OctoTrainSchedule) -> String {
        if case .cosine = s { return "cosine" }
        return "constant"
    }

    static func write(_ text: String, _ url: URL) throws {
        do { try Data(text.utf8).write(to: url) } catch { throw RLError.ioFailed(file: url.path, reason: "\(error)") }
    }

    /// Adds the passthrough chat template to tokenizer_config.json when it has none.
    static func addChatTemplate(_ url: URL, bos: Bool) throws {
        guard let data = try? Data(contentsOf: url),
              var obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], obj["chat_template"] == nil
        else { return }
        obj["chat_template"] = passthroughChatTemplate(bos: bos)
        let out = try JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try out.write(to: url)
    }

    static let makeParquetScript = """
        # Converts train.jsonl into the parquet file verl reads (needs pandas + pyarrow).
        import pandas as pd
        pd.read_json("train.jsonl", lines=True).to_parquet("train.parquet")
        print("wrote train.parquet")

        """
}

/// Exports `run`'s current policy, prompts and recipe for verl into `dir`.
public func exportVerl(_ run: RLRun, _ dir: URL) throws {
    try VerlExport.export(model: run.model, prompts: run.prompts, algorithm: run.algorithm, config: run.config, to: dir)
}
