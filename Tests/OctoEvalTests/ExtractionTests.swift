import XCTest
@testable import OctoEval

/// One test per extraction rule (Docs/Grading.md, "Extraction").
final class ExtractionTests: XCTestCase {
    func extract(_ s: String, _ style: GradingStyle = .math) -> String? { Grader.extract(s, style: style) }

    func testLastBoxedWins() {
        XCTAssertEqual(extract("At first $\\boxed{3}$, but actually $\\boxed{4}$."), "4")
    }

    func testBoxedWithNestedBraces() {
        XCTAssertEqual(extract("So $\\boxed{\\frac{\\sqrt{3}}{2}}$."), "\\frac{\\sqrt{3}}{2}")
    }

    func testBoxedWithEscapedSetBraces() {
        XCTAssertEqual(extract("Thus $\\boxed{\\{1, 2\\}}$"), "\\{1, 2\\}")
    }

    func testFboxAndBoxedWithoutBraces() {
        XCTAssertEqual(extract("Answer in \\fbox{12} here."), "12")
        XCTAssertEqual(extract("so $\\boxed 5$."), "5")
    }

    func testDisplayBoxed() {
        XCTAssertEqual(extract("Therefore,\n\\[\n\\boxed{x = 9}\n\\]"), "x = 9")
    }

    func testUnclosedLastBoxIsTruncated() {
        XCTAssertNil(extract("First $\\boxed{3}$. So the answer is $\\boxed{\\frac{1}{2"))
    }

    func testHashAnswer() {
        XCTAssertEqual(extract("So the total is 195.\n#### 195 apples", .gsm8k), "195 apples")
    }

    func testAnswerIsPlainStopsAtSentenceEnd() {
        XCTAssertEqual(extract("The answer is 17091.00. We are done."), "17091.00")
        XCTAssertEqual(extract("The answer is 7/5."), "7/5")
    }

    func testAnswerIsDollarSpan() {
        XCTAssertEqual(extract("The answer is $\\frac{2}{18}$."), "\\frac{2}{18}")
    }

    func testAnswerIsLatexOutsideMathMode() {
        XCTAssertEqual(extract("The answer is \\dfrac{13}{9}."), "\\dfrac{13}{9}")
        XCTAssertEqual(extract("The answer is: 6 + 9i"), "6 + 9i")
    }

    func testAnswerIsMoneyDollar() {
        XCTAssertEqual(extract("The answer is $42.75.", .gsm8k), "42.75")
    }

    func testMinervaFinalAnswer() {
        XCTAssertEqual(extract("Final Answer: The final answer is $10 \\pi$. I hope it is correct."), "10 \\pi")
    }

    func testBoldAnswer() {
        XCTAssertEqual(extract("**Answer:** 42", .gsm8k), "42")
        XCTAssertEqual(extract("So she has **42** eggs.", .gsm8k), "42")
    }

    func testAnswerTag() {
        XCTAssertEqual(extract("<think>3+4</think> <answer> 7 </answer>"), "7")
    }

    func testProseAfterACueYieldsToALaterMathSpan() {
        XCTAssertEqual(extract("To find the answer: we first add the two numbers.\n\nSo we get $7$."), "7")
    }

    func testInlineMathInTheReasoningIsTheLastResort() {
        // Nothing in the final sentence: the rightmost math span or number anywhere (Math-Verify).
        XCTAssertEqual(extract("We have $x = 7$. Now we need to combine these results, taking care with the rest."), "x = 7")
        XCTAssertEqual(extract("We have $x = 7$. Then 12 more cases remain to be combined."), "12")
    }

    func testLastDollarSpanFallback() {
        XCTAssertEqual(extract("We have $x = 2$. So we get $\\{1, 10\\}$."), "\\{1, 10\\}")
    }

    func testLastPlainNumberInEveryStyle() {
        for style in GradingStyle.allCases {
            XCTAssertEqual(extract("3 + 4 = 7.\nSo she has 1,250 apples.", style), "1250")
            XCTAssertEqual(extract("We get 3 + 4 = 7. Now we combine the remaining cases.", style), "7")
        }
    }

    func testTruncatedResponsesHaveNoAnswer() {
        XCTAssertNil(extract("So 3 + 4 = 7. Therefore the final answer is"))
        XCTAssertNil(extract("Putting this together, we find that the value equals", .gsm8k))
        XCTAssertNil(extract("So the answer is $\\boxed{"))
    }

    func testNothingExtracted() {
        XCTAssertNil(extract(""))
        XCTAssertNil(extract("No numbers or math here."))
    }
}
