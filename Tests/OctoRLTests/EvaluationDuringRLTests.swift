import XCTest
import Foundation
@testable import OctoRL
import OctoModel
import OctoData
import OctoTensor

/// Held-out evaluation every N steps is recorded in that step's statistics only.
final class EvaluationDuringRLTests: XCTestCase {
    func testEvaluationEveryTwoStepsIsRecordedAndDeterministic() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/hf/tiny-llama")
        func run() throws -> [RLStepStats] {
            let model = try DecoderModel.load(folder: dir)
            var c = RLConfig()
            c.batch = 2; c.group = 2; c.minibatch = 2; c.lr = 1e-3; c.maxTokens = 6; c.microBatch = 8
            c.evalEvery = 2; c.evalBenchmarks = ["lab:gsm"]; c.evalLimit = 3; c.seed = 4
            let rl = try RLRun(model: model, prompts: try MathLab.benchmark("lab:math8k", count: 8), algorithm: .grpo, config: c)
            return try rl.run(steps: 4)
        }
        let a = try run(), b = try run()
        XCTAssertEqual(a.map { $0.evaluation == nil }, [true, false, true, false])
        XCTAssertEqual(a[1].evaluation?.keys.sorted(), ["lab:gsm"])
        XCTAssertNotNil(a[3].allStatistics["eval/lab:gsm"])
        XCTAssertEqual(a.map { $0.withoutTimings }, b.map { $0.withoutTimings })
    }

    func testUnknownBenchmarkIsAnError() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/hf/tiny-llama")
        var c = RLConfig()
        c.batch = 2; c.group = 2; c.minibatch = 2; c.maxTokens = 4; c.evalEvery = 1; c.evalBenchmarks = ["lab:nope"]
        let rl = try RLRun(model: try DecoderModel.load(folder: dir), prompts: try MathLab.benchmark("lab:math8k", count: 4), config: c)
        XCTAssertThrowsError(try rl.run(steps: 1))
    }
}
