import Foundation
import XCTest
import OctoData
import OctoModel
import OctoTensor
@testable import OctoEval
import OctoBase

/// evaluate() on the tiny fixture model (real tokenizer, random weights) with 3 lab:gsm problems.
final class EvaluateTests: XCTestCase {
    static var tinyURL: URL { GraderFixtures.packageRoot.appendingPathComponent("Tests/Fixtures/hf/tiny-llama") }

    func tiny() throws -> EvalModel { EvalModel(name: "tiny", model: try DecoderModel.load(folder: Self.tinyURL)) }

    func options(shots: Int? = 1, n: Int = 1, k: Int = 1, temperature: Double = 0) -> EvalOptions {
        EvalOptions(shots: shots, n: n, temperature: temperature, maxTokens: 8, k: k, limit: 3, seed: 7, batchSize: 2)
    }

    func testGreedyRunIsDeterministicAndConsistent() throws {
        let bench = try EvalBenchmark.lab("lab:gsm", limit: 5)
        let model = try tiny()
        let a = try Evaluator.evaluate(models: [model], benchmarks: [bench], options: options())
        let b = try Evaluator.evaluate(models: [try tiny()], benchmarks: [bench], options: options())
        XCTAssertTrue(a.complete)
        XCTAssertEqual(a.samples.count, 3, "limit 3 overrides the benchmark's 5")
        XCTAssertEqual(a.samples.map(\.text), b.samples.map(\.text))
        XCTAssertEqual(a.samples.map(\.ids), b.samples.map(\.ids))
        XCTAssertEqual(a.samples.map(\.logprobs), b.samples.map(\.logprobs))
        XCTAssertEqual(try a.json(), try b.json())

        let tok = try XCTUnwrap(model.tokenizer)
        let grader = Grader()
        for (i, s) in a.samples.enumerated() {
            XCTAssertEqual(s.problemIndex, i); XCTAssertEqual(s.sampleIndex, 0); XCTAssertEqual(s.model, "tiny")
            XCTAssertEqual(s.benchmark, "lab:gsm"); XCTAssertEqual(s.gold, bench.problems[i].gold)
            XCTAssertLessThanOrEqual(s.ids.count, 8)
            XCTAssertEqual(s.logprobs.count, s.ids.count); XCTAssertEqual(s.entropies.count, s.ids.count)
            XCTAssertTrue(s.logprobs.allSatisfy { $0 <= 0 }, "greedy logprobs are log-probabilities")
            XCTAssertEqual(s.truncated, s.ids.count == 8 && s.stopReason == .maxTokens)
            // The 1-shot GSM8K prompt: a lab training shot with a worked answer, then the question.
            XCTAssertTrue(s.prompt.hasPrefix("Question: "))
            XCTAssertTrue(s.prompt.hasSuffix("Question: \(bench.problems[i].prompt)\nAnswer:"))
            XCTAssertEqual(s.prompt.components(separatedBy: "The answer is ").count, 2, "exactly one shot")
            XCTAssertEqual(s.promptTokens, tok.encode(s.prompt).count)
            XCTAssertEqual(s.raw?.ids, s.ids)
            let verdict = grader.grade(gold: s.gold, response: s.text, style: .gsm8k)
            XCTAssertEqual(s.pred, verdict.pred); XCTAssertEqual(s.correct, verdict.correct)
        }
        let row = try XCTUnwrap(a.row(benchmark: "lab:gsm", model: "tiny"))
        XCTAssertEqual(row.template, "gsm8k-8shot"); XCTAssertEqual(row.shots, 1)
        XCTAssertEqual(row.problems, 3); XCTAssertEqual(row.samples, 3)
        XCTAssertEqual(row.correct, a.samples.filter(\.correct).count)
        XCTAssertEqual(row.accuracy, Double(row.correct) / 3, accuracy: 1e-12)
        XCTAssertEqual(row.maxLength, a.samples.map(\.length).max())
        XCTAssertEqual(row.truncatedShare, Double(a.samples.filter(\.truncated).count) / 3, accuracy: 1e-12)
        XCTAssertEqual(a.samples(correct: false).count, 3 - row.correct)
        XCTAssertEqual(a.samples(correct: false, benchmark: "lab:math").count, 0)

        // Exports of a real run parse.
        XCTAssertEqual(a.csv().split(separator: "\n").count, 2)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: a.json()) as? [String: Any])
        XCTAssertEqual((json["samples"] as? [Any])?.count, 3)
        XCTAssertEqual((json["options"] as? [String: Any])?["seed"] as? String, "7")
    }

    func testZeroShotSamplingAndNames() throws {
        let bench = try EvalBenchmark.lab("lab:gsm", limit: 3)
        let models = [try tiny(), EvalModel(name: "tiny2", model: try DecoderModel.load(folder: Self.tinyURL))]
        let r = try Evaluator.evaluate(models: models, benchmarks: [bench], options: options(shots: 0, n: 2, k: 2, temperature: 1))
        XCTAssertEqual(r.rows.map(\.model), ["tiny", "tiny2"])
        XCTAssertEqual(r.rows.map(\.template), ["step-by-step", "step-by-step"])
        XCTAssertEqual(r.samples.count, 12)
        XCTAssertTrue(r.samples.allSatisfy { $0.prompt.hasSuffix("output the final answer within \\boxed{}.") })
        // Same weights, same seed, different model name: the sampling streams differ per name.
        let t1 = r.samples(model: "tiny").map(\.ids), t2 = r.samples(model: "tiny2").map(\.ids)
        XCTAssertNotEqual(t1, t2)
        XCTAssertNotNil(r.rows[0].passAtK); XCTAssertNotNil(r.rows[0].majAtK)
    }

    func testBadOptionsAreTypedErrors() throws {
        let bench = try EvalBenchmark.lab("lab:gsm", limit: 1)
        let m = try tiny()
        func message(_ o: EvalOptions, models: [EvalModel]? = nil) -> String {
            do { _ = try Evaluator.evaluate(models: models ?? [m], benchmarks: [bench], options: o); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(message(options(n: 2, k: 3)), "evaluate: k must be in 1…n (n = 2), got 3")
        var long = options(); long.maxTokens = 600
        XCTAssertTrue(message(long).contains("exceeds the model's 512 positions"), message(long))
        XCTAssertEqual(message(options(), models: [m, m]), "evaluate: two models are named 'tiny'; give them distinct names")
        XCTAssertThrowsError(try EvalBenchmark.lab("lab:nope"))
    }

    func testInterruptionReturnsFinishedBatches() throws {
        final class StopAfterFirstBatch: ProgressReporter {
            var updates = 0
            func begin(_ event: ProgressEvent) {}
            func update(_ event: ProgressEvent) { if event.unit == "sample" { updates += 1 } }
            func end(_ event: ProgressEvent, interrupted: Bool) {}
            var shouldContinue: Bool { updates < 1 }
        }
        let bench = try EvalBenchmark.lab("lab:gsm", limit: 3)
        let r = try Evaluator.evaluate(models: [try tiny()], benchmarks: [bench], options: options(), progress: StopAfterFirstBatch())
        XCTAssertFalse(r.complete)
        XCTAssertEqual(r.samples.count, 2, "batch size 2: the first batch is kept")
        XCTAssertEqual(r.rows.first?.problems, 2)
    }

    func testShotSources() {
        XCTAssertEqual(ShotSource.standard.shots(for: .gsm8kFewShot, count: 8, seed: 1), FewShotExample.gsm8kStandard)
        XCTAssertEqual(ShotSource.standard.shots(for: .minervaFewShot, count: 2, seed: 1), Array(FewShotExample.minervaStandard.prefix(2)))
        XCTAssertEqual(ShotSource.standard.shots(for: .r1Zero, count: 4, seed: 1), [])
        let lab = ShotSource.lab(families: [.word], levels: 1...3)
        let a = lab.shots(for: .gsm8kFewShot, count: 4, seed: 3)
        XCTAssertEqual(a, lab.shots(for: .gsm8kFewShot, count: 4, seed: 3))
        XCTAssertNotEqual(a, lab.shots(for: .gsm8kFewShot, count: 4, seed: 4))
        XCTAssertEqual(a.count, 4)
        let grader = Grader()
        for shot in a {
            // Every lab shot's worked answer grades as correct against its own final number.
            let final = shot.answer.components(separatedBy: "The answer is ").last?.dropLast() ?? ""
            XCTAssertTrue(grader.grade(gold: String(final), response: shot.answer, style: .gsm8k).correct, shot.answer)
        }
        let minerva = ShotSource.lab(families: [.fraction], levels: 2...3).shots(for: .minervaFewShot, count: 2, seed: 3)
        XCTAssertTrue(minerva.allSatisfy { $0.answer.contains("\\boxed{") && $0.answer.hasSuffix("I hope it is correct.") })
    }
}
