// Bindings of OctoRL: grpo / drgrpo / ppo runs, their history and rollouts, checkpoints and
// the verl export.
import Foundation
import OctoTensor
import OctoModel
import OctoTrain
import OctoData
import OctoRL
import OctoEval

/// One rollout as the language sees it (with the run, for its tokenizer and model).
public final class RolloutBox {
    public let rollout: Rollout
    public let run: RLRun
    init(_ r: Rollout, run: RLRun) { rollout = r; self.run = run }
}

enum RLBindings {
    static let rolloutType: NativeType<RolloutBox> = NativeType("Rollout", doc: "One sampled response of an RL step, with reward and advantage.") { t in
        t.attribute("text", .string, doc: "the response") { .string($0.rollout.text) }
        t.attribute("prompt", .string, doc: "the templated prompt") { .string($0.rollout.prompt) }
        t.attribute("ids", .list, doc: "response token ids") { .ints($0.rollout.ids) }
        t.attribute("prompt_ids", .list, doc: "prompt token ids") { .ints($0.rollout.promptIds) }
        t.attribute("logprobs", .list, doc: "behaviour-policy logprob per token") { .floats($0.rollout.logprobs) }
        t.attribute("entropies", .list, doc: "sampling entropy per token") { .floats($0.rollout.entropies) }
        t.attribute("reward", .float, doc: "total reward") { .float($0.rollout.reward) }
        t.attribute("rewards", .dict, doc: "reward terms: correctness, format, length, kl") { b in
            let r = b.rollout.rewards
            return .record([("correctness", .float(r.correctness)), ("format", .float(r.format)), ("length", .float(r.length)), ("kl", .float(r.kl))])
        }
        t.attribute("advantage", .float, doc: "sequence advantage") { .float($0.rollout.advantage) }
        t.attribute("token_advantages", .list, doc: "per-token advantages (PPO/GAE), else empty") { .floats($0.rollout.tokenAdvantages) }
        t.attribute("correct", .bool, doc: "graded correct") { .bool($0.rollout.correct) }
        t.attribute("truncated", .bool, doc: "hit max_tokens") { .bool($0.rollout.truncated) }
        t.attribute("answer", doc: "extracted answer or nil") { $0.rollout.answer.map(Value.string) ?? .null }
        t.attribute("gold", .string, doc: "gold answer") { .string($0.rollout.gold) }
        t.attribute("length", .int, doc: "response tokens") { .int($0.rollout.length) }
        t.attribute("step", .int, doc: "RL step that sampled it") { .int($0.rollout.step) }
        t.repr { b in
            let r = b.rollout
            let text = r.text.count > 40 ? String(r.text.prefix(40)) + "…" : r.text
            return "<Rollout step \(r.step) \(r.length) tokens reward \(fmt(r.reward)) adv \(fmt(r.advantage))\(r.truncated ? " truncated" : "") \(String(reflecting: text))>"
        }
    }

    static let runType: NativeType<RLRun> = NativeType("RLRun", doc: "A GRPO / Dr.GRPO / PPO run on a copy of a model.") { t in
        t.attribute("model", doc: "the policy being trained") { ModelBindings.modelType.wrap($0.model) }
        t.attribute("step", .int, doc: "completed steps") { .int($0.step) }
        t.attribute("algorithm", .string, doc: "grpo, drgrpo or ppo") { .string($0.algorithm.rawValue) }
        t.attribute("history", .list, doc: "per-step dicts: reward, accuracy, response_length_mean/max/p90, truncated, entropy, kl, clip_frac, policy_loss, grad_norm, …") { r in
            .makeList(r.history.map { s in
                let d = s.allStatistics
                return .record(RLStepStats.keys.map { ($0, .float(d[$0] ?? .nan)) } + d.keys.sorted().filter { !RLStepStats.keys.contains($0) }.map { ($0, .float(d[$0] ?? .nan)) })
            })
        }
        t.attribute("kept_steps", .list, doc: "steps whose rollouts are kept") { .ints($0.keptSteps) }
        t.method("run", params: [Param("steps", .optional(.int), default: .null, doc: "default: the steps an interrupted run left, else 1"),
                                 Param("pause_after", .optional(.int), default: .null,
                                       doc: "stop after this many steps as Ctrl-C would (saved sessions use it)")],
                 doc: "Runs more RL steps (Ctrl-C pauses; run() then goes on with the steps left).") { r, a, _ in
            let planned = max(0, a.int("steps") ?? PausedRuns.remaining(of: r) ?? 1)
            let now = min(planned, max(0, a.int("pause_after") ?? planned))
            let ran = try bridge("rl.run") { try r.run(steps: now, progress: InterruptibleProgress.withTable()) }.count
            let interrupted = PausedRuns.finish(planned: planned, ran: ran, interrupted: Interrupt.isRequested) { PausedRuns.setRemaining($0, of: r) }
            if interrupted {
                throw ScriptError(.interrupted, "RL paused after step \(r.step); run() does the \(planned - ran) steps left")
            }
            return .null
        }
        t.method("rollouts", params: [Param("step", .optional(.int), default: .null, doc: "1-based step (default: the last)")],
                 doc: "The rollouts of a step (kept for the last few steps).") { r, a, _ in
            let s = a.int("step") ?? r.step
            guard let batch = r.rollouts(s) else { throw a.error("no rollouts kept for step \(s); kept: \(r.keptSteps)", kind: .key) }
            return .makeList(batch.rollouts.map { rolloutType.wrap(RolloutBox($0, run: r)) })
        }
        t.method("save", params: [Param("dir", .string)], doc: "Writes a checkpoint folder atomically (resume with resume(dir)).") { r, a, _ in
            try bridge("save") { try r.save(URL(fileURLWithPath: a.stringArg("dir"))) }
            return .null
        }
        t.repr { r in
            let last = r.history.last.map { " reward \(fmt($0.reward)) acc \(fmt($0.accuracy)) len \(fmt($0.responseLengthMean))" } ?? ""
            return "<RLRun \(r.algorithm.rawValue) step \(r.step) batch \(r.config.batch)x\(r.config.group) lr \(fmt(r.config.lr))\(last)>"
        }
    }

