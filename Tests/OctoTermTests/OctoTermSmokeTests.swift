import XCTest
@testable import OctoTerm

final class OctoTermSmokeTests: XCTestCase {
    func testModuleName() { XCTAssertEqual(OctoTermInfo.name, "OctoTerm") }
}
