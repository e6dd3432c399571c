import XCTest
@testable import OctoScript

final class OctoScriptSmokeTests: XCTestCase {
    func testModuleName() { XCTAssertEqual(OctoScriptInfo.name, "OctoScript") }
}
