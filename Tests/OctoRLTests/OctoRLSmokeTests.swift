import XCTest
@testable import OctoRL

final class OctoRLSmokeTests: XCTestCase {
    func testModuleName() { XCTAssertEqual(OctoRLInfo.name, "OctoRL") }
}
