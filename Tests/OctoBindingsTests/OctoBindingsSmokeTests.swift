import XCTest
@testable import OctoBindings

final class OctoBindingsSmokeTests: XCTestCase {
    func testModuleName() { XCTAssertEqual(OctoBindingsInfo.name, "OctoBindings") }
}