    static let rlParams: [Param] = [
        Param("model", .native("Model")), Param("prompts", .list, doc: "a list of Problem (e.g. problems(\"lab:math8k\"))"),
        Param("batch", .int, default: 128, doc: "prompts per step"), Param("group", .int, default: 16, doc: "responses per prompt"),
        Param("minibatch", .int, default: 64, doc: "prompts per update"), Param("micro_batch", .int, default: 16, doc: "sequences per forward"),
        Param("epochs", .int, default: 1), Param("lr", .float, default: 1e-6), Param("kl", .float, default: 0.0),
        Param("kl_estimator", .string, default: "k3", doc: "k1, k2 or k3"), Param("kl_in_reward", .bool, default: false),
        Param("entropy", .float, default: 0.0, doc: "entropy bonus coefficient"), Param("clip", .float, default: 0.2),
        Param("clip_high", .optional(.float), default: .null), Param("temperature", .float, default: 1.0), Param("top_p", .float, default: 1.0),
        Param("max_tokens", .int, default: 256), Param("stop", .optional(.list), default: .null, doc: "stop strings (as evaluation's template uses), besides EOS"),
        Param("template", .string, default: "r1-zero", doc: "r1-zero, step-by-step, plain, or a text with {q}"),
        Param("style", .string, default: "math", doc: "grading style"), Param("schedule", .optional(.native("Schedule")), default: .null),
        Param("total_steps", .int, default: 0, doc: "steps the schedule spans"), Param("keep", .int, default: 4, doc: "steps of rollouts kept"),
        Param("reward_wrong", .float, default: 0.0), Param("reward_no_answer", .float, default: 0.0),
        Param("reward_truncated", .optional(.float), default: .null), Param("format_reward", .float, default: 0.0),
        Param("length_penalty", .float, default: 0.0), Param("weight_decay", .float, default: 0.01),
        Param("gamma", .float, default: 1.0), Param("lam", .float, default: 1.0), Param("critic_lr", .float, default: 1e-5),
        Param("eval_every", .int, default: 0, doc: "evaluate the policy every N steps (0: never)"),
        Param("eval", .optional(.list), default: .null, doc: "held-out benchmarks, e.g. [\"lab:gsm\", \"lab:math\"]"),
        Param("eval_limit", .int, default: 32, doc: "problems per benchmark at each evaluation"),
    ]

