// EvalReport: the result of an evaluation run. Rows aggregate the samples of one
// (benchmark, model): accuracy, pass@k (unbiased), maj@k, response length, truncation.
// Every sample is kept, so any number in a row can be traced back to responses.

/// How one (benchmark, model) pair was run: prompt format and time spent.
public struct EvalRun: Sendable, Equatable {
    public var benchmark: String
    public var model: String
    /// Prompt template name ("gsm8k-8shot", "r1-zero", …).
    public var template: String
    /// Shots actually shown (0 for zero-shot).
    public var shots: Int
    /// Wall time spent generating and grading (seconds).
    public var generationSeconds: Double = 0
    public var gradingSeconds: Double = 0

    public init(benchmark: String, model: String, template: String, shots: Int,
                generationSeconds: Double = 0, gradingSeconds: Double = 0) {
        self.benchmark = benchmark; self.model = model; self.template = template; self.shots = shots
        self.generationSeconds = generationSeconds; self.gradingSeconds = gradingSeconds
    }
}

/// The figures of one (benchmark, model) pair.
public struct EvalRow: Sendable, Equatable {
    public var benchmark: String
    public var model: String
    public var template: String
    public var shots: Int
    /// Problems with at least one sample.
    public var problems: Int
    /// Samples per problem (the largest, if problems differ).
    public var n: Int
    /// All samples and the correct ones.
    public var samples: Int
    public var correct: Int
    /// Mean over problems of the share of correct samples (pass@1 estimated from n samples).
    public var accuracy: Double
    /// The k of pass@k and maj@k.
    public var k: Int
    /// Mean unbiased pass@k; nil when a problem has fewer than k samples.
    public var passAtK: Double?
    /// Share of problems whose majority answer among the first k samples is correct; nil when a
    /// problem has fewer than k samples.
    public var majAtK: Double?
    /// Mean and largest response length (generated tokens).
    public var meanLength: Double
    public var maxLength: Int
    /// Share of samples that hit max_tokens without stopping.
    public var truncatedShare: Double
}

/// The result of `Evaluator.evaluate`: rows, runs and every sample.
public struct EvalReport: Sendable {
    /// Every graded sample, in (model, benchmark, problem, sample) order.
    public let samples: [EvalSample]
    /// The k of pass@k / maj@k.
    public let k: Int
    /// Per (benchmark, model): template, shots, timings.
    public let runs: [EvalRun]
    /// The options the run used (nil for reports built from samples alone).
    public let options: EvalOptions?
    /// False when the run was interrupted: rows cover only what finished.
    public let complete: Bool
    /// One row per (benchmark, model), in order of first appearance.
    public let rows: [EvalRow]

    /// Aggregates `samples` into rows.
    /// - Parameters:
    ///   - k: the k of pass@k and maj@k (≥ 1).
    ///   - runs: template and shots per pair (missing pairs show template "" and 0 shots).
    public init(samples: [EvalSample], k: Int, runs: [EvalRun] = [], options: EvalOptions? = nil, complete: Bool = true) {
        self.samples = samples; self.k = max(1, k); self.runs = runs; self.options = options; self.complete = complete
        self.rows = EvalReport.aggregate(samples, k: max(1, k), runs: runs)
    }

    /// The row of a (benchmark, model) pair.
    public func row(benchmark: String, model: String) -> EvalRow? {
        rows.first { $0.benchmark == benchmark && $0.model == model }
    }

    /// Accuracy of a model on a benchmark; `model` may be left out when the report has one model
    /// on that benchmark. Nil when there is no such row (or the model is ambiguous).
    public func accuracy(benchmark: String, model: String? = nil) -> Double? {
        let matching = rows.filter { $0.benchmark == benchmark && (model == nil || $0.model == model) }
        return matching.count == 1 ? matching.first?.accuracy : nil
    }

    /// Samples matching every given condition (nil: any).
    public func samples(correct: Bool? = nil, benchmark: String? = nil, model: String? = nil,
                        truncated: Bool? = nil) -> [EvalSample] {
        samples.filter { s in
            (correct.map { $0 == s.correct } ?? true) && (benchmark.map { $0 == s.benchmark } ?? true)
                && (model.map { $0 == s.model } ?? true) && (truncated.map { $0 == s.truncated } ?? true)
        }
    }

    /// Benchmark and model names in order of first appearance.
    public var benchmarks: [String] { unique(rows.map(\.benchmark)) }
    public var models: [String] { unique(rows.map(\.model)) }

    private func unique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }

    // MARK: - Aggregation

    static func aggregate(_ samples: [EvalSample], k: Int, runs: [EvalRun]) -> [EvalRow] {
        struct Pair: Hashable { let benchmark: String, model: String }
        var order: [Pair] = []
        var byPair: [Pair: [EvalSample]] = [:]
        for s in samples {
            let key = Pair(benchmark: s.benchmark, model: s.model)
            if byPair[key] == nil { order.append(key) }
            byPair[key, default: []].append(s)
        }
        let grader = Grader()
        return order.map { key in
            let group = byPair[key] ?? []
            var problemOrder: [Int] = []
            var byProblem: [Int: [EvalSample]] = [:]
            for s in group {
                if byProblem[s.problemIndex] == nil { problemOrder.append(s.problemIndex) }
                byProblem[s.problemIndex, default: []].append(s)
            }
            var accuracySum = 0.0, passSum = 0.0, majCount = 0
            var enoughForK = true, n = 0
            for p in problemOrder {
                let ps = (byProblem[p] ?? []).sorted { $0.sampleIndex < $1.sampleIndex }
                let c = ps.filter(\.correct).count
                n = max(n, ps.count)
                accuracySum += Double(c) / Double(ps.count)
                if let e = PassAtK.estimate(n: ps.count, c: c, k: k) { passSum += e } else { enoughForK = false }
                if PassAtK.majorityCorrect(answers: ps.map(\.pred), correct: ps.map(\.correct), k: k, grader: grader) {
                    majCount += 1
                }
            }
            let problems = problemOrder.count
            let lengths = group.map(\.length)
            let run = runs.first { $0.benchmark == key.benchmark && $0.model == key.model }
            let perProblem = { (x: Double) in problems == 0 ? 0 : x / Double(problems) }
            return EvalRow(benchmark: key.benchmark, model: key.model, template: run?.template ?? "", shots: run?.shots ?? 0,
                           problems: problems, n: n, samples: group.count, correct: group.filter(\.correct).count,
                           accuracy: perProblem(accuracySum), k: k,
                           passAtK: enoughForK ? perProblem(passSum) : nil,
                           majAtK: enoughForK ? perProblem(Double(majCount)) : nil,
                           meanLength: group.isEmpty ? 0 : Double(lengths.reduce(0, +)) / Double(group.count),
                           maxLength: lengths.max() ?? 0,
                           truncatedShare: group.isEmpty ? 0 : Double(group.filter(\.truncated).count) / Double(group.count))
        }
    }
}
