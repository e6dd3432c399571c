// The update half of a step: `epochs` passes over the rollout batch in mini-batches of
// `minibatch` prompts (all their responses); per mini-batch the loss
//   L = agg(ℓ_clip) + kl·agg(k(logπ, logπ_ref)) [KL as a loss] − entropy·agg(H)
// (and the critic's ½·agg(max((v−R)², (v_clip−R)²)) on its own head) is back-propagated in
// micro-batches, the gradient norm clipped, and AdamW stepped at the scheduled rate.
import Foundation
import OctoTensor
import OctoModel
import OctoTrain

/// What the updates of one step measured.
struct UpdateStats {
    var policyLoss = 0.0, gradNorm = 0.0, klLoss = 0.0, valueLoss = 0.0, ppoKL = 0.0
    var clipFrac = 0.0, clipFracLower = 0.0, lr = 0.0
    var tokens = 0
}

extension RLRun {
    func train(rollouts: [Rollout], advantages: [[Double]], returns: [[Double]], stepIndex: Int) throws -> UpdateStats {
        var out = UpdateStats()
        let lr = learningRate(at: stepIndex)
        out.lr = lr
        let agg = config.aggregation(for: algorithm)
        let perMini = config.minibatch * config.group
        let klLoss = reference != nil && !config.klInReward && config.kl != 0
        var updates = 0, trainedTokens = 0, clipped = 0, clippedLower = 0, ppoKLSum = 0.0
        // With more than one update per step, a non-finite later update must undo the earlier
        // ones: keep a copy of what the updates change (none is needed for a single update,
        // which is checked before it is applied).
        let updatesPerStep = config.epochs * ((rollouts.count + perMini - 1) / perMini)
        let snapshot = updatesPerStep > 1 ? UpdateSnapshot(self) : nil
        for _ in 0..<config.epochs {
            for start in stride(from: 0, to: rollouts.count, by: perMini) {
                let seqs = Array(start..<min(start + perMini, rollouts.count))
                let weights = agg.tokenWeights(lengths: seqs.map { rollouts[$0].length }, normLength: config.maxTokens)
                model.params.zeroGrad()
                valueHead?.params.zeroGrad()
                var pg = 0.0, kl = 0.0, vl = 0.0
                for mStart in stride(from: 0, to: seqs.count, by: config.microBatch) {
                    let micro = Array(seqs[mStart..<min(mStart + config.microBatch, seqs.count)])
                    try backwardResponses(model: model, prompts: micro.map { rollouts[$0].promptIds },
                                          responses: micro.map { rollouts[$0].ids }, temperature: config.temperature,
                                          valueHead: valueHead) { fwd in
                        var g = TokenLossGradients(logprob: [], entropy: config.entropy != 0 ? [] : nil,
                                                   value: valueHead != nil ? [] : nil)
                        for (b, si) in micro.enumerated() {
                            let r = rollouts[si], w = weights[mStart + b]
                            var gl: [Double] = [], gh: [Double] = [], gv: [Double] = []
                            for k in 0..<r.length {
                                let lp = fwd.logprobs[b][k], old = Double(r.logprobs[k])
                                let term = ClippedSurrogate.term(logprob: lp, oldLogprob: old, advantage: advantages[si][k],
                                                                 clipLow: config.clipLow, clipHigh: config.clipHigh,
                                                                 dualClip: config.dualClip)
                                pg += w * term.loss
                                var d = w * term.gradient
                                if term.clipped { clipped += 1 }
                                if term.clippedLower { clippedLower += 1 }
                                ppoKLSum += old - lp
                                if klLoss {
                                    let e = config.klEstimator.valueAndGradient(logprob: lp, refLogprob: Double(r.refLogprobs[k]))
                                    kl += w * e.value
                                    d += config.kl * w * e.gradient
                                }
                                gl.append(d)
                                if config.entropy != 0 { gh.append(-config.entropy * w) }
                                if let values = fwd.values {
                                    let vt = ValueLoss.term(value: values[b][k], oldValue: Double(r.values[k]),
                                                            target: returns[si][k], clip: config.valueClip)
                                    vl += w * vt.loss
                                    gv.append(w * vt.gradient)
                                }
                            }
                            g.logprob.append(gl)
                            g.entropy?.append(gh)
                            g.value?.append(gv)
                            trainedTokens += r.length
                        }
                        return g
                    }
                    out.tokens += micro.reduce(0) { $0 + rollouts[$1].promptIds.count + rollouts[$1].length }
                }
                let norm = config.gradClip > 0 ? clipGradNorm(model.params, maxNorm: config.gradClip) : model.params.gradNorm()
                let criticNorm = valueHead.map { config.gradClip > 0 ? clipGradNorm($0.params, maxNorm: config.gradClip) : $0.params.gradNorm() } ?? 0
                guard norm.isFinite, criticNorm.isFinite, pg.isFinite, kl.isFinite, vl.isFinite else {
                    model.params.zeroGrad()
                    valueHead?.params.zeroGrad()
                    snapshot?.restore(into: self)
                    throw RLError.nonFinite(step: stepIndex + 1, update: updates + 1, updates: updatesPerStep,
                                            loss: pg + kl + vl, gradNorm: norm + criticNorm)
                }
                try optimizer.step(model.params, lr: Float(lr))
                if let head = valueHead, let critic = criticOptimizer { try critic.step(head.params) }
                out.policyLoss += pg; out.klLoss += kl; out.valueLoss += vl; out.gradNorm += norm
                updates += 1
            }
        }
        let u = Double(max(updates, 1)), t = Double(max(trainedTokens, 1))
        out.policyLoss /= u; out.klLoss /= u; out.valueLoss /= u; out.gradNorm /= u
        out.clipFrac = Double(clipped) / t; out.clipFracLower = Double(clippedLower) / t
        out.ppoKL = ppoKLSum / t
        return out
    }
}
