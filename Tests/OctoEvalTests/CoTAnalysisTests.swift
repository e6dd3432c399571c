import XCTest
@testable import OctoEval

final class CoTAnalysisTests: XCTestCase {
    // MARK: - Steps and token offsets

    func testSplitsLinesAndSentencesWithByteOffsets() {
        let text = "First, 2+3=5. So x is 5!\n\n  Then 3.5 * 2 = 7?  Done"
        XCTAssertEqual(CoTSteps.split(text, by: .line).map(\.text), ["First, 2+3=5. So x is 5!", "Then 3.5 * 2 = 7?  Done"])
        let sentences = CoTSteps.split(text, by: .sentence)
        XCTAssertEqual(sentences.map(\.text), ["First, 2+3=5.", "So x is 5!", "Then 3.5 * 2 = 7?", "Done"])
        XCTAssertEqual(sentences.map(\.start), [0, 14, 28, 47])
        XCTAssertEqual(sentences.map(\.index), [0, 1, 2, 3])
    }

    func testTokenOffsetsMapBytesToTokens() {
        let t = TokenOffsets(byteLengths: [3, 1, 4, 0, 2])
        XCTAssertEqual(t.starts, [0, 3, 4, 8, 8])
        XCTAssertEqual([0, 2, 3, 4, 7, 8, 9, 50].map { t.token(atByte: $0) }, [0, 0, 1, 2, 2, 4, 4, 4])
        XCTAssertEqual(t.byteOffset(ofToken: 2), 4)
        XCTAssertEqual(t.byteOffset(ofToken: 9), 10)
        XCTAssertNil(TokenOffsets(byteLengths: []).token(atByte: 0))
        let steps = CoTSteps.split("ab\ncd", by: .line, tokens: TokenOffsets(byteLengths: [1, 2, 2]))
        XCTAssertEqual(steps.map(\.token), [0, 2])
    }

    // MARK: - Reflection

    func testReflectionPhrasesAtWordStartsLongestFirst() {
        let text = "Wait, the waiter said hmm. Let me double-check: 12. Alternatively, verify by Verification. Let me re-examine it. awaited"
        let marks = ReflectionDetector().marks(in: text)
        XCTAssertEqual(marks.map(\.phrase), ["wait", "hmm", "let me double-check", "alternatively", "verify", "verification", "let me re-"])
        XCTAssertEqual(marks.map(\.offset), [0, 22, 27, 52, 67, 77, 91])
    }

    func testReflectionDetectorFindsNothingInPlainWorking() {
        XCTAssertEqual(ReflectionDetector().marks(in: "We add 3 and 4 to get 7. The answer is 7.").count, 0)
        XCTAssertEqual(ReflectionDetector(phrases: ["so"]).marks(in: "So also so.").map(\.offset), [0, 8])
    }

    // MARK: - Repetition

    func testFindsALoopWithStartAndPeriod() {
        let text = "We compute 3 + 4 = 7. Wait, let me check. Wait, let me check. Wait, let me check. Wait, let me"
        let loops = RepetitionDetector().loops(in: text)
        XCTAssertEqual(loops.count, 1)
        let loop = try? XCTUnwrap(loops.first)
        XCTAssertEqual(loop?.startWord, 7)
        XCTAssertEqual(loop?.period, 4)
        XCTAssertEqual(loop?.repeats, 3)
        XCTAssertEqual(loop?.coveredWords, 15)
        XCTAssertEqual(loop?.block, "wait, let me check.")
        XCTAssertEqual(loop?.offset, 22)
    }

    func testPrefersTheShortestPeriodAndIgnoresShortRuns() {
        let loops = RepetitionDetector().loops(in: "x: a b a b a b a b a b a b a b end")
        XCTAssertEqual(loops.map(\.period), [2])
        XCTAssertEqual(loops.map(\.startWord), [1])
        XCTAssertEqual(loops.map(\.repeats), [7])
        XCTAssertEqual(RepetitionDetector().loops(in: "so so so the end").count, 0, "3 words are too few for a loop")
        XCTAssertEqual(RepetitionDetector().loops(in: "The answer is 7. The answer is 7.").count, 0)
    }

