import XCTest
@testable import OctoEval

/// The study's verdict rule: every seed's paired difference the expected way and mean ≥ 2 SE.
final class FindingVerdictTests: XCTestCase {
    func testReproducedWhenEverySeedAgreesAndTheMeanIsTwoStandardErrors() throws {
        let v = try FindingVerdict(arm: [0.30, 0.20, 0.25], baseline: [0.10, 0.10, 0.12], expect: .greater)
        XCTAssertEqual(v.differences, [0.30 - 0.10, 0.20 - 0.10, 0.25 - 0.12])
        XCTAssertEqual(v.mean, 0.43 / 3, accuracy: 1e-12)
        // sd of (0.2, 0.1, 0.13) = 0.05132, / √3 = 0.02963
        XCTAssertEqual(v.standardError, 0.029627, accuracy: 1e-5)
        XCTAssertEqual(v.verdict, "reproduced")
    }

    func testOneSeedAgainstIsNotReproducedWhateverTheMean() throws {
        let v = try FindingVerdict(arm: [0.9, 0.9, 0.1], baseline: [0.1, 0.1, 0.2], expect: .greater)
        XCTAssertGreaterThan(v.mean, 0)
        XCTAssertEqual(v.verdict, "not reproduced")
        XCTAssertTrue(v.reason.hasPrefix("1 of 3 seeds"), v.reason)
    }

    func testAllSeedsAgreeButBelowTwoStandardErrors() throws {
        let v = try FindingVerdict(arm: [0.11, 0.30, 0.12], baseline: [0.10, 0.10, 0.10], expect: .greater)
        XCTAssertLessThan(try XCTUnwrap(v.zScore), 2)
        XCTAssertEqual(v.verdict, "not reproduced")
    }

    func testLessFlipsTheDirection() throws {
        XCTAssertEqual(try FindingVerdict(arm: [1, 2, 3], baseline: [2, 3, 4.5], expect: .less).verdict, "reproduced")
        XCTAssertEqual(try FindingVerdict(arm: [1, 2, 3], baseline: [2, 3, 4.5], expect: .greater).verdict, "not reproduced")
    }

    func testIdenticalDifferencesHaveAnSEOfExactlyZero() throws {
        // The study's a_fewshot row: three seeds at 0.7550000000000001 against 0. Summed and
        // divided, the mean rounds away from that value and left an SE of ~1e-17 ("= 9.6e15 SE").
        let x = 0.7550000000000001
        XCTAssertNotEqual((x + x + x) / 3, x, "the case this test is about: the plain mean rounds")
        let v = try FindingVerdict(arm: [x, x, x], baseline: [0, 0, 0], expect: .greater)
        XCTAssertEqual(v.mean, x)
        XCTAssertEqual(v.standardError, 0)
        XCTAssertNil(v.zScore)
        XCTAssertEqual(v.verdict, "reproduced")
        XCTAssertEqual(v.reason, "every seed's difference is above zero and identical (SE 0)")
        // Against the expected direction, identical differences are still not reproduced.
        XCTAssertEqual(try FindingVerdict(arm: [0, 0, 0], baseline: [x, x, x], expect: .greater).verdict, "not reproduced")
    }

    func testOneSeedHasNoStandardError() throws {
        let v = try FindingVerdict(arm: [0.5], baseline: [0.1], expect: .greater)
        XCTAssertEqual(v.verdict, "too few seeds")
        XCTAssertNil(v.zScore)
    }

    func testUnequalEmptyOrNonFiniteInputIsAnError() {
        XCTAssertThrowsError(try FindingVerdict(arm: [1], baseline: [1, 2], expect: .greater))
        XCTAssertThrowsError(try FindingVerdict(arm: [], baseline: [], expect: .greater))
        XCTAssertThrowsError(try FindingVerdict(arm: [1, .nan], baseline: [1, 2], expect: .greater))
    }
}
