import Foundation
import XCTest
@testable import OctoEval
import OctoBase

/// Extraction and grading must not crash or go super-linear on hostile responses.
final class AdversarialTests: XCTestCase {
    let grader = Grader()

    func seconds(_ body: () -> Void) -> Double {
        let t0 = Date()
        body()
        return Date().timeIntervalSince(t0)
    }

    func testOneMegabyteOfUnbalancedBraces() {
        let text = "\\boxed{" + String(repeating: "{a", count: 500_000)
        XCTAssertEqual(text.utf8.count, 1_000_007)
        let r = grader.grade(gold: "1", response: text, style: .math)
        XCTAssertNil(r.pred)
        XCTAssertFalse(r.correct)
    }

    func testDeeplyNestedFractionsDoNotOverflowTheStack() {
        var s = "1"
        for _ in 0..<20_000 { s = "\\frac{1}{" + s + "}" }
        let r = grader.grade(gold: "1", response: "So $\\boxed{" + s + "}$.", style: .math)
        XCTAssertFalse(r.correct)
        XCTAssertFalse(grader.equivalent(s, s + "+1"))
    }

    func testModeratelyNestedFractionsStillGrade() {
        var s = "2"
        for _ in 0..<15 { s = "\\frac{1}{\\frac{1}{" + s + "}}" }
        XCTAssertTrue(grader.equivalent("2", s))
    }

    func testManyDollarsBracketsAndCuesStayLinear() {
        let unit = "$ \\[ \\( answer is ** #### \\boxed "
        let small = String(repeating: unit, count: 2_000)
        let large = String(repeating: unit, count: 20_000)   // ≈ 740 KB
        let tSmall = seconds { for style in GradingStyle.allCases { _ = Grader.extract(small, style: style) } }
        let tLarge = seconds { for style in GradingStyle.allCases { _ = Grader.extract(large, style: style) } }
        // Linear: ×10 input must cost well under ×100 (quadratic) time; allow noise.
        XCTAssertLessThan(tLarge, max(tSmall * 40, 0.5), "small \(tSmall)s large \(tLarge)s")
    }

    func testOneMegabyteOfProseWithAnAnswerAtTheEnd() {
        let prose = String(repeating: "We add 3 and 4 to get 7. ", count: 40_000)
        let r = grader.grade(gold: "\\frac{1}{2}", response: prose + "The answer is $\\boxed{0.5}$.", style: .math)
        XCTAssertEqual(r.pred, "0.5")
        XCTAssertTrue(r.correct)
    }

    func testHugeNumbersAndExponentsDoNotTrap() {
        XCTAssertFalse(grader.equivalent("1", "10^{99999999999999999999}"))
        XCTAssertFalse(grader.equivalent("1", "2.5e-9223372036854775808"))
        XCTAssertFalse(grader.equivalent("1", String(repeating: "9", count: 5_000)))
        XCTAssertTrue(grader.equivalent(String(repeating: "9", count: 300), String(repeating: "9", count: 300) + ".0"))
        XCTAssertFalse(grader.equivalent("1", "\\sqrt[99999999999999999999]{-8}"))
        XCTAssertFalse(grader.equivalent("1", "100000!"))
    }

    func testGarbageNeverCrashes() {
        let pieces = ["\\frac", "{", "}", "\\sqrt", "[", "]", "(", ")", "^", "_", "-", "\\{", "\\}", "$", "\\left",
                      "1", "x", ",", "=", "\\le", "\\cup", "|", "%", "!", "\\text{", "e5", ".", "\\pm", "\u{00e9}", "π"]
        var rng = RNG(seed: 7)
        for _ in 0..<2_000 {
            var s = ""
            for _ in 0..<Int(rng.next() % 24) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
            _ = grader.grade(gold: s, response: "So $\\boxed{" + s + "}$.", style: .math)
            _ = grader.equivalent("1", s)
        }
    }
}

extension AdversarialTests {
    func testLongListsCompareInBoundedTime() {
        let list = (0..<1_500).map(String.init).joined(separator: ", ")
        let reversed = (0..<1_500).reversed().map(String.init).joined(separator: ", ")
        let t = seconds { XCTAssertTrue(grader.equivalent(list, list + " ")) ; _ = grader.equivalent(list, reversed) }
        XCTAssertLessThan(t, 5)
        XCTAssertTrue(grader.equivalent("3, 1, 2", "1, 2, 3"))
    }
}
