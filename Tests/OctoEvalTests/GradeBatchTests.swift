import Foundation
import XCTest
@testable import OctoEval

final class GradeBatchTests: XCTestCase {
    func testGradesLinesAndReportsMalformedOnesWithoutStopping() throws {
        let input = """
        {"id": "a", "gold": "\\\\frac{1}{2}", "response": "So $\\\\boxed{0.5}$.", "style": "math"}
        not json at all
        {"id": "b", "gold": "18", "response": "#### 18"}

        {"id": 3, "gold": 7, "response": "The answer is 8.", "style": "gsm8k"}
        {"id": "c", "response": "x"}
        {"id": "d", "gold": "1", "response": "1", "style": "physics"}
        [1, 2]
        {"id": "e", "gold": "1", "response": "no answer here", "style": "amc"}
        """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("octoeval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("in.jsonl"), outURL = dir.appendingPathComponent("out.jsonl")
        try Data(input.utf8).write(to: inURL)

        let summary = try GradeBatch.run(input: inURL, output: outURL)
        XCTAssertEqual(summary.lines, 8)
        XCTAssertEqual(summary.graded, 4)
        XCTAssertEqual(summary.correct, 2)
        XCTAssertEqual(summary.malformed.map(\.line), [2, 6, 7, 8])
        XCTAssertEqual(summary.malformed[0].reason, "not valid JSON")
        XCTAssertEqual(summary.malformed[1].reason, "missing field 'gold'")
        XCTAssertTrue(summary.malformed[2].reason.hasPrefix("unknown style"))
        XCTAssertEqual(summary.malformed[3].reason, "not a JSON object")
        XCTAssertEqual(summary.perStyle["math"]?.graded, 2)

        let lines = try String(contentsOf: outURL, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "{\"id\": \"a\", \"pred\": \"0.5\", \"correct\": true}",
            "{\"id\": \"b\", \"pred\": \"18\", \"correct\": true}",
            "{\"id\": 3, \"pred\": \"8\", \"correct\": false}",
            "{\"id\": \"e\", \"pred\": null, \"correct\": false}",
        ])
        for line in lines { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8))) }
    }

    func testPredictionsWithQuotesAndBackslashesAreValidJSON() throws {
        let (out, _) = GradeBatch.grade(jsonl: #"{"id": "q", "gold": "x", "response": "The answer is $\\text{\"a\"}\\\\$."}"#)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        XCTAssertEqual(object["pred"] as? String, "\\text{\"a\"}\\\\")
    }

    func testMistypedFieldsAreReported() {
        let input = """
        {"id": true, "gold": "1", "response": "1"}
        {"id": "x", "gold": ["1"], "response": "1"}
        {"id": "y", "gold": "1", "response": 5}
        {"id": "z", "gold": 18, "response": "#### 18", "style": "GSM8K"}
        """
        let (out, summary) = GradeBatch.grade(jsonl: input)
        XCTAssertEqual(summary.malformed, [
            MalformedLine(line: 1, reason: "field 'id' must be a string or a number"),
            MalformedLine(line: 2, reason: "field 'gold' must be a string or a number"),
            MalformedLine(line: 3, reason: "field 'response' must be a string"),
        ])
        XCTAssertEqual(out, "{\"id\": \"z\", \"pred\": \"18\", \"correct\": true}\n")
        XCTAssertEqual(summary.perStyle["gsm8k"]?.correct, 1)
    }

    func testMissingInputFileThrowsNamingThePath() {
        let url = URL(fileURLWithPath: "/nonexistent/octoeval/cases.jsonl")
        XCTAssertThrowsError(try GradeBatch.run(input: url, output: url)) { error in
            XCTAssertTrue(String(describing: error).contains("/nonexistent/octoeval/cases.jsonl"))
        }
    }

    func testFixtureAgreementThroughTheBatchPath() throws {
        let (out, summary) = GradeBatch.grade(jsonl: try String(contentsOf: GraderFixtures.casesURL, encoding: .utf8))
        XCTAssertEqual(summary.graded, 400)
        XCTAssertTrue(summary.malformed.isEmpty)
        XCTAssertEqual(out.split(separator: "\n").count, 400)
    }
}
