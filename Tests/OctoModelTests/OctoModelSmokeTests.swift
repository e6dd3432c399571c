import XCTest
@testable import OctoModel

final class OctoModelSmokeTests: XCTestCase {
    func testModuleName() { XCTAssertEqual(OctoModelInfo.name, "OctoModel") }
}
