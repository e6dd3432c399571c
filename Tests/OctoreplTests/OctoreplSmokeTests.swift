import XCTest
@testable import OctoBindings

final class OctoreplSmokeTests: XCTestCase {
    func testBindingsLinks() { XCTAssertEqual(OctoBindingsInfo.name, "OctoBindings") }
}
