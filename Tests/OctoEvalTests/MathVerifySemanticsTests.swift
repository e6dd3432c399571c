import XCTest
import OctoData
@testable import OctoEval

/// One test per Math-Verify behaviour of Docs/Grading.md ("What counts as equal"), including
/// the cases new users reported (issue #13).
final class MathVerifySemanticsTests: XCTestCase {
    let grader = Grader()

    func grade(_ gold: String, _ response: String, _ style: GradingStyle = .math) -> GradeResult {
        grader.grade(gold: gold, response: response, style: style)
    }

    // MARK: - Extraction

    func testAbbreviationsDoNotCutTheAnswer() {
        let r = grade("\\frac{1}{2}", "The answer is 1/2, i.e. 0.5.")
        XCTAssertEqual(r.pred, "1/2")
        XCTAssertTrue(r.correct)
        XCTAssertEqual(AnswerExtraction.extract("The answer is 3, e.g. three."), "3")
        XCTAssertEqual(AnswerExtraction.extract("The answer is 1,250, etc. as shown"), "1,250")
        XCTAssertEqual(AnswerExtraction.extract("So the answer is 502 (mod 1000)."), "502")
    }

    func testBareFinalExpressionWithoutDelimiters() {
        XCTAssertTrue(grade("\\frac{10}{9}", "We simplify and get \\frac{10}{9}").correct)
        XCTAssertTrue(grade("\\frac{2}{3}", "Counting both cases, the probability is 2/3.").correct)
        XCTAssertTrue(grade("54", "Walking takes 54 minutes.").correct)
        XCTAssertTrue(grade("1479.90", "The price is $1,479.90.", .gsm8k).correct)
    }

    func testSeveralBoxesFollowMathVerify() {
        // Boxes a few characters apart, or listed with "and"/",", are one answer: a set.
        XCTAssertEqual(AnswerExtraction.extract("\\boxed{3} and \\boxed{4}"), "3, 4")
        XCTAssertFalse(grade("4", "\\boxed{3} and \\boxed{4}").correct)
        XCTAssertTrue(grade("\\{3, 4\\}", "So $\\boxed{3}$ and $\\boxed{4}$.").correct)
        // A box corrected later in the text stands alone.
        XCTAssertEqual(AnswerExtraction.extract("At first $\\boxed{3}$, but that misses a case. Fixing it, the count is $\\boxed{4}$."), "4")
    }

    func testBoxVariants() {
        XCTAssertEqual(AnswerExtraction.extract("So $\\fbox{12}$."), "12")
        XCTAssertEqual(AnswerExtraction.extract("So $\\boxed{\\boxed{7}}$."), "7")
        XCTAssertEqual(AnswerExtraction.extract("Hence \\boxed{\\frac{\\sqrt{3}}{2}}"), "\\frac{\\sqrt{3}}{2}")
    }

    func testOneExtractorForRewardsLoaderAndGrader() {
        let texts = ["So $\\boxed{5}$.", "\\boxed{3} and \\boxed{4}", "The answer is 7.", "no box", "\\boxed{unclosed"]
        for t in texts {
            XCTAssertEqual(Grader.extract(t, style: .math), AnswerExtraction.extract(t), t)
        }
        XCTAssertEqual(AnswerExtraction.find("So $\\boxed{5}$.")?.source, .boxed)
        XCTAssertEqual(AnswerExtraction.find("The answer is 7.")?.source, .cue)
        XCTAssertNil(AnswerExtraction.boxed(in: "The answer is 7."))
    }

    // MARK: - Equivalence

    func testPercentInEveryWriting() {
        for pred in ["28%", "28\\%", "28 percent", "28 pct", "$28\\%$", "$28$ percent", "28 percentage"] {
            XCTAssertTrue(grade("0.28", "So the share is \(pred).", .gsm8k).correct, pred)
            XCTAssertTrue(grade("28", "So the share is \(pred).", .gsm8k).correct, pred)
            XCTAssertTrue(grade("28\\%", "So the share is \(pred).", .gsm8k).correct, pred)
        }
        XCTAssertFalse(grade("0.28", "So the share is 29%.", .gsm8k).correct)
    }

    func testEquationsAgainstValues() {
        XCTAssertTrue(grade("5", "Solving, we find $x = 5$.").correct)
        XCTAssertTrue(grade("557", "Therefore, $m+n = 557$.").correct)
        XCTAssertTrue(grade("x = 10", "Solving, $x = 8 + 2 = 10$.").correct)
        XCTAssertTrue(grader.equivalent("k = 1", "1"))
        XCTAssertFalse(grader.equivalent("7 = 11a+c", "11a+c"))
        XCTAssertFalse(grade("5", "Solving, we find $x = 6$.").correct)
    }

    func testInequalitiesAndIntervals() {
        XCTAssertTrue(grader.equivalent("x \\le 3", "(-\\infty, 3]"))
        XCTAssertTrue(grader.equivalent("(-\\infty, 3]", "x \\le 3"))          // octorepl: both ways
        XCTAssertTrue(grader.equivalent("-2 < x \\le 7", "(-2, 7]"))
        XCTAssertFalse(grader.equivalent("(-\\infty, 3]", "(-\\infty, 3)"))
        XCTAssertTrue(grader.equivalent("(-\\infty, 1) \\cup (4, \\infty)", "(-\\infty,1)\\cup(4,\\infty)"))
    }

    func testSetsAgainstTuples() {
        XCTAssertTrue(grader.equivalent("\\{1, 3\\}", "(1, 3)"))
        XCTAssertTrue(grader.equivalent("(1, 3)", "\\{3, 1\\}"))
        XCTAssertFalse(grader.equivalent("(3, 1)", "\\{1, 3\\}"))
    }

