import XCTest
@testable import OctoTerm

final class NiceScaleTests: XCTestCase {
    func testStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        XCTAssertEqual(NiceScale.niceStep(atLeast: 0.13), 0.2)
        XCTAssertEqual(NiceScale.niceStep(atLeast: 3), 5)
        XCTAssertEqual(NiceScale.niceStep(atLeast: 7), 10)
        XCTAssertEqual(NiceScale.niceStep(atLeast: 1), 1)
    }

    func testExpandsToEnclosingTicks() {
        let s = NiceScale(min: 0.13, max: 2.31, maxTicks: 6)
        XCTAssertEqual(s.step, 0.5)
        XCTAssertEqual(s.lower, 0); XCTAssertEqual(s.upper, 2.5)
        XCTAssertEqual(s.ticks, [0, 0.5, 1, 1.5, 2, 2.5])
        XCTAssertEqual(s.labels, ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
    }

    func testTicksHaveNoFloatNoise() {
        let s = NiceScale(min: 0.1, max: 0.7, maxTicks: 8)
        XCTAssertEqual(s.ticks.map { "\($0)" }, ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
    }

    func testWithoutExpandKeepsRangeAndInnerTicks() {
        let s = NiceScale(min: 1, max: 7, maxTicks: 4, expand: false)
        XCTAssertEqual(s.lower, 1); XCTAssertEqual(s.upper, 7)
        XCTAssertEqual(s.ticks, [2, 4, 6])
    }

    func testConstantAndNonFiniteDataGetARange() {
        let c = NiceScale(min: 3, max: 3)
        XCTAssertLessThan(c.lower, 3); XCTAssertGreaterThan(c.upper, 3)
        let z = NiceScale(min: 0, max: 0)
        XCTAssertEqual(z.lower, -1); XCTAssertEqual(z.upper, 1)
        let n = NiceScale(min: .nan, max: 1)
        XCTAssertEqual(n.lower, 0); XCTAssertEqual(n.upper, 1)
    }
}