    static func makeRun(_ a: BoundArguments, _ interp: Interpreter, algorithm: RLAlgorithm) throws -> Value {
        guard let m = ModelBindings.modelType.unwrap(a["model"]) else { throw a.error("expected a Model") }
        let probs = try (a["prompts"].listItems ?? []).map { v -> Problem in
            guard let p = DataBindings.problemType.unwrap(v) else { throw a.error("prompts must be Problem objects (use problems(...))", kind: .type) }
            return p.problem
        }
        var c = RLConfig()
        c.batch = a.intArg("batch"); c.group = a.intArg("group"); c.minibatch = a.intArg("minibatch")
        c.microBatch = a.intArg("micro_batch"); c.epochs = a.intArg("epochs"); c.lr = a.doubleArg("lr")
        c.kl = a.doubleArg("kl"); c.klInReward = a.boolArg("kl_in_reward"); c.entropy = a.doubleArg("entropy")
        guard let est = KLEstimator(name: a.stringArg("kl_estimator")) else { throw a.error("kl_estimator must be k1, k2 or k3") }
        c.klEstimator = est
        c.clipLow = a.doubleArg("clip"); c.clipHigh = a.double("clip_high") ?? c.clipLow
        c.temperature = a.doubleArg("temperature"); c.topP = a.doubleArg("top_p"); c.maxTokens = a.intArg("max_tokens")
        if let stops = a["stop"].listItems {
            c.stopStrings = try stops.map { v in
                guard let t = v.stringValue, !t.isEmpty else { throw a.error("stop must be a list of non-empty strings", kind: .type) }
                return t
            }
        }
        let tname = a.stringArg("template")
        c.template = OctoRL.PromptTemplate(name: tname) ?? (tname.contains("{q}") ? .custom(tname) : .r1zero)
        if OctoRL.PromptTemplate(name: tname) == nil && !tname.contains("{q}") { throw a.error("unknown template '\(tname)' (r1-zero, step-by-step, plain, or a text with {q})") }
        guard let style = GradingStyle(name: a.stringArg("style")) else { throw a.error("style must be gsm8k, math, amc or olympiad") }
        c.gradingStyle = style
        if case .native = a["schedule"] { c.schedule = try TrainBindings.schedule(a["schedule"]) }
        c.totalSteps = a.intArg("total_steps"); c.keepRollouts = a.intArg("keep")
        c.reward = RewardConfig(correct: 1, wrong: a.doubleArg("reward_wrong"), noAnswer: a.doubleArg("reward_no_answer"),
                                truncated: a.double("reward_truncated"), format: a.doubleArg("format_reward"),
                                lengthPenalty: a.doubleArg("length_penalty"))
        c.weightDecay = a.doubleArg("weight_decay")
        c.gamma = a.doubleArg("gamma"); c.lambda = a.doubleArg("lam"); c.criticLR = a.doubleArg("critic_lr")
        c.evalEvery = max(0, a.intArg("eval_every"))
        c.evalBenchmarks = a["eval"].listItems?.compactMap(\.stringValue) ?? []
        c.evalLimit = max(1, a.intArg("eval_limit"))
        if c.evalEvery > 0 && c.evalBenchmarks.isEmpty { throw a.error("eval_every needs eval=[...] benchmarks") }
        c.seed = interp.random.next()
        return runType.wrap(try bridge(algorithm.rawValue) { try RLRun(model: m, prompts: probs, algorithm: algorithm, config: c) })
    }

    static func register(in r: Registry) {
        r.describe(rolloutType); r.describe(runType)
        r.function("grpo", params: rlParams, doc: "A GRPO run (group-normalised advantages, as the study's verl runs).") { a, i in try makeRun(a, i, algorithm: .grpo) }
        r.function("drgrpo", params: rlParams, doc: "A Dr.GRPO run (no std or length normalisation).") { a, i in try makeRun(a, i, algorithm: .drgrpo) }
        r.function("ppo", params: rlParams, doc: "A PPO run with a value head and GAE(gamma, lam).") { a, i in try makeRun(a, i, algorithm: .ppo) }
        r.function("resume_rl", params: [Param("dir", .string)], doc: "An RL run from a checkpoint written by rl.save.") { a, _ in
            runType.wrap(try bridge("resume_rl") { try RLRun.resume(URL(fileURLWithPath: a.stringArg("dir"))) })
        }
        r.function("export_verl", params: [Param("run", .native("RLRun")), Param("dir", .string),
                                           Param("octorepl", .optional(.string), default: .null,
                                                 doc: "the octorepl executable reward.py calls (default: this one)")],
                   doc: "Writes the policy, the prompts (jsonl → parquet), the recipe as verl overrides and YAML, and a reward.py that grades with octorepl.") { a, _ in
            guard let run = runType.unwrap(a["run"]) else { throw a.error("export_verl: expected an RLRun") }
            let grader = a.string("octorepl") ?? currentOctorepl()
            try bridge("export_verl") { try exportVerl(run, URL(fileURLWithPath: a.stringArg("dir")), grader: grader) }
            return .null
        }
    }
}

/// The running `octorepl` executable's absolute path, or "octorepl" (found on PATH) when this
/// process is not octorepl (a test runner, an embedding app).
func currentOctorepl() -> String {
    guard let path = Bundle.main.executablePath, URL(fileURLWithPath: path).lastPathComponent == "octorepl" else { return "octorepl" }
    return URL(fileURLWithPath: path).standardizedFileURL.path
}
