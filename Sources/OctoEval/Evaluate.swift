// evaluate(models, benchmarks): for every (model, benchmark) pair, build the prompts (few-shot
// for base models, zero-shot for RL models), generate in batches through the model engine
// with the template's stop strings and EOS, grade every response and aggregate a report.
// Deterministic from `EvalOptions.seed` (and the batch size).

import Foundation
import OctoData
import OctoModel
import OctoTensor
import OctoTokenizer
import OctoBase

/// A model under evaluation with the name its rows carry.
public struct EvalModel {
    public var name: String
    public var model: DecoderModel
    /// The tokenizer prompts are encoded with (default: the model's own).
    public var tokenizer: Tokenizer?

    public init(name: String, model: DecoderModel, tokenizer: Tokenizer? = nil) {
        self.name = name; self.model = model; self.tokenizer = tokenizer ?? model.tokenizer
    }
}

/// How an evaluation runs.
public struct EvalOptions: Sendable {
    /// Shots for few-shot templates: nil → the template's usual count (GSM8K 8, MATH 4);
    /// 0 → zero-shot with `zeroShotTemplate`.
    public var shots: Int?
    /// Samples per problem.
    public var n: Int
    /// 0 → greedy.
    public var temperature: Double
    public var topP: Double
    public var maxTokens: Int
    /// The k of pass@k and maj@k (1…n).
    public var k: Int
    /// Problems per benchmark (nil: all).
    public var limit: Int?
    /// Forces one template for every benchmark (nil: chosen from `shots` and the benchmark style).
    public var template: PromptTemplate?
    /// The template of `shots = 0` runs (RL models): `.stepByStep` or `.r1Zero`.
    public var zeroShotTemplate: PromptTemplate
    /// Fixes shots, lab shot pools and sampling.
    public var seed: UInt64
    /// Prompts per generation call (each with its n samples).
    public var batchSize: Int
    /// Top alternatives kept per token (for inspection; 0: none).
    public var alternatives: Int

    public init(shots: Int? = nil, n: Int = 1, temperature: Double = 0, topP: Double = 1, maxTokens: Int = 256, k: Int = 1,
                limit: Int? = nil, template: PromptTemplate? = nil, zeroShotTemplate: PromptTemplate = .stepByStep,
                seed: UInt64 = 0, batchSize: Int = 16, alternatives: Int = 0) {
        self.shots = shots; self.n = n; self.temperature = temperature; self.topP = topP; self.maxTokens = maxTokens
        self.k = k; self.limit = limit; self.template = template; self.zeroShotTemplate = zeroShotTemplate
        self.seed = seed; self.batchSize = batchSize; self.alternatives = alternatives
    }

    /// The template and shot count used for a benchmark of `style`.
    public func prompting(for style: GradingStyle) -> (template: PromptTemplate, shots: Int) {
        if let t = template { return (t, t.defaultShots == 0 ? 0 : max(0, shots ?? t.defaultShots)) }
        if shots == 0 { return (zeroShotTemplate, 0) }
        let t: PromptTemplate = style == .gsm8k ? .gsm8kFewShot : .minervaFewShot
        return (t, max(0, shots ?? t.defaultShots))
    }
}

/// Why an evaluation cannot run.
public enum EvalError: Error, CustomStringConvertible {
    case invalidArgument(String)
    case noTokenizer(model: String)
    case duplicateName(kind: String, name: String)
    case promptTooLong(benchmark: String, problem: String, promptTokens: Int, maxTokens: Int, maxPositions: Int)
    case cannotWrite(path: String, reason: String)
    case unknownFormat(path: String)

    public var description: String {
        switch self {
        case .invalidArgument(let m): return "evaluate: \(m)"
        case .noTokenizer(let m): return "evaluate: model '\(m)' has no tokenizer"
        case .duplicateName(let kind, let name): return "evaluate: two \(kind)s are named '\(name)'; give them distinct names"
        case let .promptTooLong(b, p, t, m, mp):
            return "evaluate: \(b) problem \(p): prompt of \(t) tokens + max_tokens \(m) exceeds the model's \(mp) positions (use fewer shots or a smaller max_tokens)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case .unknownFormat(let path): return "cannot save \(path): the extension must be .md, .csv or .json"
        }
    }
}

