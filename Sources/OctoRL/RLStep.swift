// One RL step, top to bottom: pick prompts → sample `group` responses each → score →
// reference logprobs (only with a KL) → critic values (PPO) → advantages → `epochs` passes of
// clipped-surrogate updates over mini-batches → statistics. State (cursor, step, history)
// changes only when the step completes.
import Foundation
import OctoTensor
import OctoModel
import OctoTrain
import OctoData
import OctoBase

extension RLRun {
    /// Runs one step; nil when sampling was interrupted (nothing changed).
    func runStep(progress: ProgressReporter) throws -> RLStepStats? {
        let stepNo = step + 1
        var nextCursor = cursor
        let picks = nextCursor.take(config.batch, count: prompts.count, root: rng)
        let problems = picks.map { prompts[$0] }
        let texts = problems.map { config.template.render($0.prompt) }
        let promptIds = texts.map { codec.encode($0) }
        if let i = promptIds.firstIndex(where: { $0.isEmpty }) {
            throw RLError.invalidInput("problem \(problems[i].id) encodes to no tokens")
        }

        // 1. Sampling.
        let probe = InterruptProbe(progress)
        var sampler = rng.split("sample/step/\(stepNo)")
        let options = SamplingOptions(temperature: Float(config.temperature), topP: Float(config.topP),
                                      maxTokens: config.maxTokens, stopTokens: codec.stopTokens,
                                      stopStrings: config.stopStrings ?? [])
        var t0 = Date()
        let groups = try model.generate(prompts: promptIds, n: config.group, options: options, rng: &sampler,
                                        decode: codec.decode, progress: probe)
        if probe.interrupted { return nil }
        var stats = RLStepStats(step: stepNo, reward: 0, accuracy: 0, responseLengthMean: 0, responseLengthMax: 0,
                                responseLengthP90: 0, truncated: 0, entropy: 0, kl: 0, clipFrac: 0, policyLoss: 0,
                                gradNorm: 0, genTokensPerS: 0, trainTokensPerS: 0)
        stats.genSeconds = Date().timeIntervalSince(t0)

        // 2. Scoring.
        var rollouts: [Rollout] = []
        for (pi, samples) in groups.enumerated() {
            for (j, s) in samples.enumerated() {
                let (verdict, terms) = rewardModel.score(problem: problems[pi], text: s.text, ids: s.ids, truncated: s.truncated)
                rollouts.append(Rollout(step: stepNo, problemIndex: picks[pi], sampleIndex: j, problemID: problems[pi].id,
                                        prompt: texts[pi], sample: s, answer: verdict.answer, gold: problems[pi].gold,
                                        correct: verdict.correct, rewards: terms, advantage: 0))
            }
        }
        let allPrompts = rollouts.map(\.promptIds), allResponses = rollouts.map(\.ids)

        // 3. Reference logprobs and the KL (no reference forward at all when kl = 0).
        var klTokens: [[Double]] = rollouts.map { [Double](repeating: 0, count: $0.length) }
        if let reference {
            t0 = Date()
            let ref = try forwardResponses(model: reference, prompts: allPrompts, responses: allResponses,
                                           temperature: config.temperature, microBatch: config.microBatch)
            stats.refSeconds = Date().timeIntervalSince(t0)
            for i in rollouts.indices {
                rollouts[i].refLogprobs = ref.logprobs[i].map { Float($0) }
                klTokens[i] = zip(rollouts[i].logprobs, rollouts[i].refLogprobs).map {
                    config.klEstimator.value(logprob: Double($0), refLogprob: Double($1))
                }
                if config.klInReward { rollouts[i].rewards.kl = -config.kl * klTokens[i].reduce(0, +) }
            }
        }

        // 4. Advantages.
        var tokenAdvantages: [[Double]]
        var returns: [[Double]] = []
        switch algorithm {
        case .grpo, .drgrpo:
            let adv = try GroupAdvantage.compute(rewards: rollouts.map(\.reward), groupSize: config.group,
                                                 normalizeByStd: algorithm == .grpo, eps: config.advantageEps)
            for i in rollouts.indices { rollouts[i].advantage = adv[i] }
            tokenAdvantages = rollouts.indices.map { [Double](repeating: adv[$0], count: rollouts[$0].length) }
        case .ppo:
            t0 = Date()
            let fwd = try forwardResponses(model: model, prompts: allPrompts, responses: allResponses,
                                           temperature: config.temperature, valueHead: valueHead, microBatch: config.microBatch)
            stats.valueSeconds = Date().timeIntervalSince(t0)
            let values = fwd.values ?? []
            var raw: [[Double]] = []
            for i in rollouts.indices {
                rollouts[i].values = values[i].map { Float($0) }
                var r = [Double](repeating: 0, count: rollouts[i].length)
                if config.klInReward && reference != nil { for t in r.indices { r[t] = -config.kl * klTokens[i][t] } }
                let score = rollouts[i].rewards.total - rollouts[i].rewards.kl
                if !r.isEmpty { r[r.count - 1] += score }
                let g = GAE.compute(rewards: r, values: values[i], gamma: config.gamma, lambda: config.lambda)
                raw.append(g.advantages); returns.append(g.returns)
            }
            tokenAdvantages = config.whitenAdvantages ? GAE.whiten(raw) : raw
            for i in rollouts.indices {
                rollouts[i].tokenAdvantages = tokenAdvantages[i]
                rollouts[i].advantage = tokenAdvantages[i].isEmpty ? 0 : tokenAdvantages[i].reduce(0, +) / Double(tokenAdvantages[i].count)
            }
        }

        // 5. Updates.
        t0 = Date()
        let update = try train(rollouts: rollouts, advantages: tokenAdvantages, returns: returns, stepIndex: step)
        stats.trainSeconds = Date().timeIntervalSince(t0)

        // 6. Statistics and commit.
        let n = Double(rollouts.count)
        let lengths = rollouts.map { Double($0.length) }
        let genTokens = lengths.reduce(0, +)
        stats.reward = rollouts.map(\.reward).reduce(0, +) / n
        stats.accuracy = Double(rollouts.filter(\.correct).count) / n
        stats.responseLengthMean = genTokens / n
        stats.responseLengthMax = lengths.max() ?? 0
        stats.responseLengthP90 = RLStepStats.p90(lengths)
        stats.truncated = Double(rollouts.filter(\.truncated).count) / n
        stats.entropy = rollouts.flatMap(\.entropies).reduce(0.0) { $0 + Double($1) } / max(genTokens, 1)
        stats.kl = klTokens.flatMap { $0 }.reduce(0, +) / max(genTokens, 1)
        stats.formatReward = rollouts.map(\.rewards.format).reduce(0, +) / n
        stats.noAnswer = Double(rollouts.filter { $0.answer == nil }.count) / n
        let batch = RolloutBatch(step: stepNo, group: config.group, rollouts: rollouts)
        stats.degenerateGroups = Double(batch.degenerateGroups.count) / Double(max(batch.prompts, 1))
        stats.clipFrac = update.clipFrac; stats.clipFracLower = update.clipFracLower
        stats.policyLoss = update.policyLoss; stats.gradNorm = update.gradNorm
        stats.klLoss = update.klLoss; stats.valueLoss = update.valueLoss; stats.ppoKL = update.ppoKL
        stats.lr = update.lr
        stats.genTokensPerS = genTokens / max(stats.genSeconds, 1e-9)
        stats.trainTokensPerS = Double(update.tokens) / max(stats.trainSeconds, 1e-9)

        cursor = nextCursor
        step = stepNo
        try evaluateIfDue(&stats)
        history.append(stats)
        keep(batch)
        return stats
    }
}
