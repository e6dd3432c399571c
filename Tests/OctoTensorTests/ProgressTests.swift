import XCTest
@testable import OctoTensor

final class ProgressTests: XCTestCase {
    func testSilentProgressNeverInterrupts() {
        let p = SilentProgress()
        p.begin(ProgressEvent(done: 0, total: 10, unit: "step"))
        XCTAssertTrue(p.shouldContinue)
    }
}
