import Foundation
import XCTest
import OctoModel
@testable import OctoEval

/// Aggregation and export of hand-made samples, with figures worked out by hand.
final class EvalReportTests: XCTestCase {
    /// Benchmark "b", model "m": problem 0 (gold 5) and problem 1 (gold 7), 4 samples each.
    func handMade() -> [EvalSample] {
        func s(_ p: Int, _ j: Int, _ pred: String?, _ correct: Bool, _ length: Int, _ stop: StopReason = .stopToken,
               model: String = "m") -> EvalSample {
            EvalSample(benchmark: "b", model: model, problemId: "p\(p)", problemIndex: p, sampleIndex: j, prompt: "Q\(p)",
                       gold: p == 0 ? "5" : "7", text: pred.map { "The answer is \($0)." } ?? "no idea",
                       pred: pred, correct: correct, ids: Array(repeating: 1, count: length),
                       logprobs: Array(repeating: -0.5, count: length), entropies: Array(repeating: 1, count: length),
                       stopReason: stop)
        }
        return [
            s(0, 0, "5", true, 10), s(0, 1, "5", true, 20), s(0, 2, "6", false, 30), s(0, 3, nil, false, 40, .maxTokens),
            // Out of order on purpose: aggregation sorts by sample index.
            s(1, 1, "8", false, 5), s(1, 0, "7", true, 5), s(1, 2, "8.0", false, 5), s(1, 3, "9", false, 5),
            s(0, 0, "5", true, 3, model: "other"),
        ]
    }

    func testRowFiguresMatchHandComputation() throws {
        let report = EvalReport(samples: handMade(), k: 3, runs: [EvalRun(benchmark: "b", model: "m", template: "gsm8k-8shot", shots: 8)])
        XCTAssertEqual(report.rows.map(\.model), ["m", "other"])
        let r = try XCTUnwrap(report.row(benchmark: "b", model: "m"))
        XCTAssertEqual(r.problems, 2); XCTAssertEqual(r.n, 4); XCTAssertEqual(r.samples, 8); XCTAssertEqual(r.correct, 3)
        XCTAssertEqual(r.accuracy, (2.0 / 4 + 1.0 / 4) / 2, accuracy: 1e-12)
        // pass@3: problem 0 has n−c = 2 < 3 → 1; problem 1: 1 − C(3,3)/C(4,3) = 3/4.
        XCTAssertEqual(try XCTUnwrap(r.passAtK), (1 + 0.75) / 2, accuracy: 1e-12)
        // maj@3: problem 0 votes 5,5,6 → 5 (right); problem 1 votes 7,8,8.0 → 8 (8.0 groups with 8; wrong).
        XCTAssertEqual(try XCTUnwrap(r.majAtK), 0.5, accuracy: 1e-12)
        XCTAssertEqual(r.meanLength, 120.0 / 8, accuracy: 1e-12)
        XCTAssertEqual(r.maxLength, 40)
        XCTAssertEqual(r.truncatedShare, 1.0 / 8, accuracy: 1e-12)
        XCTAssertEqual(r.template, "gsm8k-8shot"); XCTAssertEqual(r.shots, 8)
        // The other model has one problem with one sample: pass@3 and maj@3 are undefined.
        let o = try XCTUnwrap(report.row(benchmark: "b", model: "other"))
        XCTAssertNil(o.passAtK); XCTAssertNil(o.majAtK); XCTAssertEqual(o.accuracy, 1)
        XCTAssertEqual(o.template, "")
    }

    func testPassAtOneEqualsAccuracyAndMajAtOneFollowsFirstSample() throws {
        let r = try XCTUnwrap(EvalReport(samples: handMade(), k: 1).row(benchmark: "b", model: "m"))
        XCTAssertEqual(try XCTUnwrap(r.passAtK), r.accuracy, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(r.majAtK), 1.0, accuracy: 1e-12)   // first samples: 5 (right), 7 (right)
    }

    func testAccuracyLookupAndFilters() {
        let report = EvalReport(samples: handMade(), k: 2)
        XCTAssertEqual(report.accuracy(benchmark: "b", model: "m") ?? -1, 0.375, accuracy: 1e-12)
        XCTAssertNil(report.accuracy(benchmark: "b"), "two models: ambiguous without a model name")
        XCTAssertNil(report.accuracy(benchmark: "nope", model: "m"))
        XCTAssertEqual(report.samples(correct: false).count, 5)
        XCTAssertEqual(report.samples(correct: true, model: "m").map(\.problemIndex), [0, 0, 1])
        XCTAssertEqual(report.samples(truncated: true).map(\.sampleIndex), [3])
        XCTAssertEqual(report.samples(benchmark: "other").count, 0)
        XCTAssertEqual(report.benchmarks, ["b"]); XCTAssertEqual(report.models, ["m", "other"])
    }

    func testExportsParse() throws {
        let report = EvalReport(samples: handMade(), k: 2, runs: [EvalRun(benchmark: "b", model: "m", template: "a,b", shots: 1)])
        let csv = report.csv().split(separator: "\n")
        XCTAssertEqual(csv.count, 3)
        XCTAssertEqual(csv[0].split(separator: ",").count, EvalReport.csvHeader.count)
        XCTAssertTrue(csv[1].hasPrefix("b,m,\"a,b\",1,2,4,8,3,0.375,2,"), String(csv[1]))
        let md = report.markdown()
        XCTAssertTrue(md.contains("| b | m | a,b | 1 | 2 | 4 | 37.5% |"), md)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: report.json()) as? [String: Any])
        let rows = try XCTUnwrap(json["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[1]["pass_at_k"] as? NSNull, NSNull())
        let samples = try XCTUnwrap(json["samples"] as? [[String: Any]])
        XCTAssertEqual(samples.count, 9)
        XCTAssertEqual(samples[3]["pred"] as? NSNull, NSNull())
        XCTAssertEqual(samples[3]["stop_reason"] as? String, "max_tokens")
        XCTAssertEqual(samples[0]["logprobs"] as? [Double], Array(repeating: -0.5, count: 10))
    }

    func testSaveWritesByExtensionAndRejectsOthers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalreport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = EvalReport(samples: handMade(), k: 1)
        for ext in ["md", "csv", "json"] { try report.save(to: dir.appendingPathComponent("r.\(ext)")) }
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("r.csv"), encoding: .utf8), report.csv())
        XCTAssertThrowsError(try report.save(to: dir.appendingPathComponent("r.txt"))) { e in
            XCTAssertTrue("\(e)".contains("must be .md, .csv or .json"), "\(e)")
        }
        XCTAssertThrowsError(try report.save(to: dir.appendingPathComponent("missing/r.csv"))) { e in
            XCTAssertTrue("\(e)".hasPrefix("cannot write"), "\(e)")
        }
    }
}
