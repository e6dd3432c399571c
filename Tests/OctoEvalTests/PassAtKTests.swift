import XCTest
@testable import OctoEval

final class PassAtKTests: XCTestCase {
    func binomial(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        var r = 1.0
        for i in 0..<k { r = r * Double(n - i) / Double(i + 1) }
        return r
    }

    /// The product form equals the closed form 1 − C(n−c, k)/C(n, k) on every small case.
    func testEstimatorMatchesClosedForm() throws {
        for n in 1...12 {
            for c in 0...n {
                for k in 1...n {
                    let closed = 1 - binomial(n - c, k) / binomial(n, k)
                    let estimate = try XCTUnwrap(PassAtK.estimate(n: n, c: c, k: k))
                    XCTAssertEqual(estimate, closed, accuracy: 1e-12, "n=\(n) c=\(c) k=\(k)")
                }
            }
        }
    }

    /// pass@k is the chance that a random k-subset holds a correct sample: brute force over subsets.
    func testEstimatorMatchesSubsetEnumeration() throws {
        let n = 7, c = 3, k = 3
        var hits = 0, subsets = 0
        for mask in 0..<(1 << n) where mask.nonzeroBitCount == k {
            subsets += 1
            if mask & 0b111 != 0 { hits += 1 }   // samples 0, 1, 2 are the correct ones
        }
        XCTAssertEqual(try XCTUnwrap(PassAtK.estimate(n: n, c: c, k: k)), Double(hits) / Double(subsets), accuracy: 1e-12)
    }

    func testKnownValuesAndEdges() {
        XCTAssertEqual(PassAtK.estimate(n: 10, c: 3, k: 1)!, 0.3, accuracy: 1e-15)
        XCTAssertEqual(PassAtK.estimate(n: 5, c: 0, k: 5), 0)
        XCTAssertEqual(PassAtK.estimate(n: 5, c: 1, k: 5), 1)
        XCTAssertNil(PassAtK.estimate(n: 5, c: 6, k: 1))
        XCTAssertNil(PassAtK.estimate(n: 5, c: 1, k: 6))
        XCTAssertNil(PassAtK.estimate(n: 0, c: 0, k: 1))
        XCTAssertEqual(PassAtK.estimate(n: 2000, c: 1, k: 1)!, 0.0005, accuracy: 1e-15)
    }

    func testMeanOverProblems() throws {
        let m = try XCTUnwrap(PassAtK.mean([(n: 4, c: 2), (n: 4, c: 0)], k: 2))
        XCTAssertEqual(m, (1 - 1.0 / 6.0) / 2, accuracy: 1e-12)
    }

    func testMajorityVoteGroupsEquivalentAnswers() {
        // 0.5, \frac12 and 1/2 are one answer (3 votes) against 3 (2 votes).
        let answers: [String?] = ["3", "0.5", "\\frac{1}{2}", nil, "3", "1/2"]
        let correct = [false, true, true, false, false, true]
        XCTAssertEqual(PassAtK.majorityIndex(answers: answers, k: 6), 1)
        XCTAssertTrue(PassAtK.majorityCorrect(answers: answers, correct: correct, k: 6))
        // With k = 2 the tie 3 vs 0.5 goes to the first seen: 3, wrong.
        XCTAssertFalse(PassAtK.majorityCorrect(answers: answers, correct: correct, k: 2))
        XCTAssertFalse(PassAtK.majorityCorrect(answers: [nil, nil], correct: [false, false], k: 2))
    }
}
