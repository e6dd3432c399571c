// EvalSample: one generated response of an evaluation run, graded, with everything needed to
// inspect it later (prompt, text, tokens with logprobs and entropies, extracted answer).

import OctoData
import OctoModel

/// One graded response: which model answered which problem, what it wrote, token by token.
public struct EvalSample: Sendable {
    /// Benchmark name ("lab:gsm", "math500", …).
    public var benchmark: String
    /// Display name of the model.
    public var model: String
    /// The problem's id within its benchmark.
    public var problemId: String
    /// Position of the problem in the benchmark (0-based).
    public var problemIndex: Int
    /// Which of the n samples of that problem this is (0-based, in sampling order).
    public var sampleIndex: Int
    /// The full prompt text the model saw (shots included).
    public var prompt: String
    /// The benchmark's gold answer.
    public var gold: String
    /// The decoded response (cut before a stop string).
    public var text: String
    /// The extracted final answer, or nil when the response has none.
    public var pred: String?
    /// The grader's verdict.
    public var correct: Bool
    /// Generated token ids (a final stop token included).
    public var ids: [Int]
    /// log p of each generated token under the sampling distribution.
    public var logprobs: [Float]
    /// Entropy (nats) of the distribution at each step.
    public var entropies: [Float]
    /// Why generation ended.
    public var stopReason: StopReason
    /// Number of prompt tokens.
    public var promptTokens: Int
    /// The engine's own record (alternatives, prompt ids), when the sample was generated here.
    public var raw: Sample?

    public init(benchmark: String, model: String, problemId: String, problemIndex: Int, sampleIndex: Int,
                prompt: String, gold: String, text: String, pred: String?, correct: Bool,
                ids: [Int] = [], logprobs: [Float] = [], entropies: [Float] = [],
                stopReason: StopReason = .stopToken, promptTokens: Int = 0, raw: Sample? = nil) {
        self.benchmark = benchmark; self.model = model; self.problemId = problemId
        self.problemIndex = problemIndex; self.sampleIndex = sampleIndex
        self.prompt = prompt; self.gold = gold; self.text = text; self.pred = pred; self.correct = correct
        self.ids = ids; self.logprobs = logprobs; self.entropies = entropies
        self.stopReason = stopReason; self.promptTokens = promptTokens; self.raw = raw
    }

    /// Builds a sample from the engine's record and the grader's verdict.
    public init(benchmark: String, model: String, problem: Problem, problemIndex: Int, sampleIndex: Int,
                prompt: String, sample: Sample, grade: GradeResult) {
        self.init(benchmark: benchmark, model: model, problemId: problem.id, problemIndex: problemIndex,
                  sampleIndex: sampleIndex, prompt: prompt, gold: problem.gold, text: sample.text, pred: grade.pred,
                  correct: grade.correct, ids: sample.ids, logprobs: sample.logprobs, entropies: sample.entropies,
                  stopReason: sample.stopReason, promptTokens: sample.promptIds.count, raw: sample)
    }

    /// Generated tokens (the response length the report averages).
    public var length: Int { ids.count }
    /// True when the response hit max_tokens without stopping.
    public var truncated: Bool { stopReason == .maxTokens }
}
