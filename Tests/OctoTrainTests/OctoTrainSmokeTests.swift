import XCTest
@testable import OctoTrain

final class OctoTrainSmokeTests: XCTestCase {
    func testModuleName() { XCTAssertEqual(OctoTrainInfo.name, "OctoTrain") }
}
