import XCTest
@testable import OctoData

final class OctoDataSmokeTests: XCTestCase {
    func testModuleName() { XCTAssertEqual(OctoDataInfo.name, "OctoData") }
}
