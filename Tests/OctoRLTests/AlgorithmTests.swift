import XCTest
@testable import OctoRL

/// Advantages, losses and KL estimators against values computed by hand.
final class AlgorithmTests: XCTestCase {
    func testGRPOUsesUnbiasedStdLikeVerl() throws {
        // Group [1, 0, 0, 1]: mean 0.5, unbiased std sqrt(1/3) = 0.57735 → ±0.866025
        let a = try GroupAdvantage.grpo(rewards: [1, 0, 0, 1, 1, 1, 1, 1], groupSize: 4)
        let s = 0.5 / ((1.0 / 3).squareRoot() + 1e-6)
        XCTAssertEqual(a[0], s, accuracy: 1e-12)
        XCTAssertEqual(a[1], -s, accuracy: 1e-12)
        XCTAssertEqual(a[0], 0.866024, accuracy: 1e-5)
        // An all-equal group has zero advantage (std 0 → 0/(0+eps)).
        XCTAssertEqual(Array(a[4...]), [0, 0, 0, 0])
        // Group of 3: [2, 0, 1] → mean 1, std 1 → [1/(1+eps), -1/(1+eps), 0]
        let b = try GroupAdvantage.grpo(rewards: [2, 0, 1], groupSize: 3)
        XCTAssertEqual(b[0], 1 / (1 + 1e-6), accuracy: 1e-12)
        XCTAssertEqual(b[1], -1 / (1 + 1e-6), accuracy: 1e-12)
        XCTAssertEqual(b[2], 0, accuracy: 1e-12)
        // A group of one: mean 0, std 1 (verl) → the reward itself (over 1 + eps).
        XCTAssertEqual(try GroupAdvantage.grpo(rewards: [0.5], groupSize: 1)[0], 0.5 / (1 + 1e-6), accuracy: 1e-12)
        XCTAssertThrowsError(try GroupAdvantage.grpo(rewards: [1, 2, 3], groupSize: 2))
    }

    func testDrGRPOOnlyCentres() throws {
        let a = try GroupAdvantage.drGRPO(rewards: [1, 0, 0, 0, 2, 2], groupSize: 3)
        let third = 1.0 / 3
        let expected: [Double] = [2 * third, -third, -third, -4 * third, 2 * third, 2 * third]
        for (x, y) in zip(a, expected) { XCTAssertEqual(x, y, accuracy: 1e-12) }
    }

    func testGAEMatchesDirectSum() {
        let r: [Double] = [0.1, -0.2, 0.0, 0.5, 1.0], v: [Double] = [0.3, 0.1, -0.4, 0.2, 0.6]
        for (gamma, lambda) in [(1.0, 1.0), (0.99, 0.95), (0.9, 0.0), (0.5, 0.7)] {
            let (adv, ret) = GAE.compute(rewards: r, values: v, gamma: gamma, lambda: lambda)
            for t in 0..<r.count {
                // A_t = Σ_l (γλ)^l δ_{t+l},  δ_t = r_t + γ V_{t+1} − V_t (V_T = 0)
                var direct = 0.0
                for l in 0..<(r.count - t) {
                    let i = t + l
                    let delta = r[i] + gamma * (i + 1 < v.count ? v[i + 1] : 0) - v[i]
                    direct += Foundation.pow(gamma * lambda, Double(l)) * delta
                }
                XCTAssertEqual(adv[t], direct, accuracy: 1e-12, "γ=\(gamma) λ=\(lambda) t=\(t)")
                XCTAssertEqual(ret[t], direct + v[t], accuracy: 1e-12)
            }
        }
        // γ = λ = 1 with a terminal reward: A_t = R − V_t.
        let terminal = GAE.compute(rewards: [0, 0, 1], values: [0.2, 0.5, 0.7], gamma: 1, lambda: 1).advantages
        for (x, y) in zip(terminal, [0.8, 0.5, 0.3]) { XCTAssertEqual(x, y, accuracy: 1e-12) }
    }

    func testWhitenIsZeroMeanUnitUnbiasedVariance() {
        let w = GAE.whiten([[1, 2], [3], [4, 6]]).flatMap { $0 }
        let mean = w.reduce(0, +) / 5
        let variance = w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 4
        XCTAssertEqual(mean, 0, accuracy: 1e-12)
        XCTAssertEqual(variance, 1, accuracy: 1e-6)
        XCTAssertEqual(w[0], (1 - 3.2) / (3.7 + 1e-8).squareRoot(), accuracy: 1e-12)
    }