    func testLongPassageRepeatedTwiceIsALoop() {
        let passage = (1...16).map { "w\($0)" }.joined(separator: " ")
        let loops = RepetitionDetector().loops(in: "intro " + passage + " " + passage + " tail")
        XCTAssertEqual(loops.map(\.period), [16])
        XCTAssertEqual(loops.map(\.repeats), [2])
        XCTAssertEqual(loops.map(\.startWord), [1])
    }

    func testNgramRepetitionShare() {
        XCTAssertEqual(RepetitionDetector.ngramRepetition("a b c d e f", n: 4), 0)
        XCTAssertEqual(RepetitionDetector.ngramRepetition("a b a b a b", n: 2), 1 - 2.0 / 5.0, accuracy: 1e-12)
        XCTAssertEqual(RepetitionDetector.ngramRepetition("a b", n: 4), 0)
    }

    // MARK: - Answers

    func testFindsStatedAnswersInOrder() {
        let text = "So 3 + 4 = 7 and x = 2 + 5 = 7. Then 7 * 2 = 14.\nThe answer is 15. \\boxed{\\frac{1}{2}} #### 1,234"
        let m = IntermediateAnswers.mentions(in: text)
        XCTAssertEqual(m.map(\.text), ["7", "7", "14", "15", "\\frac{1}{2}", "1,234"])
        XCTAssertEqual(m.map(\.kind), [.equals, .equals, .equals, .answerIs, .boxed, .hashes])
        XCTAssertEqual(m.map(\.offset), [11, 29, 45, 63, 74, 92])
    }

    func testFirstCorrectAnswerPositionAndOverwrite() {
        let text = "First 2 * 6 = 12. Hmm, wait, that counts twice. Let me recount: 2 * 6 - 1 = 11. So the answer is \\boxed{11}."
        // One token per 4 bytes.
        let bytes = text.utf8.count
        let tokenLengths = Array(repeating: 4, count: bytes / 4) + (bytes % 4 == 0 ? [] : [bytes % 4])
        let a = CoTAnalysis(text: text, gold: "12", tokenByteLengths: tokenLengths)
        XCTAssertEqual(a.finalAnswer, "11")
        XCTAssertEqual(a.correct, false)
        XCTAssertEqual(a.firstCorrect?.text, "12")
        XCTAssertEqual(a.firstCorrect?.offset, 14)
        XCTAssertEqual(a.firstCorrect?.token, 3)
        XCTAssertTrue(a.overwritten)
        XCTAssertEqual(a.reflections.map(\.phrase), ["hmm", "wait"])
        XCTAssertEqual(a.tokenCount, tokenLengths.count)
        let right = CoTAnalysis(text: text, gold: "11")
        XCTAssertEqual(right.correct, true)
        XCTAssertEqual(right.firstCorrect?.text, "11")
        XCTAssertEqual(right.firstCorrect?.kind, .equals)
        XCTAssertFalse(right.overwritten)
        let ungraded = CoTAnalysis(text: text)
        XCTAssertNil(ungraded.correct)
        XCTAssertNil(ungraded.firstCorrect)
    }

    func testBatchSummaryRates() {
        let texts = [
            ("3 + 4 = 7. The answer is \\boxed{7}.", "7", false),
            ("Wait, 3 + 4 = 8? Wait, let me check. Wait, let me check. Wait, let me check. Wait", "7", true),
            ("Hmm. 3 + 4 = 7, so \\boxed{6}.", "7", false),
            ("I do not know.", "7", false),
        ]
        let analyses = texts.map { CoTAnalysis(text: $0.0, gold: $0.1, truncated: $0.2) }
        let s = CoTBatchSummary(analyses)
        XCTAssertEqual(s.count, 4)
        XCTAssertEqual(s.reflectionRate, 0.5)
        XCTAssertEqual(s.meanReflections, 9.0 / 4.0, "5 × wait, 3 × let me check, 1 × hmm")
        XCTAssertEqual(s.repetitionRate, 0.25)
        XCTAssertEqual(s.truncationRate, 0.25)
        XCTAssertEqual(s.accuracy, 0.25)
        XCTAssertEqual(s.correctSomewhereRate, 0.5)
        XCTAssertEqual(s.overwrittenRate, 0.25)
        XCTAssertEqual(s.meanLength, Double(analyses.map(\.wordCount).reduce(0, +)) / 4)
        XCTAssertNil(CoTBatchSummary([CoTAnalysis(text: "x")]).accuracy)
    }
}
