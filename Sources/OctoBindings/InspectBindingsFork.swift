// `fork(r, at=pos, n=4)`: resample continuations from a prefix of a response (prompt + its
// first `at` tokens) with the same model or another one, and show them side by side.
// `compare(a, b)`: align two responses — common prefix, first divergence, then their tokens
// side by side.
import Foundation
import OctoTensor
import OctoModel
import OctoTokenizer
import OctoTerm

/// The alignment of two responses, printed as text.
public final class ComparisonBox {
    /// Tokens the two responses share from the start, and the first differing position (nil if identical).
    public let commonPrefix: Int
    public let divergence: Int?
    public let text: String
    init(commonPrefix: Int, divergence: Int?, text: String) { self.commonPrefix = commonPrefix; self.divergence = divergence; self.text = text }
}

extension InspectBindings {
    static let comparisonType: NativeType<ComparisonBox> = NativeType("Comparison", doc: "Two responses aligned: common prefix, divergence, tokens side by side.") { t in
        t.attribute("common_prefix", .int, doc: "tokens shared from the start") { .int($0.commonPrefix) }
        t.attribute("divergence", doc: "first differing token position, or nil when identical") { $0.divergence.map(Value.int) ?? .null }
        t.attribute("text", .string, doc: "the rendered alignment") { .string($0.text) }
        t.repr { $0.text.trimmingCharacters(in: .newlines) }
    }

    /// The alignment of `a` and `b`, showing `window` positions from the divergence (and 2 before).
    static func compare(_ a: InspectableResponse, _ b: InspectableResponse, window: Int) throws -> ComparisonBox {
        // When one prompt extends the other (a fork's prompt is the original's prompt plus a
        // prefix of its response), align the sequences after the shorter prompt.
        let pa = a.promptIds, pb = b.promptIds
        let shorter = min(pa.count, pb.count)
        let nested = pa.prefix(shorter) == pb.prefix(shorter)
        let x = nested ? Array((pa + a.responseIds)[shorter...]) : a.responseIds
        let y = nested ? Array((pb + b.responseIds)[shorter...]) : b.responseIds
        let ta = x.map { ResponseTokens.text($0, a.responseTokenizer) }, tb = y.map { ResponseTokens.text($0, b.responseTokenizer) }
        var k = 0
        while k < min(x.count, y.count), x[k] == y[k] { k += 1 }
        var lines: [String] = []
        if !nested { lines.append("note: the prompts differ (\(pa.count) vs \(pb.count) tokens); comparing the responses") }
        else if pa.count != pb.count { lines.append("note: aligned after the shorter prompt (\(shorter) tokens); the longer prompt's extra tokens count as response") }
        lines.append("a: \(x.count) tokens · b: \(y.count) tokens · common prefix: \(k) tokens")
        if k == x.count && k == y.count {
            lines.append("identical responses")
            return ComparisonBox(commonPrefix: k, divergence: nil, text: lines.joined(separator: "\n") + "\n")
        }
        let shared = ta[..<k].joined()
        lines.append("first divergence at token \(k)")
        lines.append("shared: " + visibleText(shared.count > 120 ? "…" + String(shared.suffix(120)) : shared))
        var table = Table(columns: [Table.Column("pos"), Table.Column("a"), Table.Column("a id"), Table.Column("b"), Table.Column("b id"), Table.Column("")])
        for p in max(0, k - 2)..<min(max(x.count, y.count), k + window) {
            let ca: [Table.Cell] = p < x.count ? [.text(visibleToken(ta[p])), .integer(x[p])] : [.empty, .empty]
            let cb: [Table.Cell] = p < y.count ? [.text(visibleToken(tb[p])), .integer(y[p])] : [.empty, .empty]
            let same = p < x.count && p < y.count && x[p] == y[p]
            try table.append([.integer(p)] + ca + cb + [.text(same ? "=" : "≠")])
        }
        lines.append(table.render().trimmingCharacters(in: .newlines))
        let cut = { (s: String) in visibleText(s.count > 200 ? String(s.prefix(200)) + "…" : s) }
        lines.append("a from \(k): " + cut(ta[k...].joined()))
        lines.append("b from \(k): " + cut(tb[k...].joined()))
        return ComparisonBox(commonPrefix: k, divergence: k, text: lines.joined(separator: "\n") + "\n")
    }

