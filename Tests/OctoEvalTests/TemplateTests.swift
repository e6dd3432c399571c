import XCTest
@testable import OctoEval

final class TemplateTests: XCTestCase {
    let shots = [
        FewShotExample(question: "What is 2+2?", answer: "2+2=4. The answer is 4."),
        FewShotExample(question: "What is 3+3?", answer: "3+3=6. The answer is 6."),
    ]

    func testGsm8kFewShotFormat() {
        let p = PromptTemplate.gsm8kFewShot.render(question: "What is 5+5?", shots: shots)
        XCTAssertEqual(p, "Question: What is 2+2?\nAnswer: 2+2=4. The answer is 4.\n\n"
            + "Question: What is 3+3?\nAnswer: 3+3=6. The answer is 6.\n\nQuestion: What is 5+5?\nAnswer:")
        XCTAssertEqual(PromptTemplate.gsm8kFewShot.stopStrings.first, "Question:")
        XCTAssertEqual(PromptTemplate.gsm8kFewShot.defaultShots, 8)
    }

    func testMinervaFewShotFormat() {
        let shot = FewShotExample.minerva(question: "Compute $1+1$.", solution: "We add.", finalAnswer: "2")
        let p = PromptTemplate.minervaFewShot.render(question: "Compute $2+2$.", shots: [shot])
        XCTAssertEqual(p, "Problem:\nCompute $1+1$.\n\nSolution:\nWe add.\n"
            + "Final Answer: The final answer is $2$. I hope it is correct.\n\nProblem:\nCompute $2+2$.\n\nSolution:")
        XCTAssertEqual(Grader.extract(shot.answer, style: .math), "2")
        XCTAssertEqual(PromptTemplate.minervaFewShot.stopStrings.first, "Problem:")
    }

    func testZeroShotTemplatesAskForBoxedAnswers() {
        let r1 = PromptTemplate.r1Zero.render(question: "What is 5+5?")
        XCTAssertTrue(r1.hasPrefix("A conversation between User and Assistant."))
        XCTAssertTrue(r1.contains("\\boxed{}"))
        XCTAssertTrue(r1.hasSuffix("User: What is 5+5?\nAssistant: <think>"))
        XCTAssertEqual(PromptTemplate.stepByStep.render(question: "What is 5+5?"),
                       "What is 5+5?\nLet's think step by step and output the final answer within \\boxed{}.")
    }

    func testShotSelectionIsFixedBySeed() {
        let pool = (0..<50).map { FewShotExample(question: "q\($0)", answer: "a\($0)") }
        let a = PromptTemplate.selectShots(from: pool, count: 8, seed: 1234)
        XCTAssertEqual(a, PromptTemplate.selectShots(from: pool, count: 8, seed: 1234))
        XCTAssertNotEqual(a, PromptTemplate.selectShots(from: pool, count: 8, seed: 1235))
        XCTAssertEqual(Set(a.map(\.question)).count, 8)
        XCTAssertEqual(PromptTemplate.selectShots(from: Array(pool.prefix(3)), count: 8, seed: 1).count, 3)
    }

    func testTemplatesAreSelectableByName() {
        XCTAssertEqual(PromptTemplate(rawValue: "r1-zero"), .r1Zero)
        XCTAssertEqual(PromptTemplate.allCases.count, 4)
    }
}