    func testKLEstimators() {
        let lp = -1.0, ref = -1.5   // log π − log π_ref = 0.5
        XCTAssertEqual(KLEstimator.k1.value(logprob: lp, refLogprob: ref), 0.5)
        XCTAssertEqual(KLEstimator.k2.value(logprob: lp, refLogprob: ref), 0.125)
        // k3: x = ref − lp = −0.5 → e^−0.5 + 0.5 − 1 = 0.1065306597
        XCTAssertEqual(KLEstimator.k3.value(logprob: lp, refLogprob: ref), 0.10653065971263342, accuracy: 1e-15)
        XCTAssertEqual(KLEstimator.k3.valueAndGradient(logprob: lp, refLogprob: ref).gradient, 1 - Foundation.exp(-0.5), accuracy: 1e-15)
        XCTAssertEqual(KLEstimator.k2.valueAndGradient(logprob: lp, refLogprob: ref).gradient, 0.5)
        XCTAssertEqual(KLEstimator.k3.value(logprob: -2, refLogprob: -2), 0)
        // k3 clamps: x = 30 → clamped to 20 → e^20 − 21 → clamped to 10, no gradient.
        let big = KLEstimator.k3.valueAndGradient(logprob: -40, refLogprob: -10)
        XCTAssertEqual(big.value, 10); XCTAssertEqual(big.gradient, 0)
        // k3 is non-negative for any pair; k1 is not.
        XCTAssertGreaterThan(KLEstimator.k3.value(logprob: -3, refLogprob: -1), 0)
        XCTAssertLessThan(KLEstimator.k1.value(logprob: -3, refLogprob: -1), 0)
        XCTAssertEqual(KLEstimator(name: "low_var_kl"), .k3)
        XCTAssertEqual(KLEstimator.k2.verlName, "mse")
    }

    func testClippedSurrogateEdgeCases() {
        let log12 = Foundation.log(1.2), log15 = Foundation.log(1.5), log05 = Foundation.log(0.5)
        // Inside the band: ℓ = −A·r, gradient −A·r.
        var t = ClippedSurrogate.term(logprob: log12 - 1, oldLogprob: -1, advantage: 2, clipLow: 0.2, clipHigh: 0.28)
        XCTAssertEqual(t.loss, -2.4, accuracy: 1e-12); XCTAssertEqual(t.gradient, -2.4, accuracy: 1e-12); XCTAssertFalse(t.clipped)
        // Above 1+ε_high with A > 0: clipped at 1.28, no gradient.
        t = ClippedSurrogate.term(logprob: log15, oldLogprob: 0, advantage: 2, clipLow: 0.2, clipHigh: 0.28)
        XCTAssertEqual(t.loss, -2.56, accuracy: 1e-12); XCTAssertEqual(t.gradient, 0); XCTAssertTrue(t.clipped)
        // Above the band with A < 0: the unclipped loss is larger, so it is kept (gradient flows).
        t = ClippedSurrogate.term(logprob: log15, oldLogprob: 0, advantage: -1, clipLow: 0.2, clipHigh: 0.2)
        XCTAssertEqual(t.loss, 1.5, accuracy: 1e-12); XCTAssertEqual(t.gradient, 1.5, accuracy: 1e-12); XCTAssertFalse(t.clipped)
        // Below 1−ε_low with A < 0: clipped at 0.8 → ℓ = 0.8, no gradient.
        t = ClippedSurrogate.term(logprob: log05, oldLogprob: 0, advantage: -1, clipLow: 0.2, clipHigh: 0.2)
        XCTAssertEqual(t.loss, 0.8, accuracy: 1e-12); XCTAssertEqual(t.gradient, 0); XCTAssertTrue(t.clipped)
        // Below the band with A > 0: unclipped −A·r = −0.5 is larger than −0.8, kept.
        t = ClippedSurrogate.term(logprob: log05, oldLogprob: 0, advantage: 1, clipLow: 0.2, clipHigh: 0.2)
        XCTAssertEqual(t.loss, -0.5, accuracy: 1e-12); XCTAssertEqual(t.gradient, -0.5, accuracy: 1e-12)
        // Ratio exactly 1 (on-policy): never clipped, gradient −A.
        t = ClippedSurrogate.term(logprob: -0.7, oldLogprob: -0.7, advantage: 1.5, clipLow: 0, clipHigh: 0)
        XCTAssertFalse(t.clipped); XCTAssertEqual(t.gradient, -1.5)
        // Dual clip: A = −1, r = 5 → ℓ = min(5, 3) = 3, no gradient, counted lower.
        t = ClippedSurrogate.term(logprob: Foundation.log(5), oldLogprob: 0, advantage: -1, clipLow: 0.2, clipHigh: 0.2, dualClip: 3)
        XCTAssertEqual(t.loss, 3, accuracy: 1e-12); XCTAssertEqual(t.gradient, 0); XCTAssertTrue(t.clippedLower)
        // Without the dual clip the same token costs 5.
        t = ClippedSurrogate.term(logprob: Foundation.log(5), oldLogprob: 0, advantage: -1, clipLow: 0.2, clipHigh: 0.2)
        XCTAssertEqual(t.loss, 5, accuracy: 1e-12)
        // Zero advantage: zero loss and gradient.
        t = ClippedSurrogate.term(logprob: 0.3, oldLogprob: 0, advantage: 0, clipLow: 0.2, clipHigh: 0.2)
        XCTAssertEqual(t.loss, 0); XCTAssertEqual(t.gradient, 0)
    }