    /// The continuations table fork prints: the original's continuation, then each sample's.
    static func forkTable(original: InspectableResponse, at: Int, samples: [Sample], tokenizer: Tokenizer?, width: Int) throws -> Table {
        let textWidth = max(20, width - 34)
        func shown(_ s: String) -> String {
            let v = visibleText(s)
            return v.count > textWidth ? String(v.prefix(textWidth - 1)) + "…" : v
        }
        var table = Table(columns: [Table.Column("#"), Table.Column("tokens"), Table.Column("stop"), Table.Column("mean lp", alignment: .right, format: .fixed(3)),
                                    Table.Column("continuation")], title: "fork at token \(at): \(samples.count) continuation\(samples.count == 1 ? "" : "s")")
        let origIds = Array(original.responseIds[at...])
        let origText = ResponseTokens(original).texts[at...].joined()
        let origLp = original.tokenLogprobs.map { Array($0[min(at, $0.count)...]) }
        try table.append([.text("orig"), .integer(origIds.count), .text(original.truncated ? "max_tokens" : "—"),
                          origLp.flatMap { $0.isEmpty ? nil : Table.Cell.number($0.reduce(0, +) / Double($0.count)) } ?? .empty,
                          .text(shown(origText))])
        for (i, s) in samples.enumerated() {
            let lp = s.logprobs.isEmpty ? Table.Cell.empty : .number(Double(s.logprobs.reduce(0, +)) / Double(s.logprobs.count))
            // Token by token (bytes of cut characters visible), like the original's row; no stop token.
            let ids = s.stopReason == .stopToken ? Array(s.ids.dropLast()) : s.ids
            let text = s.stopReason == .stopString ? s.text : ids.map { ResponseTokens.text($0, tokenizer) }.joined()
            try table.append([.integer(i), .integer(s.ids.count), .text(s.stopReason.rawValue), lp, .text(shown(text))])
        }
        return table
    }

    static func registerFork(in r: Registry) {
        r.describe(comparisonType)
        r.function("fork", params: [
            Param("r", .any, doc: "a Sample (or rollout / eval record)"),
            Param("at", .int, default: 0, doc: "response tokens kept before resampling"),
            Param("n", .int, default: 4, doc: "continuations"),
            Param("temperature", .float, default: 1.0), Param("top_p", .float, default: 1.0), Param("top_k", .int, default: 0),
            Param("max_tokens", .optional(.int), default: .null, doc: "default: as many as the original had left"),
            Param("model", .optional(.native("Model")), default: .null, doc: "another model to continue with"),
            Param("top_alternatives", .int, default: 5),
        ], doc: "Resamples n continuations from prompt + the first `at` tokens of r; prints them side by side, returns the Samples.") { a, interp in
            let src = try response(a, "r", "fork")
            let ids = src.responseIds
            let at = a.intArg("at")
            guard at >= 0 && at <= ids.count else { throw a.error("at=\(at) is outside 0…\(ids.count) (the response has \(ids.count) tokens)", kind: .index) }
            let n = a.intArg("n")
            guard n >= 1 else { throw a.error("n must be at least 1, got \(n)") }
            guard let model = ModelBindings.modelType.unwrap(a["model"]) ?? src.responseModel else {
                throw a.error("fork: this response carries no model; pass model=")
            }
            let srcTok = src.responseTokenizer
            let tok = model.tokenizer ?? srcTok
            var prefix = src.promptIds + ids[..<at]
            if let t = model.tokenizer, let s = srcTok, t.vocabSize != s.vocabSize || model.config.vocabSize != s.vocabSize {
                // A model with another vocabulary: re-encode the prefix text with its tokenizer.
                prefix = t.encode(s.decode(src.promptIds) + s.decode(Array(ids[..<at])), addSpecialTokens: false)
            }
            if let bad = prefix.first(where: { $0 < 0 || $0 >= model.config.vocabSize }) {
                throw a.error("fork: token id \(bad) is outside the model's vocabulary 0..<\(model.config.vocabSize)", kind: .index)
            }
            guard !prefix.isEmpty else { throw a.error("fork: empty prefix (no prompt and at=0)") }
            let maxTokens = a.int("max_tokens") ?? max(1, ids.count - at)
            guard maxTokens >= 1 else { throw a.error("max_tokens must be at least 1, got \(maxTokens)") }
            let options = SamplingOptions(temperature: Float(a.doubleArg("temperature")), topK: a.intArg("top_k"),
                                          topP: Float(a.doubleArg("top_p")), maxTokens: maxTokens,
                                          stopTokens: Set(model.config.eosTokenIds + (tok?.eosId.map { [$0] } ?? [])),
                                          alternatives: a.intArg("top_alternatives"))
            var rng = engineRNG(interp)
            let out = try bridge("fork") {
                try model.generate(prompts: [prefix], n: n, options: options, rng: &rng,
                                   decode: tok.map { t in { t.decode($0) } }, progress: InterruptibleProgress.withBar())
            }
            let samples = out.flatMap { $0 }
            let table = try bridge("fork") { try forkTable(original: src, at: at, samples: samples, tokenizer: tok, width: terminal().width) }
            interp.output(table.render(color: terminal().color, width: viewWidth()))
            return .makeList(samples.map { ModelBindings.sampleType.wrap(SampleBox($0, tokenizer: tok, model: model)) })
        }
        r.function("compare", params: [
            Param("a", .any), Param("b", .any), Param("window", .int, default: 8, doc: "positions shown from the divergence"),
        ], doc: "Aligns two responses: common prefix, first divergence, then tokens side by side.") { a, _ in
            let x = try response(a, "a", "compare"), y = try response(a, "b", "compare")
            return comparisonType.wrap(try compare(x, y, window: max(1, a.intArg("window"))))
        }
    }
}
