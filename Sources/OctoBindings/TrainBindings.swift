// Bindings of OctoTrain: schedules, phases (run in parts, Ctrl-C pauses), branches,
// checkpoints and resume.
import Foundation
import OctoTensor
import OctoModel
import OctoData
import OctoTrain

/// A schedule object (its lr multiplier is shown by .lr(step, total)).
public final class ScheduleBox { public let schedule: Schedule; init(_ s: Schedule) { schedule = s } }

/// A phase with the data recipe it was built from (so checkpoints can rebuild the data).
public final class PhaseBox {
    public let phase: Phase
    let recipe: DataRecipe
    /// Steps an interrupted `run` still owes (a bare `run()` runs these), nil when none.
    var remaining: Int?
    init(_ p: Phase, recipe: DataRecipe) { phase = p; self.recipe = recipe }
}

/// How to rebuild a phase's data on resume.
struct DataRecipe: Codable {
    var mix: MixHandle
    var seqLen: Int
    var totalTokens: Int
    var seed: UInt64

    func build(_ model: DecoderModel) throws -> Mixture {
        guard let tok = model.tokenizer else { throw ScriptError(.value, "the model has no tokenizer: training data needs one") }
        return try mix.build(tokenizer: tok, seqLen: seqLen, totalTokens: totalTokens, seed: seed)
    }
    func json() throws -> String { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }
}

enum TrainBindings {
    static let scheduleType: NativeType<ScheduleBox> = NativeType("Schedule", doc: "A learning-rate schedule (multiplier of the peak lr).") { t in
        t.method("lr", params: [Param("step", .int), Param("total", .int, default: 100)], doc: "The multiplier at a 0-based step of `total`.") { s, a, _ in
            .float(s.schedule.multiplier(step: a.intArg("step"), total: max(1, a.intArg("total"))))
        }
        t.method("values", params: [Param("total", .int, default: 100)], doc: "The multiplier at every step (for plot).") { s, a, _ in
            let n = max(1, a.intArg("total"))
            return .floats((0..<n).map { s.schedule.multiplier(step: $0, total: n) })
        }
        t.repr { "<Schedule \($0.schedule.summary)>" }
    }

    static let phaseType: NativeType<PhaseBox> = NativeType("Phase", doc: "A training phase: run whole or in parts, branch, save, resume.") { t in
        t.attribute("model", doc: "the model being trained (shared, not copied)") { ModelBindings.modelType.wrap($0.phase.model) }
        t.attribute("name", .string, doc: "phase name") { .string($0.phase.config.name) }
        t.attribute("step", .int, doc: "optimizer steps done") { .int($0.phase.step) }
        t.attribute("total_steps", .int, doc: "steps in the whole phase") { .int($0.phase.totalSteps) }
        t.attribute("tokens_seen", .int, doc: "tokens trained on so far") { .int($0.phase.tokensSeen) }
        t.attribute("done", .bool, doc: "whether the phase has run to its end") { .bool($0.phase.isFinished) }
        t.attribute("parent", doc: "the phase it branched from (name), or nil") { $0.phase.parent.map { .string("\($0.name)@\($0.step)") } ?? .null }
        t.attribute("history", .list, doc: "per-step dicts: step, loss, lr, grad_norm, tokens_per_s") { p in
            .makeList(p.phase.history.map { h in
                .record([("step", .int(h.step)), ("loss", .float(h.loss)), ("lr", .float(h.lr)),
                         ("grad_norm", .float(h.gradNorm)), ("tokens_per_s", .float(h.tokensPerSecond))])
            })
        }
        t.method("run", params: [Param("steps", .optional(.int), default: .null), Param("tokens", .optional(.int), default: .null),
                                 Param("fraction", .optional(.float), default: .null, doc: "of the whole phase"),
                                 Param("pause_after", .optional(.int), default: .null,
                                       doc: "stop after this many steps as Ctrl-C would (saved sessions use it)")],
                 doc: "Trains on (to the end by default). Ctrl-C pauses; run() then goes on with the steps left.") { p, a, _ in
            let bare = a.int("steps") == nil && a.int("tokens") == nil && a.double("fraction") == nil
            let planned: Int
            if bare, let owed = p.remaining { planned = min(owed, p.phase.totalSteps - p.phase.step) } else {
                planned = try bridge("run") { try p.phase.plannedSteps(steps: a.int("steps"), tokens: a.int("tokens"), fraction: a.double("fraction")) }
            }
            let now = min(planned, max(0, a.int("pause_after") ?? planned))
            let ran = try bridge("run") { try p.phase.run(steps: now, progress: InterruptibleProgress.withBar()) }
            let interrupted = PausedRuns.finish(planned: planned, ran: ran, interrupted: Interrupt.isRequested) { p.remaining = $0 }
            if interrupted {
                throw ScriptError(.interrupted, "paused at step \(p.phase.step)/\(p.phase.totalSteps); run() does the \(planned - ran) steps left")
            }
            return .null
        }
        t.method("lr", params: [Param("step", .int)], doc: "The learning rate at a step.") { p, a, _ in .float(p.phase.lr(at: a.intArg("step"))) }
        t.method("save", params: [Param("dir", .string)], doc: "Writes a checkpoint folder (model, optimizer, state) atomically.") { p, a, _ in
            let recipe = try p.recipe.json()
            try bridge("save") { try p.phase.save(to: URL(fileURLWithPath: a.stringArg("dir")), dataRecipe: recipe) }
            return .null
        }
        t.method("eval_loss", params: [Param("data", .any, doc: "a Corpus or corpus name"), Param("n", .int, default: 8, doc: "sequences")],
                 doc: "Mean next-token loss on n sequences of other data (no training).") { p, a, interp in
            let mix = try DataBindings.mixture(from: a["data"], interp: interp)
            guard let tok = p.phase.model.tokenizer else { throw a.error("model has no tokenizer") }
            let n = max(1, a.intArg("n"))
            let m = try bridge("eval_loss") { try mix.build(tokenizer: tok, seqLen: p.phase.seqLen, totalTokens: p.phase.seqLen * (n + 1), seed: 1) }
            guard let seqs = m.components.first?.sequences else { return .float(.nan) }
            return .float(try bridge("eval_loss") { try p.phase.evaluateLoss(seqs, maxSequences: n) })
        }
        t.repr { b in
            let p = b.phase
            let loss = p.history.last.map { " loss \(fmt($0.loss))" } ?? ""
            return "<Phase \(p.config.name) step \(p.step)/\(p.totalSteps) lr \(fmt(Double(p.config.peakLR))) \(p.config.schedule.summary)\(loss)>"
        }
    }

