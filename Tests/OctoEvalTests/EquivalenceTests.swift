import XCTest
@testable import OctoEval

/// One test per equivalence rule (Docs/Grading.md, "Equivalence"): each rule's example is
/// accepted and a near miss of it is rejected.
final class EquivalenceTests: XCTestCase {
    let grader = Grader()

    func same(_ gold: String, _ pred: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(grader.equivalent(gold, pred), "\(gold) vs \(pred) should be equivalent", file: file, line: line)
    }

    func differ(_ gold: String, _ pred: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(grader.equivalent(gold, pred), "\(gold) vs \(pred) should differ", file: file, line: line)
    }

    func testSpacesLeftRightAndFracVariants() {
        same("10\\pi", "10 \\pi")
        same("(-7, 9)", "\\left(-7, 9\\right)")
        same("\\frac{5}{9}", "\\dfrac{5}{9}")
        same("\\frac{5}{7}", "\\frac57")
        same("\\frac{\\sqrt{2}}{3}", "\\tfrac{\\sqrt2}{3}")
    }

    func testThousandsSeparators() {
        same("1,234", "1234")
        same("42{,}170", "42170")
        same("33456", "33\\,456")
        same("25000000", "25,000,000")
        differ("15498", "15,499")
    }

    func testTrailingPeriodUnitsDegreesMoney() {
        same("18", "18.")
        same("7093", "7093 \\text{ minutes}")
        same("35", "35\\text{ degrees}")
        same("70^\\circ", "70^{\\circ}")
        same("90^\\circ", "90")
        same("\\$90.90", "90.9")
        differ("\\$64.40", "\\$64.04")
    }

    func testIntegersDecimalsAndTrailingZeros() {
        same("792", "792.0")
        same("18", "18.00")
        same("27.0", "27")
        differ("48.05", "48")
    }

    func testFractionsAndDecimals() {
        same("\\frac{3}{4}", "0.75")
        same("\\frac{7}{9}", "\\frac{14}{18}")
        same("\\frac{1}{11}", "1/11")
        same("\\frac{1}{3}", "0.333333")   // Math-Verify rounds floats to 6 places
        differ("\\frac{1}{7}", "0.14")
        differ("\\frac{11}{7}", "\\frac{7}{11}")
    }

    func testMixedNumbers() {
        same("2\\frac{1}{2}", "\\frac{5}{2}")
        same("\\frac{13}{7}", "1\\frac{6}{7}")
        same("-\\frac{5}{2}", "-2\\frac12")
        differ("6\\frac{1}{8}", "6\\frac{2}{8}")
    }

    func testPercentages() {
        same("25", "25\\%")
        same("20\\%", "20%")
        same("90\\%", "90")
        same("50\\%", "0.5")
        differ("40\\%", "60\\%")
        differ("10", "0.10")
    }

    func testScientificNotation() {
        same("480000", "4.8 \\times 10^{5}")
        same("250000", "2.5e5")
        same("2500000", "2.5e6")
        differ("12000000", "1.2 \\times 10^{6}")
    }

    func testRadicalsPiAndImplicitMultiplication() {
        same("4\\sqrt{5}", "\\sqrt{80}")
        same("\\frac{\\sqrt{3}}{2}", "\\frac{3}{2\\sqrt{3}}")
        same("4\\sqrt{10}", "\\sqrt{10} \\cdot 4")
        same("4\\pi", "8\\pi/2")
        same("\\frac{\\pi}{12}", "\\frac{1}{12}\\pi")
        differ("3\\sqrt{7}", "7\\sqrt{3}")
        differ("\\frac{\\pi}{12}", "\\frac{12}{\\pi}")
    }

    func testPolynomialsAndHugePowers() {
        same("t^2 - t - 30", "(t - 6)(t + 5)")
        same("\\frac{n(n+1)}{2}", "\\frac{n^2+n}{2}")
        same("2^{2019}-1", "-1+2^{2019}")
        differ("2^{2019}-1", "2^{2019}+1")
        differ("y^2 - 3y - 4", "z^2 - 3z - 4")
        differ("7+4i", "7-4i")
    }

    func testSetsAreOrderFree() {
        same("\\{0, 2, 11\\}", "\\{11, 0, 2\\}")
        same("\\{-2, 1, 6\\}", "6, -2, 1")
        same("7, 12", "\\left\\{7, 12\\right\\}")
        same("(6, 7), (7, 6)", "(7,6),(6,7)")
        differ("\\{1, 10\\}", "1, 11")
        differ("\\{-1, 11\\}", "-1")
    }

    func testIntervalsKeepBracketKinds() {
        same("[6, 7)", "[6,7)")
        same("(-\\infty, -4]", "(-\\infty,-4]")
        same("(-\\infty, -8) \\cup (-5, \\infty)", "(-5, \\infty) \\cup (-\\infty, -8)")
        differ("[-1, 3]", "(-1, 3)")
        differ("(1, \\infty)", "[1, \\infty)")
    }

    func testInequalitiesAgainstIntervals() {
        same("(-\\infty, 0]", "x \\le 0")
        same("[-6, -1)", "-6 \\le x < -1")
        same("(-\\infty, 7) \\cup (10, \\infty)", "x < 7 \\text{ or } x > 10")
        differ("(-\\infty, 0]", "x < 0")
    }

    func testTuplesAreOrdered() {
        same("(8, -3)", "(8,-3)")
        differ("(-3, 7)", "(-3, -7)")
        differ("(3, 8)", "(8, 3)")
    }

    func testEquations() {
        same("9", "x = 9")
        same("n=28", "28")
        same("y = 3x + 3", "y=3+3x")
        same("-6, 5", "x=-6 \\text{ or } x=5")
        differ("11", "n=12")
        differ("y = 4x + 2", "y = 4x - 2")
    }

    func testTextAnswers() {
        same("\\text{increasing}", "\\text{Increasing}")
        same("\\text{even}", "even")
        differ("\\text{yes}", "odd")
    }

    func testMultipleChoiceLetters() {
        same("\\text{(B)}", "B")
        same("\\text{(C)}", "(C)")
        same("748", "\\textbf{(D)}\\ 748")
        differ("\\text{(A)}", "B")
        differ("\\text{(C)}", "\\text{(E)}")
    }

    func testBaseSubscriptIsDropped() {
        same("1102_3", "1102_3")
        same("31_{8}", "31")
        differ("111011_{2}", "110111_2")
    }

    func testPlusMinusExpandsToTwoAnswers() {
        same("1 \\pm \\sqrt{2}", "1-\\sqrt{2}, 1+\\sqrt{2}")
    }
}
