import Foundation
import XCTest
import OctoData
@testable import OctoEval

/// Agreement with Math-Verify on octorepl's own behaviour cases
/// (Tests/Fixtures/grader/behaviour-cases.jsonl: bare answers, percent, relations, intervals,
/// matrices, long chains of thought, competition answers, box variants, sentence ends).
final class BehaviourAgreementTests: XCTestCase {
    func testAgreementWithMathVerifyOnBehaviourCases() throws {
        let cases = try GraderFixtures.loadBehaviourCases()
        XCTAssertGreaterThanOrEqual(cases.count, 300)
        let grader = Grader()
        var perCategory: [String: (agree: Int, total: Int)] = [:]
        var agreeIntended = 0, agreeMathVerify = 0
        for c in cases {
            let style = try XCTUnwrap(GradingStyle(rawValue: c.style))
            let r = grader.grade(gold: c.gold, response: c.response, style: style)
            if r.correct == c.expected { agreeMathVerify += 1 }
            var s = perCategory[c.category] ?? (0, 0)
            s.total += 1
            if r.correct == c.intended { s.agree += 1; agreeIntended += 1 } else {
                print("DISAGREE \(c.id) [\(c.category)] gold=\(c.gold) pred=\(r.pred ?? "nil") got=\(r.correct) want=\(c.intended)")
            }
            perCategory[c.category] = s
        }
        for (name, s) in perCategory.sorted(by: { $0.key < $1.key }) {
            print("  \(name): \(s.agree)/\(s.total)")
            XCTAssertGreaterThanOrEqual(Double(s.agree) / Double(s.total), 0.95, "category \(name)")
        }
        let n = Double(cases.count)
        print(String(format: "behaviour cases: %.4f with the intended verdict, %.4f with Math-Verify", Double(agreeIntended) / n,
                     Double(agreeMathVerify) / n))
        XCTAssertGreaterThanOrEqual(Double(agreeIntended) / n, 0.99)
        XCTAssertGreaterThanOrEqual(Double(agreeMathVerify) / n, 0.97)
        // Every documented difference goes the other way from Math-Verify.
        for c in cases where c.differs != nil { XCTAssertNotEqual(c.intended, c.expected, c.id) }
    }

    /// Random LaTeX through the whole grader: no crash, no hang (every loop is bounded by the
    /// grader's budgets), answers within their byte budget, grading deterministic.
    /// `bench grade-fuzz` runs 100k.
    func testRandomLatexFuzz() {
        let report = GraderFuzz.run(cases: 20_000, seed: 13)
        print(report)
        XCTAssertEqual(report.cases, 20_000)
        XCTAssertEqual(report.nondeterministic, 0)
        XCTAssertLessThanOrEqual(report.longestAnswer, AnswerExtraction.maxAnswerBytes)
        XCTAssertGreaterThan(report.answered, 2_000, "random responses often hold a number or a box")
        XCTAssertEqual(GraderFuzz.run(cases: 200, seed: 13), GraderFuzz.run(cases: 200, seed: 13))
    }
}
