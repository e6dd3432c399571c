import XCTest
@testable import OctoTerm

final class VisibleTokenTests: XCTestCase {
    func testWhitespaceBecomesVisible() {
        XCTAssertEqual(visibleToken(" the\n"), "·the↵")
        XCTAssertEqual(visibleToken("\tx"), "→x")
    }

    func testControlCharactersBecomeHexBytes() {
        XCTAssertEqual(visibleToken("\r"), "<0x0D>")
        XCTAssertEqual(visibleToken("a\u{7F}\u{0}"), "a<0x7F><0x00>")
        XCTAssertEqual(visibleToken("é→"), "é→")
    }

    func testInvalidUTF8BytesBecomeHexBytes() {
        XCTAssertEqual(visibleToken(bytes: [0x20, 0x68, 0x69]), "·hi")
        XCTAssertEqual(visibleToken(bytes: [0xE2, 0x82]), "<0xE2><0x82>")          // half of "€"
        XCTAssertEqual(visibleToken(bytes: [0xE2, 0x82, 0xAC, 0x0A]), "€↵")
        XCTAssertEqual(visibleToken(bytes: [0xC0, 0x80]), "<0xC0><0x80>")          // overlong NUL
        XCTAssertEqual(visibleToken(bytes: [0xFF, 0x41]), "<0xFF>A")
    }
}
