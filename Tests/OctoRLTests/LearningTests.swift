import XCTest
@testable import OctoRL
import OctoTensor

/// A tiny random model learns "a+b=" → the right digit from the reward alone.
final class LearningTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    func testGRPORaisesRewardOnOneDigitSums() throws {
        var cfg = Toy.config(batch: 16, group: 8, minibatch: 8, lr: 3e-3, maxTokens: 1)
        cfg.keepRollouts = 1
        let rl = try RLRun(model: Toy.model(seed: 5), prompts: Toy.problems(), algorithm: .grpo, config: cfg,
                           codec: Toy.codec, judge: Toy.judge)
        try rl.run(steps: 40)
        let r = rl.history.map(\.reward)
        let early = r.prefix(5).reduce(0, +) / 5, late = r.suffix(5).reduce(0, +) / 5
        print("toy GRPO reward: first 5 steps \(early), last 5 steps \(late); per step \(r.map { String(format: "%.2f", $0) })")
        XCTAssertLessThan(early, 0.25)
        XCTAssertGreaterThan(late, early + 0.3)
        XCTAssertEqual(rl.keptSteps, [40])
    }
}
