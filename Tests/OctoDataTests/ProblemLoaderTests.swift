import XCTest
@testable import OctoData

final class ProblemLoaderTests: XCTestCase {
    func testGSM8KGoldIsNumberAfterHashesWithoutCommas() throws {
        let set = try ProblemLoader.load(TestPaths.fixture("gsm8k_sample.jsonl"))
        XCTAssertEqual(set.format, .gsm8k)
        XCTAssertEqual(set.problems.map(\.gold), ["18", "1234", "3"])
        XCTAssertEqual(set.problems[0].source, "gsm8k")
        XCTAssertEqual(set.problems[0].id, "gsm8k_sample:1")
        XCTAssertEqual(set.problems[2].id, "gsm8k_sample:4", "blank line 3 is skipped but still counted")
        XCTAssertTrue(set.problems[0].prompt.hasPrefix("Janet’s ducks lay 16 eggs"))
        XCTAssertEqual(set.problems[1].solution, "It sold 1,234 + 0 = 1,234 pens.")
        XCTAssertEqual(set.report.linesRead, 3)
        XCTAssertTrue(set.report.issues.isEmpty)
    }

    func testMATHUsesAnswerFieldOrLastBoxed() throws {
        let set = try ProblemLoader.load(TestPaths.fixture("math500_sample.jsonl"))
        XCTAssertEqual(set.format, .math)
        XCTAssertEqual(set.problems.map(\.gold), ["\\left( 3, \\frac{\\pi}{2} \\right)", "\\frac{3}{4}"])
        XCTAssertEqual(set.problems.map(\.level), [2, 1])
        XCTAssertEqual(set.problems[0].id, "test/precalculus/807.json")
    }

    func testAMCNumericAnswerAndQuestionOrProblemField() throws {
        let set = try ProblemLoader.load(TestPaths.fixture("amc23_sample.jsonl"))
        XCTAssertEqual(set.format, .amc)
        XCTAssertEqual(set.problems.map(\.gold), ["27", "4"])
        XCTAssertEqual(set.problems.map(\.id), ["0", "1"])
        XCTAssertEqual(set.problems[1].prompt, "What is $2+2$?")
        XCTAssertEqual(set.problems[0].source, "amc23")
    }

    func testOlympiadBenchJoinsFinalAnswerList() throws {
        let set = try ProblemLoader.load(TestPaths.fixture("olympiadbench_sample.jsonl"))
        XCTAssertEqual(set.format, .olympiad)
        XCTAssertEqual(set.problems.map(\.gold), ["$(1,1)$", "$2$, $-2$"])
        XCTAssertEqual(set.problems[0].solution, "We have $(x-1)^2 = 0$.\nSo $x = y = 1$.")
    }

    func testMath8KPromptsAndExplicitSource() throws {
        let set = try ProblemLoader.load(TestPaths.fixture("math8k_sample.jsonl"), source: "rl")
        XCTAssertEqual(set.format, .math8k)
        XCTAssertEqual(set.problems.map(\.gold), ["70", "21"])
        XCTAssertEqual(set.problems.map(\.source), ["rl", "rl"])
        XCTAssertEqual(set.problems[1].prompt, "What is $3 \\cdot 7$?")
    }

    func testSkipPolicyReportsEveryBadLineWithFileLineAndField() throws {
        let url = TestPaths.fixture("gsm8k_bad.jsonl")
        let set = try ProblemLoader.load(url, policy: .skip)
        XCTAssertEqual(set.problems.map(\.gold), ["5", "9"])
        XCTAssertEqual(set.report.linesRead, 6)
        XCTAssertEqual(set.report.accepted, 2)
        XCTAssertEqual(set.report.issues.map(\.line), [2, 3, 4, 5])
        XCTAssertEqual(set.report.issues.map(\.field), [nil, "answer", "answer", nil])
        XCTAssertTrue(set.report.issues[0].message.hasPrefix("invalid JSON"))
        XCTAssertEqual(set.report.issues[1].description, "\(url.path):3: field 'answer': missing field")
        XCTAssertTrue(set.report.issues[3].message.contains("expected a JSON object"))
    }

    func testFailPolicyThrowsFirstBadLine() {
        let url = TestPaths.fixture("gsm8k_bad.jsonl")
        XCTAssertThrowsError(try ProblemLoader.load(url, policy: .fail)) { error in
            guard case DataError.invalidJSON(let file, let line, _) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(file, url.path)
            XCTAssertEqual(line, 2)
        }
        XCTAssertThrowsError(try ProblemLoader.load(url, format: .math, policy: .fail)) { error in
            guard case DataError.missingField(_, 1, "problem") = error else { return XCTFail("got \(error)") }
        }
    }

    func testMissingFileAndUnknownFormatAreTypedErrors() throws {
        XCTAssertThrowsError(try ProblemLoader.load(URL(fileURLWithPath: "/nonexistent/x.jsonl"))) { error in
            XCTAssertEqual(error as? DataError, .fileNotFound(path: "/nonexistent/x.jsonl"))
        }
        let dir = try TestPaths.scratch()
        let url = dir.appendingPathComponent("odd.jsonl")
        try Data("{\"text\": \"hello\"}\n".utf8).write(to: url)
        XCTAssertThrowsError(try ProblemLoader.load(url)) { error in
            guard case DataError.unknownFormat = error else { return XCTFail("got \(error)") }
        }
    }

    func testLastBoxedHandlesNestedBraces() {
        XCTAssertEqual(AnswerExtraction.boxed(in: "First \\boxed{1} was wrong. Redoing the count of the cases more carefully, the probability becomes \\boxed{\\frac{1}{2}} c"),
                       "\\frac{1}{2}")
        // Boxes a few characters apart are one answer (Math-Verify's several-box rule).
        XCTAssertEqual(AnswerExtraction.boxed(in: "a \\boxed{1} b \\boxed{\\frac{1}{2}} c"), "1, \\frac{1}{2}")
        XCTAssertEqual(AnswerExtraction.boxed(in: "\\fbox{7}"), "7")
        XCTAssertNil(AnswerExtraction.boxed(in: "\\boxed{unclosed"))
        XCTAssertNil(AnswerExtraction.boxed(in: "nothing here"))
    }

    func testWriterRoundTripsThroughLoaderInEveryFormat() throws {
        let dir = try TestPaths.scratch()
        let p = Problem(id: "p1", prompt: "What is \"1/2\" + \\frac{1}{4}?\nThink.", gold: "\\frac{3}{4}", source: "x", solution: "Add.", level: 3)
        for format in ProblemFormat.allCases {
            let url = dir.appendingPathComponent("f-\(format.rawValue).jsonl")
            try Data((ProblemWriter.line(p, format: format) + "\n").utf8).write(to: url)
            let back = try ProblemLoader.load(url, format: format, policy: .fail).problems
            XCTAssertEqual(back.count, 1)
            XCTAssertEqual(back.first?.prompt, p.prompt, "\(format)")
            XCTAssertEqual(back.first?.gold, format == .olympiad ? "$\\frac{3}{4}$" : p.gold, "\(format)")
        }
    }
}
