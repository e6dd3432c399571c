import Foundation
import XCTest
@testable import OctoEval

/// Agreement with Math-Verify's verdicts on Tests/Fixtures/grader/cases.jsonl (see its README).
final class GraderAgreementTests: XCTestCase {
    func testAgreementWithMathVerifyOnReferenceCases() throws {
        let cases = try GraderFixtures.loadCases()
        XCTAssertEqual(cases.count, 400)
        let grader = Grader()
        var agree = 0, total = 0
        var perStyle: [String: (agree: Int, total: Int)] = [:]
        var questionableAgree = 0, questionableTotal = 0
        for c in cases {
            let style = try XCTUnwrap(GradingStyle(rawValue: c.style))
            let result = grader.grade(gold: c.gold, response: c.response, style: style)
            // mv_questionable: Math-Verify looks wrong there; we must match the designed label.
            let target = c.questionable ? c.intended : c.expected
            let ok = result.correct == target
            if c.questionable {
                questionableTotal += 1
                if ok { questionableAgree += 1 }
            } else {
                total += 1
                if ok { agree += 1 }
                var s = perStyle[c.style] ?? (0, 0)
                s.total += 1
                if ok { s.agree += 1 }
                perStyle[c.style] = s
            }
            if !ok {
                print("DISAGREE \(c.id) [\(c.style) \(c.form) \(c.variant)\(c.questionable ? " questionable" : "")] "
                      + "gold=\(c.gold) pred=\(result.pred ?? "nil") got=\(result.correct) want=\(target)")
            }
        }
        let overall = Double(agree) / Double(max(total, 1))
        print(String(format: "agreement (not questionable): %.4f (%d/%d)", overall, agree, total))
        for (style, s) in perStyle.sorted(by: { $0.key < $1.key }) {
            let rate = Double(s.agree) / Double(s.total)
            print(String(format: "  %@: %.4f (%d/%d)", style, rate, s.agree, s.total))
            XCTAssertGreaterThanOrEqual(rate, 0.95, "agreement on style \(style)")
        }
        print("questionable cases matching `intended`: \(questionableAgree)/\(questionableTotal)")
        XCTAssertGreaterThanOrEqual(overall, 0.97)
        XCTAssertEqual(total + questionableTotal, 400)
        XCTAssertEqual(questionableAgree, questionableTotal, "every mv_questionable case must match `intended`")
    }

    /// Every gold is equivalent to itself, also when boxed inside a response.
    func testEveryGoldMatchesItselfBoxed() throws {
        let grader = Grader()
        for c in try GraderFixtures.loadCases() {
            XCTAssertTrue(grader.equivalent(c.gold, c.gold), "\(c.id): gold \(c.gold) not equal to itself")
            let bare = c.gold.trimmingCharacters(in: CharacterSet(charactersIn: "$"))
            let style = try XCTUnwrap(GradingStyle(rawValue: c.style))
            let r = grader.grade(gold: c.gold, response: "Hence the result is $\\boxed{\(bare)}$.", style: style)
            XCTAssertTrue(r.correct, "\(c.id): boxed gold \(bare) graded \(r)")
        }
    }
}