    static func schedule(_ v: Value) throws -> Schedule {
        if case .null = v { return .constant(warmup: 0) }
        guard let s = scheduleType.unwrap(v) else { throw ScriptError(.type, "schedule must be a Schedule (wsd(), cosine(), linear(), constant())") }
        return s.schedule
    }

    static func register(in r: Registry) {
        r.describe(scheduleType); r.describe(phaseType)
        r.function("constant", params: [Param("warmup", .float, default: 0.0, doc: "fraction of the phase")], doc: "Constant lr after warmup.") { a, _ in
            scheduleType.wrap(ScheduleBox(.constant(warmup: a.doubleArg("warmup"))))
        }
        r.function("linear", params: [Param("warmup", .float, default: 0.0), Param("to", .float, default: 0.0, doc: "final fraction of the peak")],
                   doc: "Linear decay to `to`·peak.") { a, _ in
            scheduleType.wrap(ScheduleBox(.linear(warmup: a.doubleArg("warmup"), floor: a.doubleArg("to"))))
        }
        r.function("cosine", params: [Param("warmup", .float, default: 0.0), Param("to", .float, default: 0.1)], doc: "Cosine decay to `to`·peak.") { a, _ in
            scheduleType.wrap(ScheduleBox(.cosine(warmup: a.doubleArg("warmup"), floor: a.doubleArg("to"))))
        }
        r.function("wsd", params: [Param("warmup", .float, default: 0.02), Param("decay", .float, default: 0.1),
                                   Param("shape", .choice(["linear", "cosine", "1-sqrt"]), default: "linear", doc: "linear, cosine or 1-sqrt"), Param("to", .float, default: 0.0)],
                   doc: "Warmup-stable-decay (fractions of the phase).") { a, _ in
            let shapeName = a.stringArg("shape")
            guard let shape = DecayShape(rawValue: shapeName) else { throw a.error("shape must be linear, cosine or 1-sqrt, got \"\(shapeName)\"") }
            let w = a.doubleArg("warmup"), d = a.doubleArg("decay")
            guard w >= 0, d >= 0, w + d <= 1 else { throw a.error("warmup and decay are fractions with warmup + decay ≤ 1") }
            return scheduleType.wrap(ScheduleBox(.wsd(warmup: w, decay: d, shape: shape, floor: a.doubleArg("to"))))
        }
        r.function("phase", params: [
            Param("model", .native("Model")), Param("data", .any, doc: "a Corpus, a Mixture, a corpus name or {name: weight}"),
            Param("tokens", .int, doc: "token budget of the whole phase"), Param("batch_tokens", .int, default: 4096),
            Param("lr", .float, default: 1e-3), Param("schedule", .optional(.native("Schedule")), default: .null),
            Param("seq_len", .int, default: 128), Param("micro_batch", .int, default: 8), Param("weight_decay", .float, default: 0.1),
            Param("clip", .float, default: 1.0), Param("name", .string, default: "phase"),
        ], doc: "A training phase on the model (trains the model in place).") { a, interp in
            guard let m = ModelBindings.modelType.unwrap(a["model"]) else { throw a.error("phase: expected a Model") }
            let mix = try DataBindings.mixture(from: a["data"], interp: interp)
            let tokens = a.intArg("tokens"), seqLen = a.intArg("seq_len")
            guard seqLen >= 2 else { throw a.error("seq_len must be ≥ 2") }
            let recipe = DataRecipe(mix: mix, seqLen: seqLen, totalTokens: tokens, seed: interp.random.next())
            let data = try bridge("phase data") { try recipe.build(m) }
            let cfg = PhaseConfig(name: a.stringArg("name"), totalTokens: tokens, batchTokens: a.intArg("batch_tokens"),
                                  peakLR: Float(a.doubleArg("lr")), schedule: try schedule(a["schedule"]), clipNorm: a.doubleArg("clip"),
                                  weightDecay: Float(a.doubleArg("weight_decay")), microBatch: a.intArg("micro_batch"))
            return phaseType.wrap(PhaseBox(try bridge("phase") { try Phase(model: m, data: data, config: cfg) }, recipe: recipe))
        }
        r.function("branch", params: [
            Param("phase", .native("Phase")), Param("data", .any), Param("tokens", .int),
            Param("schedule", .optional(.native("Schedule")), default: .null), Param("lr", .optional(.float), default: .null),
            Param("name", .string, default: "branch"),
        ], doc: "A new phase from the phase's current weights and optimizer state (copied; the parent is unchanged).") { a, interp in
            guard let parent = phaseType.unwrap(a["phase"]) else { throw a.error("branch: expected a Phase") }
            let mix = try DataBindings.mixture(from: a["data"], interp: interp)
            let tokens = a.intArg("tokens")
            let recipe = DataRecipe(mix: mix, seqLen: parent.phase.seqLen, totalTokens: tokens, seed: interp.random.next())
            let data = try bridge("branch data") { try recipe.build(parent.phase.model) }
            let p = try bridge("branch") {
                try parent.phase.branch(name: a.stringArg("name"), data: data, tokens: tokens,
                                        schedule: try schedule(a["schedule"]), lr: a.double("lr").map(Float.init))
            }
            return phaseType.wrap(PhaseBox(p, recipe: recipe))
        }
        r.function("export_pretrain", params: [Param("phase", .native("Phase"), doc: "a phase or a branch"), Param("dir", .string)],
                   doc: "Writes the phase's mixture as jsonl text shards + manifest, its current weights as an HF folder, and a torchrun recipe (run_pretrain.sh) on transformers. Returns the manifest.") { a, _ in
            guard let p = phaseType.unwrap(a["phase"]) else { throw a.error("export_pretrain: expected a Phase (phase() or branch())") }
            let m = try bridge("export_pretrain") { try PretrainExport.export(p.phase, to: URL(fileURLWithPath: a.stringArg("dir"))) }
            return .record([("steps", .int(m.totalSteps)), ("steps_done", .int(m.stepsDone)), ("seq_len", .int(m.seqLen)),
                            ("batch_tokens", .int(m.sequencesPerStep * m.seqLen)), ("tokens", .int(m.totalTokens)),
                            ("sources", .makeList(m.sources.map { s in
                                .record([("name", .string(s.name)), ("file", .string(s.file)), ("weight", .float(s.weight)),
                                         ("documents", .int(s.documents)), ("tokens", .int(s.tokens))])
                            }))])
        }
        r.function("resume", params: [Param("dir", .string, doc: "a checkpoint folder written by phase.save")],
                   doc: "The phase of a checkpoint, ready to go on (bit-identical to an uninterrupted run).") { a, _ in
            let dir = URL(fileURLWithPath: a.stringArg("dir"))
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw a.error("no checkpoint folder at \(dir.path) (phase.save(dir) writes one)", kind: .io)
            }
            guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("trainer_state.json").path) else {
                throw a.error("\(dir.path) is not a phase checkpoint: it has no trainer_state.json (an RL checkpoint? use resume_rl)", kind: .io)
            }
            let state = try bridge("resume") { try Phase.readState(dir) }
            guard let json = state.dataRecipe, let recipe = try? JSONDecoder().decode(DataRecipe.self, from: Data(json.utf8)) else {
                throw a.error("checkpoint \(dir.path) has no data recipe (was it written by octorepl?)")
            }
            let model = try bridge("resume") { try Phase.loadModel(dir) }
            let data = try bridge("resume data") { try recipe.build(model) }
            let p = try bridge("resume") { try Phase.resume(from: dir, data: data, model: model) }
            return phaseType.wrap(PhaseBox(p, recipe: recipe))
        }
    }
}
