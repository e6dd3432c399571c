import XCTest
@testable import OctoTerm

final class TableFitTests: XCTestCase {
    func makeTable() throws -> Table {
        var t = Table(headers: ["benchmark", "model", "template", "accuracy", "notes"])
        try t.append(["lab:gsm", "a-rather-long-model-name", "step-by-step", 0.125, "a long free-text note that goes on and on"])
        try t.append(["lab:math", "base", "r1-zero", 0.5, "short"])
        t.dropOrder = ["template"]
        return t
    }

    func testWideEnoughTablesAreUnchanged() throws {
        let t = try makeTable()
        XCTAssertEqual(t.render(width: 200), t.render())
    }

    func testTextColumnsAreCutRightmostFirstThenColumnsDropped() throws {
        let t = try makeTable()
        let natural = t.render().split(separator: "\n").map { TextWidth.of(String($0)) }.max() ?? 0
        let cut = t.render(width: natural - 20)
        XCTAssertTrue(cut.contains("a long free-text") && !cut.contains("on and on"), cut)
        XCTAssertTrue(cut.contains("a-rather-long-model-name"), "the notes column is cut before the model column")
        XCTAssertTrue(cut.split(separator: "\n").allSatisfy { TextWidth.of(String($0)) <= natural - 20 }, cut)

        let narrow = t.render(width: 40)
        let lines = narrow.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.allSatisfy { TextWidth.of($0) <= 40 }, narrow)
        XCTAssertFalse(lines[1].contains("template"), "dropOrder goes first")
        XCTAssertTrue(lines[1].hasPrefix("│ benchmark │"), narrow)
        XCTAssertTrue(lines.last?.hasPrefix("(") == true && lines.last?.contains("template") == true, narrow)
    }

    func testWrapBreaksBetweenWordsAndKeepsLeadingSpaces() {
        XCTAssertEqual(TextWidth.wrap("  ab cd ef", width: 7, indent: "    "), ["  ab cd", "    ef"])
        XCTAssertEqual(TextWidth.wrap("generate, grade", width: 10), ["generate,", "grade"])
        XCTAssertEqual(TextWidth.wrap("abcdefghijkl", width: 5), ["abcd…"])
    }
}
