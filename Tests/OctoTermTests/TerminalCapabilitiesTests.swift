import XCTest
@testable import OctoTerm

final class TerminalCapabilitiesTests: XCTestCase {
    func testNoColorWinsOverEverything() {
        let c = TerminalCapabilities.resolve(isTTY: true, environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], windowWidth: 120)
        XCTAssertEqual(c, TerminalCapabilities(isTTY: true, color: .off, width: 120))
    }

    func testNotATerminalHasNoColourUnlessForced() {
        XCTAssertEqual(TerminalCapabilities.resolve(isTTY: false, environment: ["TERM": "xterm-256color"], windowWidth: nil).color, .off)
        XCTAssertEqual(TerminalCapabilities.resolve(isTTY: false, environment: ["FORCE_COLOR": "1"], windowWidth: nil).color, .ansi256)
        XCTAssertEqual(TerminalCapabilities.resolve(isTTY: false, environment: ["FORCE_COLOR": "0"], windowWidth: nil).color, .off)
    }

    func testTruecolourFromColorterm256FromTerm() {
        XCTAssertEqual(TerminalCapabilities.resolve(isTTY: true, environment: ["COLORTERM": "24bit"], windowWidth: nil).color, .truecolor)
        XCTAssertEqual(TerminalCapabilities.resolve(isTTY: true, environment: ["TERM": "xterm-256color"], windowWidth: nil).color, .ansi256)
        XCTAssertEqual(TerminalCapabilities.resolve(isTTY: true, environment: ["TERM": "dumb"], windowWidth: nil).color, .off)
    }

    func testWidthFromWindowThenColumnsThenEighty() {
        XCTAssertEqual(TerminalCapabilities.resolve(isTTY: true, environment: ["COLUMNS": "100"], windowWidth: 132).width, 132)
        XCTAssertEqual(TerminalCapabilities.resolve(isTTY: true, environment: ["COLUMNS": "100"], windowWidth: nil).width, 100)
        XCTAssertEqual(TerminalCapabilities.resolve(isTTY: true, environment: ["COLUMNS": "wide"], windowWidth: 0).width, 80)
    }

    func testDetectOnAPipeIsNotATerminal() throws {
        let pipe = Pipe()
        let c = TerminalCapabilities.detect(fileDescriptor: pipe.fileHandleForWriting.fileDescriptor, environment: [:])
        XCTAssertFalse(c.isTTY)
        XCTAssertEqual(c.color, .off)
        XCTAssertEqual(c.width, 80)
    }
}