    func testMatrices() {
        let gold = "\\begin{pmatrix} \\frac{1}{2} & \\sqrt{8} \\\\ 3 & 4 \\end{pmatrix}"
        XCTAssertTrue(grader.equivalent(gold, "\\begin{bmatrix} 0.5 & 2\\sqrt{2} \\\\ 3 & 4 \\end{bmatrix}"))
        XCTAssertTrue(grader.equivalent(gold, "\\left[\\begin{array}{cc} 1/2 & \\sqrt{8} \\\\ 3 & 4 \\end{array}\\right]"))
        XCTAssertFalse(grader.equivalent(gold, "\\begin{pmatrix} \\frac{1}{2} & \\sqrt{8} \\\\ 3 & 5 \\end{pmatrix}"))
        XCTAssertFalse(grader.equivalent("\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", "\\begin{pmatrix} 1 & 2 \\end{pmatrix}"))
        XCTAssertTrue(grade("\\begin{pmatrix} -4 \\\\ 5 \\end{pmatrix}", "So $\\boxed{\\begin{bmatrix} -4 \\\\ 5 \\end{bmatrix}}$.").correct)
    }

    func testGoldThatIsAWorkedSolution() {
        XCTAssertTrue(grader.equivalent("Since $x<2$, we get $x-p=\\boxed{2-2p}$.", "2-2p"))
    }

    func testStudyAnswerFormat() {
        // The study's answers: an integer in \boxed{N} after "The answer is".
        let r = grade("42", "6 times 7 is 42. The answer is \\boxed{42}.")
        XCTAssertEqual(r.pred, "42")
        XCTAssertTrue(r.correct)
        XCTAssertFalse(grade("41", "6 times 7 is 42. The answer is \\boxed{42}.").correct)
    }

    func testNumberFormats() {
        XCTAssertEqual(AnswerExtraction.extract("It comes to 3,250,000"), "3250000")
        XCTAssertEqual(AnswerExtraction.extract("That is 2 000"), "2000")
        XCTAssertEqual(AnswerExtraction.extract("Soit 2000,25"), "2000.25")           // a decimal comma
        XCTAssertEqual(AnswerExtraction.extract("so it is 250.5m²"), "250.5")
        XCTAssertNil(AnswerExtraction.extract("code XQZ3B"))                           // not inside a word
        XCTAssertTrue(grade("22222222200", "is $\\boxed{22,\\! 222,\\! 222,\\! 200}$").correct)
        XCTAssertFalse(grade("45678", "is $\\boxed{45, 678}$").correct)
    }

    func testFinalAnswerSentenceNamesItsSubject() {
        XCTAssertEqual(AnswerExtraction.extract("Final Answer: The largest $n$ is 41."), "41")
    }

    func testApproximations() {
        XCTAssertTrue(grade("9", "$y\\approx9$").correct)
        XCTAssertTrue(grade("1/4", "$y=1/4\\approx0.3$").correct)
    }

    func testRelationsUpToSignAndScale() {
        XCTAssertTrue(grader.equivalent("y < 2", "-y > -2"))
        XCTAssertTrue(grader.equivalent("y \\le 6", "6 \\ge y"))
        XCTAssertFalse(grader.equivalent("y < 2", "y > -2"))
        XCTAssertTrue(grader.equivalent("3x+6y-9=0", "y=-\\frac{1}{2}x+\\frac{3}{2}"))
        XCTAssertTrue(grader.equivalent("x^2/9 + y^2/4 = 1", "x^2/36 + y^2/16 = 1/4"))
        XCTAssertFalse(grader.equivalent("x^2/9 + y^2/4 = 1", "x^2/36 + y^2/16 = 1"))
        XCTAssertTrue(grader.equivalent("y != 2", "y \\neq 2"))
        XCTAssertTrue(grader.equivalent("2 = \\qqq = y = 0", "0"))
        XCTAssertFalse(grader.equivalent("2x + z = 1", "1"))
    }

    func testMatrixArithmeticAndExp() {
        XCTAssertTrue(grader.equivalent("\\begin{pmatrix}4 & 4 \\\\ 4 & 4\\end{pmatrix}",
                                        "\\begin{pmatrix}1 & 1 \\\\ 1 & 1\\end{pmatrix} + \\begin{pmatrix}3 & 3 \\\\ 3 & 3\\end{pmatrix}"))
        XCTAssertTrue(grader.equivalent("\\begin{pmatrix}2 & 1 \\\\ 4 & 3\\end{pmatrix}",
                                        "\\begin{pmatrix}0 & 1 \\\\ 1 & 0\\end{pmatrix} \\begin{pmatrix}4 & 3 \\\\ 2 & 1\\end{pmatrix}"))
        XCTAssertTrue(grader.equivalent("e^{2}", "\\exp(2)"))
    }

    func testNamedAnswersRatiosAndListWords() {
        XCTAssertTrue(grader.equivalent("(a,b)=(5,4)", "(5,4)"))
        XCTAssertTrue(grader.equivalent("PQ=6,RS=9", "6, 9"))
        XCTAssertTrue(grader.equivalent("\\frac{AM}{MC}=\\frac{2}{\\sqrt{5}}", "\\frac{2}{\\sqrt{5}}"))
        XCTAssertTrue(grader.equivalent("V_{1}:V_{2}=4:9", "4:9"))
        XCTAssertFalse(grader.equivalent("11:30", "1:30"))
        XCTAssertTrue(grader.equivalent("23, 51, and 90", "23, 51, \\text{ and } 90"))
        XCTAssertTrue(grader.equivalent("(3,8)or(8,3)", "(8,3),\\ (3,8)"))
        XCTAssertTrue(grade("\\{-4, 3\\}", "so \\(\\boxed{3}\\) and \\(\\boxed{-4}\\).").correct)
    }
}
