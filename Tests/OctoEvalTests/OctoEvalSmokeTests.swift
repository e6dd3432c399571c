import XCTest
@testable import OctoEval

final class OctoEvalSmokeTests: XCTestCase {
    func testModuleName() { XCTAssertEqual(OctoEvalInfo.name, "OctoEval") }
}
