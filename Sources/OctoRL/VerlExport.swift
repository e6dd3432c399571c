// Export of an RL recipe for verl (volcengine/verl, checked against 0.9.1) on GPUs: the policy
// as an HF folder, the prompts as jsonl with verl's RL dataset fields, the recipe as quoted
// Hydra overrides of verl's `ppo_trainer` and as a YAML that inherits it, and a reward.py that
// grades with octorepl (VerlScripts.swift). Docs/ScaleOut.md walks through it.
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

    /// The config name of the exported YAML. Not `ppo_trainer`: the file inherits verl's
    /// `ppo_trainer` through its defaults list, and a file of the same name would shadow it.
    public static let configName = "octorepl_trainer"

    /// Exports `model`, `prompts` and the recipe into `dir` (replaced atomically): `policy/`,
    /// `train.jsonl`, `octorepl_trainer.yaml`, `run_verl.sh`, `make_parquet.py`, `reward.py`
    /// and `reward.json`. `grader` is the `octorepl` executable that `reward.py` calls
    /// (`OCTOREPL_BIN` overrides it on the cluster).
    /// - Throws: `RLError.ioFailed` / `ModelFileError` when writing fails.
    public static func export(model: DecoderModel, prompts: [Problem], algorithm: RLAlgorithm, config: RLConfig,
                              totalSteps: Int? = nil, grader: String = "octorepl", to dir: URL) throws {
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
            try write(VerlScripts.yamlHeader(algorithm: algorithm) + YAMLTree.render(inheritingVerl(tree)),
                      tmp.appendingPathComponent(configName + ".yaml"))
            try write(VerlScripts.runScript(overrides: YAMLTree.overrides(tree)), tmp.appendingPathComponent("run_verl.sh"))
            try write(VerlScripts.makeParquet, tmp.appendingPathComponent("make_parquet.py"))
            try write(VerlScripts.rewardScript, tmp.appendingPathComponent("reward.py"))
            try write(jsonLine(rewardSettings(config: config, grader: grader)) + "\n", tmp.appendingPathComponent("reward.json"))
        }
    }

    /// The recipe as a primary Hydra config that inherits verl's `ppo_trainer`
    /// (`defaults: [ppo_trainer, _self_]`, verl's packaged config dir on the search path).
    /// Paths are relative to the export folder (run from there).
    static func inheritingVerl(_ tree: YAMLTree) -> YAMLTree {
        func relative(_ t: YAMLTree) -> YAMLTree {
            switch t {
            case .map(let ps): return .map(ps.map { k, v in (k, relative(v)) })
            case .string(let s): return .string(s.replacingOccurrences(of: VerlScripts.exportDir + "/", with: "./"))
            default: return t
            }
        }
        guard case .map(let body) = relative(tree) else { return tree }
        return .map([("hydra", .map([("searchpath", .list([.string("pkg://verl.trainer.config")]))])),
                     ("defaults", .list([.string("ppo_trainer"), .string("_self_")]))] + body)
    }

    /// What `reward.py` reads: the grader, the grading style and the reward values of the run.
    static func rewardSettings(config c: RLConfig, grader: String) -> [String: Any] {
        ["grader": "octorepl", "octorepl": grader, "style": c.gradingStyle.rawValue,
         "correct": c.reward.correct, "wrong": c.reward.wrong, "no_answer": c.reward.noAnswer, "format": c.reward.format]
    }

    /// One dataset record with verl's fields.
    static func record(problem p: Problem, index: Int, text: String) -> [String: Any] {
        [
            // Scored by the exported reward.py (octorepl's grader), not by verl's default router.
            "data_source": "octorepl/\(p.source)",
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
                            ("lr_scheduler_type", .string(scheduleName(c.schedule)))])),
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
        let dir = VerlScripts.exportDir, micro = max(1, min(c.microBatch, 8))
        var root: [(String, YAMLTree)] = [
            ("data", .map([("train_files", .string(dir + "/train.parquet")), ("val_files", .string(dir + "/train.parquet")),
                           ("prompt_key", .string("prompt")), ("train_batch_size", .int(c.batch)),
                           ("max_prompt_length", .int(maxPromptLength)), ("max_response_length", .int(c.maxTokens)),
                           ("filter_overlong_prompts", .bool(true)), ("truncation", .string("error")),
                           ("seed", .int(Int(truncatingIfNeeded: c.seed)))])),
            ("actor_rollout_ref", .map([
                ("model", .map([("path", .string(dir + "/policy"))])),
                ("actor", .map(actor)),
                ("rollout", .map([("name", .string("vllm")), ("n", .int(c.group)), ("temperature", .double(c.temperature)),
                                  ("top_p", .double(c.topP)), ("response_length", .int(c.maxTokens)),
                                  ("log_prob_micro_batch_size_per_gpu", .int(micro))])),
                ("ref", .map([("log_prob_micro_batch_size_per_gpu", .int(micro))])),
            ])),
            ("reward", .map([("custom_reward_function", .map([("path", .string(dir + "/reward.py")),
                                                              ("name", .string("compute_score"))]))])),
        ]
        if algorithm == .ppo {
            root.append(("critic", .map([("model", .map([("path", .string(dir + "/policy"))])),
                                         ("optim", .map([("lr", .double(c.criticLR))])),
                                         ("ppo_mini_batch_size", .int(c.minibatch)),
                                         ("ppo_micro_batch_size_per_gpu", .int(micro)),
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
                                             ("logger", .list([.string("console")])),
                                             ("n_gpus_per_node", .int(8)), ("nnodes", .int(1))]
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
}

/// Exports `run`'s current policy, prompts and recipe for verl into `dir`; `grader` is the
/// `octorepl` executable the exported reward.py calls.
public func exportVerl(_ run: RLRun, _ dir: URL, grader: String = "octorepl") throws {
    try VerlExport.export(model: run.model, prompts: run.prompts, algorithm: run.algorithm, config: run.config,
                          grader: grader, to: dir)
}
