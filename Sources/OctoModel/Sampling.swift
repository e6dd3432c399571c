// Batched sampling with KV caches: temperature / top-k / top-p / greedy, stop tokens and stop
// strings, max_tokens with a truncated flag, and per token: id, logprob, entropy, top-k
// alternatives — the raw material for token-by-token inspection.
import Foundation
import OctoTensor
import OctoBase

/// How to pick each next token.
public struct SamplingOptions: Sendable {
    public var temperature: Float = 1
    public var topK: Int = 0          // 0: off
    public var topP: Float = 1        // 1: off
    public var greedy: Bool = false
    public var maxTokens: Int = 128
    public var stopTokens: Set<Int> = []
    public var stopStrings: [String] = []
    /// How many top alternatives to record per token (0: none).
    public var alternatives: Int = 0
    /// bfloat16 copies of the model's matrices (`DecodeWeights(bf16Of:)`) for the decode steps:
    /// half the bytes per token, f32 arithmetic (prefill keeps the f32 matrices).
    public var decodeWeights: DecodeWeights? = nil
    public init(temperature: Float = 1, topK: Int = 0, topP: Float = 1, greedy: Bool = false, maxTokens: Int = 128,
                stopTokens: Set<Int> = [], stopStrings: [String] = [], alternatives: Int = 0) {
        self.temperature = temperature; self.topK = topK; self.topP = topP; self.greedy = greedy
        self.maxTokens = maxTokens; self.stopTokens = stopTokens; self.stopStrings = stopStrings
        self.alternatives = alternatives
    }
}

extension DecoderModel {
    /// Samples `n` responses for each prompt. Each sample draws from its own stream split from
    /// `rng`, so results do not depend on batch composition; `rng` advances once per call.
    public func generate(prompts: [[Int]], n: Int = 1, options: SamplingOptions, rng: inout RNG,
                         decode: (([Int]) -> String)? = nil,
                         progress: ProgressReporter = SilentProgress()) throws -> [[Sample]] {
        guard n >= 1, !prompts.isEmpty, prompts.allSatisfy({ !$0.isEmpty }) else {
            throw ModelError.invalidArgument("generate: need ≥ 1 non-empty prompt and n ≥ 1")
        }
        guard options.maxTokens >= 0, options.temperature >= 0 else {
            throw ModelError.invalidArgument("generate: max_tokens and temperature must be ≥ 0")
        }
        let base = rng
        _ = rng.next()
        // Prefill each prompt once, then fork its cache for the n samples.
        let promptCaches = prompts.map { makeCache(capacity: $0.count + options.maxTokens + 1) }
        // Prefill runs the GEMM path; every decode step streams the weights once through the
        // GEMV kernels, which compute each sequence's row as if it were alone: a sample's bits
        // depend neither on the batch it is drawn in nor on when the others stop.
        let firstLogits = try forwardCached(prompts, caches: promptCaches, kernel: .gemv, bf16: options.decodeWeights)
        let v = config.vocabSize
        var samples: [Sample] = []
        var caches: [KVCache] = []
        var streams: [RNG] = []
        var pending: [Int] = []   // next token to feed per sample
        var active: [Int] = []
        for (pi, prompt) in prompts.enumerated() {
            for j in 0..<n {
                samples.append(Sample(promptIds: prompt))
                caches.append(j == n - 1 ? promptCaches[pi] : promptCaches[pi].copy())
                streams.append(base.split("sample/\(pi)/\(j)"))
                pending.append(-1)
                active.append(samples.count - 1)
            }
        }
        let total = samples.count * options.maxTokens
        progress.begin(ProgressEvent(done: 0, total: total, unit: "token", label: "sampling"))
        var produced = 0
        let start = Date()
        // Step 0 uses the prefill logits of each prompt.
        var rowsLogits = firstLogits
        var rowOf: [Int: Int] = [:]
        for (si, _) in samples.enumerated() { rowOf[si] = si / n }
        var step = 0
        var interrupted = false
        let stopTail = (options.stopStrings.map { $0.utf8.count }.max() ?? 0) + 8
        while !active.isEmpty && step < options.maxTokens {
            var stillActive: [Int] = []
            for si in active {
                guard let r = rowOf[si] else { continue }
                let row = rowsLogits.data + r * v
                guard let pick = pickToken(row, v, options: options, rng: &streams[si]) else {
                    throw ModelError.invalidArgument("generate: the logits of sample \(si) at token \(step) are not finite "
                                                     + "(NaN or ±Inf: check the weights and config of the model)")
                }
                samples[si].ids.append(pick.id)
                samples[si].logprobs.append(pick.logprob)
                samples[si].entropies.append(pick.entropy)
                if options.alternatives > 0 { samples[si].alternatives.append(pick.alternatives) }
                produced += 1
                if options.stopTokens.contains(pick.id) { samples[si].stopReason = .stopToken; continue }
                if !options.stopStrings.isEmpty, let decode = decode {
                    // Only the tail can hold a stop string that just appeared (a token has
                    // at least one byte, so `stopTail` tokens cover the longest stop string).
                    let text = decode(Array(samples[si].ids.suffix(stopTail)))
                    if options.stopStrings.contains(where: { text.contains($0) }) { samples[si].stopReason = .stopString; continue }
                }
                pending[si] = pick.id
                stillActive.append(si)
            }
            active = stillActive
            step += 1
            let rate = Double(produced) / max(Date().timeIntervalSince(start), 1e-9)
            progress.update(ProgressEvent(done: produced, total: total, unit: "token", label: "sampling", rate: rate))
            if !progress.shouldContinue { interrupted = true; break }
            if active.isEmpty || step >= options.maxTokens { break }
            rowsLogits = try forwardCached(active.map { [pending[$0]] }, caches: active.map { caches[$0] }, kernel: .gemv,
                                           bf16: options.decodeWeights)
            rowOf = [:]
            for (r, si) in active.enumerated() { rowOf[si] = r }
        }
        if let decode = decode {
            for i in samples.indices {
                var text = decode(samples[i].ids)
                if samples[i].stopReason == .stopString {
                    let cut = options.stopStrings.compactMap { text.range(of: $0)?.lowerBound }.min()
                    if let cut = cut { text = String(text[..<cut]) }
                } else if samples[i].stopReason == .stopToken {
                    text = decode(Array(samples[i].ids.dropLast()))  // the stop token is not text
                }
                samples[i].text = text
            }
        }
        progress.end(ProgressEvent(done: produced, total: total, unit: "token", label: "sampling"), interrupted: interrupted)
        return stride(from: 0, to: samples.count, by: n).map { Array(samples[$0..<($0 + n)]) }
    }