    func testAggregationModes() {
        let x: [[Double]] = [[1, 2, 3], [4]]
        XCTAssertEqual(LossAggregation.tokenMean.aggregate(x, normLength: 8), 10.0 / 4)
        XCTAssertEqual(LossAggregation.seqMeanTokenMean.aggregate(x, normLength: 8), (2.0 + 4.0) / 2)
        XCTAssertEqual(LossAggregation.seqMeanTokenSum.aggregate(x, normLength: 8), (6.0 + 4.0) / 2)
        XCTAssertEqual(LossAggregation.seqMeanTokenSumNorm.aggregate(x, normLength: 8), (6.0 + 4.0) / 2 / 8)
    }

    func testValueLossClipping() {
        // v inside the band: plain ½(v − R)².
        var t = ValueLoss.term(value: 0.6, oldValue: 0.5, target: 1, clip: 0.5)
        XCTAssertEqual(t.loss, 0.08, accuracy: 1e-12); XCTAssertEqual(t.gradient, -0.4, accuracy: 1e-12)
        // v = 3, v_old = 0, c = 0.5 → v_clip = 0.5; (3−2)² = 1 < (0.5−2)² = 2.25 → clipped branch, no gradient.
        t = ValueLoss.term(value: 3, oldValue: 0, target: 2, clip: 0.5)
        XCTAssertEqual(t.loss, 1.125, accuracy: 1e-12); XCTAssertEqual(t.gradient, 0); XCTAssertTrue(t.clipped)
    }

    func testP90AndYAMLFloats() {
        XCTAssertEqual(RLStepStats.p90(Array(1...10).map(Double.init)), 9)
        XCTAssertEqual(RLStepStats.p90([5]), 5)
        XCTAssertEqual(RLStepStats.p90(Array(1...20).map(Double.init)), 18)
        XCTAssertEqual(YAMLTree.float(1e-6), "1.0e-06")
        XCTAssertEqual(YAMLTree.float(1.0), "1.0")
        XCTAssertEqual(YAMLTree.float(0.2), "0.2")
        XCTAssertEqual(YAMLTree.float(1e9), "1000000000.0")
    }

    func testStatsDictionaryKeys() {
        let s = RLStepStats(step: 3, reward: 0.5, accuracy: 0.25, responseLengthMean: 10, responseLengthMax: 20,
                            responseLengthP90: 18, truncated: 0.1, entropy: 1.5, kl: 0.01, clipFrac: 0.02, policyLoss: -0.1,
                            gradNorm: 0.7, genTokensPerS: 100, trainTokensPerS: 200)
        XCTAssertEqual(Set(s.dictionary.keys), Set(RLStepStats.keys))
        XCTAssertEqual(s.dictionary.count, 14)
        XCTAssertEqual(s.dictionary["step"], 3)
        XCTAssertEqual(s.dictionary["response_length_p90"], 18)
        XCTAssertEqual(s.allStatistics["lr"], 0)
    }

    func testConfigValidationNamesTheField() {
        var c = RLConfig(); c.batch = 8; c.minibatch = 3
        XCTAssertThrowsError(try c.validate()) { XCTAssertTrue("\($0)".contains("minibatch"), "\($0)") }
        c.minibatch = 4; c.temperature = 0
        XCTAssertThrowsError(try c.validate()) { XCTAssertTrue("\($0)".contains("temperature"), "\($0)") }
    }

    func testTemplates() {
        XCTAssertEqual(PromptTemplate.stepByStep.render("1+1?"), "1+1?\nLet's think step by step and output the final answer within \\boxed{}.")
        XCTAssertTrue(PromptTemplate.r1zero.render("Q").hasSuffix("User: Q\nAssistant:"))
        XCTAssertEqual(PromptTemplate(name: "Q: {q} A:")?.render("x"), "Q: x A:")
        XCTAssertEqual(PromptTemplate(name: "R1-Zero"), .r1zero)
    }
}
