// One generated response as `generate` records it: prompt ids, response ids, and per token the
// logprob, entropy and top-k alternatives, with why it stopped and its text. Evaluation and RL
// keep it whole (`EvalSample.raw`, `Rollout.sample`) instead of copying its fields.

/// Why a sample ended.
public enum StopReason: String, Sendable, Codable { case stopToken = "stop_token", stopString = "stop_string", maxTokens = "max_tokens" }

/// One generated response with its per-token record.
public struct Sample: Sendable {
    public var promptIds: [Int]
    /// Generated token ids (including a final stop token, if any).
    public var ids: [Int] = []
    /// log p(token) under the sampling distribution (softmax of logits / temperature; raw for greedy).
    public var logprobs: [Float] = []
    /// Entropy (nats) of that distribution at each step.
    public var entropies: [Float] = []
    /// Top alternatives per step: (id, probability), most likely first.
    public var alternatives: [[(id: Int, prob: Float)]] = []
    public var stopReason: StopReason = .maxTokens
    /// Decoded response text (cut before a stop string), when a decoder was given.
    public var text: String = ""
    /// True when the response hit `maxTokens` without stopping.
    public var truncated: Bool { stopReason == .maxTokens }
}

/// Field by field; alternatives compare id for id and probability for probability.
extension Sample: Equatable {
    public static func == (a: Sample, b: Sample) -> Bool {
        a.promptIds == b.promptIds && a.ids == b.ids && a.logprobs == b.logprobs && a.entropies == b.entropies
            && a.stopReason == b.stopReason && a.text == b.text
            && a.alternatives.count == b.alternatives.count
            && zip(a.alternatives, b.alternatives).allSatisfy { x, y in
                x.count == y.count && zip(x, y).allSatisfy { $0.id == $1.id && $0.prob == $1.prob }
            }
    }
}

/// JSON: `{"promptIds", "ids", "logprobs", "entropies", "alternatives": [[{"id", "prob"}]],
/// "stopReason", "text"}`; `alternatives` may be absent (none recorded).
extension Sample: Codable {
    private enum CodingKeys: String, CodingKey { case promptIds, ids, logprobs, entropies, alternatives, stopReason, text }
    private struct Alternative: Codable { var id: Int; var prob: Float }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(promptIds: try c.decode([Int].self, forKey: .promptIds))
        ids = try c.decode([Int].self, forKey: .ids)
        logprobs = try c.decode([Float].self, forKey: .logprobs)
        entropies = try c.decode([Float].self, forKey: .entropies)
        alternatives = (try c.decodeIfPresent([[Alternative]].self, forKey: .alternatives) ?? []).map { $0.map { (id: $0.id, prob: $0.prob) } }
        stopReason = try c.decode(StopReason.self, forKey: .stopReason)
        text = try c.decode(String.self, forKey: .text)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(promptIds, forKey: .promptIds)
        try c.encode(ids, forKey: .ids)
        try c.encode(logprobs, forKey: .logprobs)
        try c.encode(entropies, forKey: .entropies)
        if !alternatives.isEmpty {
            try c.encode(alternatives.map { $0.map { Alternative(id: $0.id, prob: $0.prob) } }, forKey: .alternatives)
        }
        try c.encode(stopReason, forKey: .stopReason)
        try c.encode(text, forKey: .text)
    }
}