    /// Picks one token from a logits row and reports its logprob, the entropy and alternatives;
    /// nil when the row holds NaN or +Inf (its log-normaliser is then not finite).
    func pickToken(_ logits: UnsafeMutablePointer<Float>, _ v: Int, options: SamplingOptions, rng: inout RNG)
        -> (id: Int, logprob: Float, entropy: Float, alternatives: [(id: Int, prob: Float)])? {
        let t = (options.greedy || options.temperature == 0) ? 1 : options.temperature
        var probs = [Float](repeating: 0, count: v)
        let (logZ, entropy) = probs.withUnsafeMutableBufferPointer { p in
            temperedDistribution(logits, count: v, temperature: t, probs: p.baseAddress ?? logits)
        }
        guard logZ.isFinite, entropy.isFinite else { return nil }
        var chosen: Int
        if options.greedy || options.temperature == 0 {
            chosen = 0
            for j in 1..<v where logits[j] > logits[chosen] { chosen = j }
        } else {
            var w = probs
            if options.topK > 0 && options.topK < v {
                let kth = w.sorted(by: >)[options.topK - 1]
                var kept = 0
                for j in 0..<v { if w[j] >= kth && kept < options.topK { kept += 1 } else { w[j] = 0 } }
            }
            if options.topP < 1 {
                let order = (0..<v).sorted { w[$0] > w[$1] || (w[$0] == w[$1] && $0 < $1) }
                var acc: Float = 0, cut = v
                let mass = w.reduce(0, +)
                for (r, j) in order.enumerated() {
                    acc += w[j] / max(mass, 1e-30)
                    if acc >= options.topP { cut = r + 1; break }
                }
                for j in order.dropFirst(cut) { w[j] = 0 }
            }
            chosen = rng.categorical(w)
        }
        var alts: [(id: Int, prob: Float)] = []
        if options.alternatives > 0 {
            let k = min(options.alternatives, v)
            alts = topK(probs, k)
        }
        return (chosen, logits[chosen] / t - logZ, Float(entropy), alts)
    }

    /// The k largest probabilities, most likely first (ties: lower id first), in one pass.
    func topK(_ probs: [Float], _ k: Int) -> [(id: Int, prob: Float)] {
        var best: [(id: Int, prob: Float)] = []
        best.reserveCapacity(k + 1)
        for (j, p) in probs.enumerated() {
            if best.count == k, let last = best.last, p <= last.prob { continue }
            var at = best.count
            while at > 0 && best[at - 1].prob < p { at -= 1 }
            best.insert((j, p), at: at)
            if best.count > k { best.removeLast() }
        }
        return best
    }
}
