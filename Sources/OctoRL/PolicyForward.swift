// Full-sequence passes over prompt+response pairs: the per-token logprobs and entropies of the
// response tokens (no autograd: reference model, checks, PPO's old values), and the training
// pass that back-propagates a loss given as derivatives per token.
//
// Sequences are right-padded to the longest in the micro-batch (padding never affects earlier
// positions of a causal model). Response token k of sequence b sits at position P_b + k and is
// predicted by logits row b·T + P_b + k − 1. Logits are divided by the sampling temperature,
// as the sampler (and verl's actor) does.
//
// The training pass does not build a loss graph: with z = logits/τ, p = softmax(z),
//   d logp_y / dz_j = δ_jy − p_j,   dH / dz_j = −p_j (log p_j + H),
// so the caller's dL/dlogp and dL/dH per token give dL/dlogits exactly, and one
// `logits.backward(G)` runs the model's backward.
import Foundation
import OctoTensor
import OctoModel

/// Prompt+response sequences of a micro-batch, right-padded to one length T.
struct PaddedBatch {
    let ids: [[Int]]
    let promptLengths: [Int]
    let responses: [[Int]]
    let length: Int

    init(prompts: [[Int]], responses: [[Int]], pad: Int = 0) {
        let seqs = zip(prompts, responses).map { $0 + $1 }
        let t = seqs.map(\.count).max() ?? 1
        ids = seqs.map { $0 + [Int](repeating: pad, count: t - $0.count) }
        promptLengths = prompts.map(\.count)
        self.responses = responses
        length = t
    }

    /// The logits row that predicts response token k of sequence b.
    func row(_ b: Int, _ k: Int) -> Int { b * length + promptLengths[b] + k - 1 }

    var tokenCount: Int { zip(promptLengths, responses).reduce(0) { $0 + $1.0 + $1.1.count } }
}

/// Log-probability of `target` and the entropy of softmax(row/τ), in Double.
func rowLogprobEntropy(_ row: UnsafePointer<Float>, _ v: Int, target: Int, invTemp: Double) -> (Double, Double) {
    var m = -Double.infinity
    for j in 0..<v { m = max(m, Double(row[j]) * invTemp) }
    var z = 0.0
    for j in 0..<v { z += Foundation.exp(Double(row[j]) * invTemp - m) }
    let lse = m + Foundation.log(z)
    var h = 0.0
    for j in 0..<v {
        let lp = Double(row[j]) * invTemp - lse
        let p = Foundation.exp(lp)
        if p > 0 { h -= p * lp }
    }
    return (Double(row[target]) * invTemp - lse, h)
}

/// Per-token results of a forward pass over responses.
public struct ResponseForward {
    public var logprobs: [[Double]]
    public var entropies: [[Double]]
    /// Critic values per response token (when a value head was given).
    public var values: [[Double]]?
}

/// Logprobs and entropies of each response token of `responses` (after `prompts`) under
/// `model` at `temperature`, and the critic's values when `valueHead` is given. No autograd.
public func forwardResponses(model: DecoderModel, prompts: [[Int]], responses: [[Int]], temperature: Double,
                             valueHead: ValueHead? = nil, microBatch: Int = 16) throws -> ResponseForward {
    guard prompts.count == responses.count else {
        throw RLError.invalidInput("forwardResponses: \(prompts.count) prompts but \(responses.count) responses")
    }
    var out = ResponseForward(logprobs: [], entropies: [], values: valueHead == nil ? nil : [])
    let v = model.config.vocabSize, invT = 1 / temperature
    try noGrad {
        for start in stride(from: 0, to: prompts.count, by: max(microBatch, 1)) {
            let end = min(start + max(microBatch, 1), prompts.count)
            let batch = PaddedBatch(prompts: Array(prompts[start..<end]), responses: Array(responses[start..<end]))
            let hidden = try model.hiddenStates(batch.ids)
            let logits = try linear(hidden, model.lmHead)
            let values = try valueHead.map { try $0(hidden) }
            for (b, resp) in batch.responses.enumerated() {
                var lps: [Double] = [], hs: [Double] = [], vs: [Double] = []
                for (k, y) in resp.enumerated() {
                    let r = batch.row(b, k)
                    let (lp, h) = rowLogprobEntropy(logits.data + r * v, v, target: y, invTemp: invT)
                    lps.append(lp); hs.append(h)
                    if let values { vs.append(Double(values.data[r])) }
                }
                out.logprobs.append(lps); out.entropies.append(hs)
                if valueHead != nil { out.values?.append(vs) }
            }
        }
    }
    return out
}

/// Per-token derivatives of a loss with respect to logprob, entropy and value.
struct TokenLossGradients {
    var logprob: [[Double]]
    var entropy: [[Double]]?
    var value: [[Double]]?
}

/// One training forward + backward over a micro-batch. `loss` receives the per-token
/// logprobs, entropies and values (values only with a value head) and returns the loss
/// derivatives; gradients are accumulated into the model's (and the head's) parameters.
func backwardResponses(model: DecoderModel, prompts: [[Int]], responses: [[Int]], temperature: Double,
                       valueHead: ValueHead?,
                       loss: (ResponseForward) throws -> TokenLossGradients) throws {
    let batch = PaddedBatch(prompts: prompts, responses: responses)
    let v = model.config.vocabSize, invT = 1 / temperature
    let hidden = try model.hiddenStates(batch.ids)
    let logits = try linear(hidden, model.lmHead)
    let values = try valueHead.map { try $0(hidden) }
    var fwd = ResponseForward(logprobs: [], entropies: [], values: values == nil ? nil : [])
    for (b, resp) in batch.responses.enumerated() {
        var lps: [Double] = [], hs: [Double] = [], vs: [Double] = []
        for (k, y) in resp.enumerated() {
            let r = batch.row(b, k)
            let (lp, h) = rowLogprobEntropy(logits.data + r * v, v, target: y, invTemp: invT)
            lps.append(lp); hs.append(h)
            if let values { vs.append(Double(values.data[r])) }
        }
        fwd.logprobs.append(lps); fwd.entropies.append(hs)
        if values != nil { fwd.values?.append(vs) }
    }
    let grads = try loss(fwd)
    let g = Tensor(zeros: logits.shape)
    var probs = [Double](repeating: 0, count: v)
    for (b, resp) in batch.responses.enumerated() {
        for (k, y) in resp.enumerated() {
            let gl = grads.logprob[b][k], gh = grads.entropy?[b][k] ?? 0
            if gl == 0 && gh == 0 { continue }
            let r = batch.row(b, k), row = logits.data + r * v, dst = g.data + r * v
            var m = -Double.infinity
            for j in 0..<v { m = max(m, Double(row[j]) * invT) }
            var z = 0.0
            for j in 0..<v { let e = Foundation.exp(Double(row[j]) * invT - m); probs[j] = e; z += e }
            let lse = m + Foundation.log(z)
            let h = fwd.entropies[b][k]
            for j in 0..<v {
                let p = probs[j] / z
                let logp = Double(row[j]) * invT - lse
                dst[j] = Float((-gl * p - gh * p * (logp + h)) * invT)
            }
            dst[y] += Float(gl * invT)
        }
    }
    if let values, let gv = grads.value {
        let gvt = Tensor(zeros: values.shape)
        for (b, resp) in batch.responses.enumerated() {
            for k in resp.indices { gvt.data[batch.row(b, k)] = Float(gv[b][k]) }
        }
        try values.backward(gvt)
    }
    try logits.backward(g)
}