/// The evaluation engine.
public enum Evaluator {
    /// Evaluates every model on every benchmark and returns the report.
    ///
    /// Progress events count samples ("evaluate" label, accuracy so far in `stats`). When the
    /// reporter asks to stop, the batch in flight is dropped and a report with
    /// `complete == false` covering the finished batches is returned.
    /// - Throws: `EvalError` for bad options, a model without tokenizer, duplicate names or a
    ///   prompt longer than the model's positions; engine errors from generation.
    public static func evaluate(models: [EvalModel], benchmarks: [EvalBenchmark], options: EvalOptions = EvalOptions(),
                                progress: ProgressReporter = SilentProgress()) throws -> EvalReport {
        try validate(models: models, benchmarks: benchmarks, options: options)
        let benches = benchmarks.map { b -> EvalBenchmark in
            var b = b
            if let limit = options.limit { b.problems = Array(b.problems.prefix(max(0, limit))) }
            return b
        }
        let total = models.count * benches.reduce(0) { $0 + $1.problems.count } * options.n
        progress.begin(ProgressEvent(done: 0, total: total, unit: "sample", label: "evaluate"))
        let watcher = InterruptProbe(progress)
        let grader = Grader()
        var samples: [EvalSample] = [], runs: [EvalRun] = []
        var correct = 0
        let start = Date()
        outer: for m in models {
            guard let tok = m.tokenizer else { throw EvalError.noTokenizer(model: m.name) }
            let stopTokens = Set(m.model.config.eosTokenIds + (tok.eosId.map { [$0] } ?? []))
            for bench in benches {
                let (template, shotCount) = options.prompting(for: bench.style)
                let shots = bench.shotSource.shots(for: template, count: shotCount, seed: options.seed)
                var run = EvalRun(benchmark: bench.name, model: m.name, template: template.rawValue, shots: shots.count)
                let prompts = bench.problems.map { template.render(question: $0.prompt, shots: shots) }
                let promptIds = prompts.map { tok.encode($0) }
                for (i, ids) in promptIds.enumerated() where ids.count + options.maxTokens > m.model.config.maxPositionEmbeddings {
                    throw EvalError.promptTooLong(benchmark: bench.name, problem: bench.problems[i].id, promptTokens: ids.count,
                                                  maxTokens: options.maxTokens, maxPositions: m.model.config.maxPositionEmbeddings)
                }
                let sampling = SamplingOptions(temperature: Float(options.temperature), topP: Float(options.topP),
                                               greedy: options.temperature == 0, maxTokens: options.maxTokens,
                                               stopTokens: stopTokens, stopStrings: template.stopStrings,
                                               alternatives: options.alternatives)
                var rng = RNG(seed: options.seed).split("evaluate/\(m.name)/\(bench.name)")
                for lo in stride(from: 0, to: promptIds.count, by: options.batchSize) {
                    let hi = min(lo + options.batchSize, promptIds.count)
                    if !progress.shouldContinue { runs.append(run); break outer }
                    let t0 = Date()
                    let out = try m.model.generate(prompts: Array(promptIds[lo..<hi]), n: options.n, options: sampling, rng: &rng,
                                                   decode: { tok.decode($0) }, progress: watcher)
                    run.generationSeconds += Date().timeIntervalSince(t0)
                    if watcher.interrupted { runs.append(run); break outer }
                    let t1 = Date()
                    for (offset, group) in out.enumerated() {
                        let pi = lo + offset
                        let problem = bench.problems[pi]
                        for (j, s) in group.enumerated() {
                            let verdict = grader.grade(gold: problem.gold, response: s.text, style: bench.style)
                            if verdict.correct { correct += 1 }
                            samples.append(EvalSample(benchmark: bench.name, model: m.name, problem: problem, problemIndex: pi,
                                                      sampleIndex: j, prompt: prompts[pi], sample: s, grade: verdict))
                        }
                    }
                    run.gradingSeconds += Date().timeIntervalSince(t1)
                    let rate = Double(samples.count) / max(Date().timeIntervalSince(start), 1e-9)
                    progress.update(ProgressEvent(done: samples.count, total: total, unit: "sample",
                                                  label: "evaluate \(m.name) \(bench.name)",
                                                  stats: [("acc", Double(correct) / Double(max(samples.count, 1)))], rate: rate))
                }
                runs.append(run)
            }
        }
        let complete = !watcher.interrupted && samples.count == total
        progress.end(ProgressEvent(done: samples.count, total: total, unit: "sample", label: "evaluate"), interrupted: !complete)
        return EvalReport(samples: samples, k: options.k, runs: runs, options: options, complete: complete)
    }

    static func validate(models: [EvalModel], benchmarks: [EvalBenchmark], options o: EvalOptions) throws {
        guard !models.isEmpty else { throw EvalError.invalidArgument("need at least one model") }
        guard !benchmarks.isEmpty else { throw EvalError.invalidArgument("need at least one benchmark") }
        guard o.n >= 1 else { throw EvalError.invalidArgument("n must be ≥ 1, got \(o.n)") }
        guard (1...o.n).contains(o.k) else { throw EvalError.invalidArgument("k must be in 1…n (n = \(o.n)), got \(o.k)") }
        guard o.maxTokens >= 1 else { throw EvalError.invalidArgument("max_tokens must be ≥ 1, got \(o.maxTokens)") }
        guard o.temperature >= 0, o.temperature.isFinite else { throw EvalError.invalidArgument("temperature must be ≥ 0, got \(o.temperature)") }
        guard o.topP > 0, o.topP <= 1 else { throw EvalError.invalidArgument("top_p must be in (0, 1], got \(o.topP)") }
        guard o.batchSize >= 1 else { throw EvalError.invalidArgument("batch size must be ≥ 1, got \(o.batchSize)") }
        if let s = o.shots, s < 0 { throw EvalError.invalidArgument("shots must be ≥ 0, got \(s)") }
        if let l = o.limit, l < 0 { throw EvalError.invalidArgument("limit must be ≥ 0, got \(l)") }
        if let dup = firstDuplicate(models.map(\.name)) { throw EvalError.duplicateName(kind: "model", name: dup) }
        if let dup = firstDuplicate(benchmarks.map(\.name)) { throw EvalError.duplicateName(kind: "benchmark", name: dup) }
        if let m = models.first(where: { $0.tokenizer == nil }) { throw EvalError.noTokenizer(model: m.name) }
    }

    static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }
}

