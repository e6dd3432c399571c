import XCTest
@testable import OctoTokenizer

final class OctoTokenizerSmokeTests: XCTestCase {
    func testModuleName() { XCTAssertEqual(OctoTokenizerInfo.name, "OctoTokenizer") }
}
