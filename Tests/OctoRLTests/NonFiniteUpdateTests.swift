import XCTest
@testable import OctoRL
import OctoModel
import OctoTensor

/// A non-finite loss in the second mini-batch of a step stops the run with an error naming
/// the step and update, and the first mini-batch's update is undone (#19).
final class NonFiniteUpdateTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    /// Counts judge calls: responses of the step's first 4 prompts (16 calls, mini-batch 1)
    /// are right or unanswered; later ones are wrong, and the reward for wrong is set to NaN.
    final class Calls: @unchecked Sendable { var n = 0 }

    func testNaNInALaterMinibatchUndoesTheWholeStep() throws {
        for algorithm in [RLAlgorithm.grpo, .ppo] {
            var cfg = Toy.config(batch: 8, group: 4, minibatch: 4, lr: 5e-2, maxTokens: 3)
            cfg.epochs = 1
            cfg.whitenAdvantages = false  // whitening would spread mini-batch 2's NaN to mini-batch 1
            let calls = Calls()
            let judge: AnswerJudge = { problem, text, ids in
                calls.n += 1
                if calls.n > 16 { return Verdict(answer: "x", correct: false) }
                let v = Toy.judge(problem, text, ids)
                return v.correct ? v : Verdict(answer: nil, correct: false)
            }
            let rl = try RLRun(model: try Toy.model(seed: 5), prompts: Toy.problems(), algorithm: algorithm, config: cfg,
                               codec: Toy.codec, judge: judge)
            // Step 1 runs clean with the plain judge.
            rl.rewardModel.judge = Toy.judge
            try rl.run(steps: 1)
            let weights = rl.model.params.clone()
            let head = rl.valueHead?.params.clone()
            let moments = rl.optimizer.stateTensors().map { ($0.0, $0.1.toArray().map(\.bitPattern)) }
            let optimizerSteps = rl.optimizer.stepCount, criticSteps = rl.criticOptimizer?.stepCount
            let cursor = rl.cursor, history = rl.history.map(\.withoutTimings)
            XCTAssertEqual(optimizerSteps, 2)

            rl.rewardModel.judge = judge
            rl.rewardModel.config.wrong = .nan
            XCTAssertThrowsError(try rl.run(steps: 1), "\(algorithm)") { error in
                guard case let RLError.nonFinite(step, update, updates, _, _)? = error as? RLError else {
                    return XCTFail("\(algorithm): \(error)")
                }
                XCTAssertEqual(step, 2)
                XCTAssertEqual(update, 2)
                XCTAssertEqual(updates, 2)
                XCTAssertTrue("\(error)".contains("step 2") && "\(error)".contains("undone"), "\(error)")
            }
            XCTAssertEqual(calls.n, 32, "\(algorithm): both mini-batches were scored")
            // Everything as after step 1: the first mini-batch's update of step 2 was undone.
            assertSameWeights(weights, rl.model.params)
            if let head, let now = rl.valueHead { assertSameWeights(head, now.params) }
            XCTAssertEqual(rl.optimizer.stepCount, optimizerSteps)
            XCTAssertEqual(rl.criticOptimizer?.stepCount, criticSteps)
            XCTAssertEqual(rl.optimizer.stateTensors().map { ($0.0) }, moments.map(\.0))
            XCTAssertEqual(rl.optimizer.stateTensors().map { $0.1.toArray().map(\.bitPattern) }, moments.map(\.1), "\(algorithm)")
            XCTAssertEqual(rl.cursor, cursor)
            XCTAssertEqual(rl.history.map(\.withoutTimings), history)
            XCTAssertEqual(rl.step, 1)

            // With the bad reward gone the run goes on from there, as if step 2 never started.
            rl.rewardModel.config.wrong = 0
            rl.rewardModel.judge = Toy.judge
            try rl.run(steps: 1)
            XCTAssertEqual(rl.step, 2)
            XCTAssertEqual(rl.optimizer.stepCount, 4)
        }
    }
}
