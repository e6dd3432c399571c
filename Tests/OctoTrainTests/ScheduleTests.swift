import XCTest
@testable import OctoTrain

final class ScheduleTests: XCTestCase {
    func testWSDBoundaries() {
        let s = Schedule.wsd(warmup: 0.1, decay: 0.2, shape: .linear, floor: 0)
        // 100 steps: warmup steps 0..9, stable 10..79, decay 80..99 reaching 0 at the last step.
        XCTAssertEqual(s.multiplier(step: 0, total: 100), 0.1, accuracy: 1e-12)
        XCTAssertEqual(s.multiplier(step: 9, total: 100), 1.0, accuracy: 1e-12)
        XCTAssertEqual(s.multiplier(step: 10, total: 100), 1.0)
        XCTAssertEqual(s.multiplier(step: 79, total: 100), 1.0)
        XCTAssertEqual(s.multiplier(step: 80, total: 100), 0.95, accuracy: 1e-12)
        XCTAssertEqual(s.multiplier(step: 99, total: 100), 0.0, accuracy: 1e-12)
        let sq = Schedule.wsd(warmup: 0, decay: 0.5, shape: .sqrt, floor: 0.1)
        XCTAssertEqual(sq.multiplier(step: 49, total: 100), 1)
        XCTAssertEqual(sq.multiplier(step: 74, total: 100), 0.1 + 0.9 * (1 - 0.5.squareRoot()), accuracy: 1e-12)
    }

    func testCosineAndConstant() {
        let c = Schedule.cosine(warmup: 0, floor: 0.1)
        XCTAssertEqual(c.multiplier(step: 0, total: 11), 1, accuracy: 1e-12)
        XCTAssertEqual(c.multiplier(step: 5, total: 11), 0.55, accuracy: 1e-12)
        XCTAssertEqual(c.multiplier(step: 10, total: 11), 0.1 + 0.9 * 0.5 * (1 + cos(Double.pi)), accuracy: 1e-12)
        XCTAssertEqual(Schedule.constant(warmup: 0).multiplier(step: 7, total: 10), 1)
        XCTAssertEqual(Schedule.linear(warmup: 0, floor: 0).multiplier(step: 5, total: 11), 0.5, accuracy: 1e-12)
    }
}
