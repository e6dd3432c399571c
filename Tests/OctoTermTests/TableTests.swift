import XCTest
@testable import OctoTerm

final class TableTests: XCTestCase {
    func accuracy() throws -> Table {
        var t = Table(headers: ["model", "gsm", "math", "n"], title: "accuracy")
        try t.append(["base", 0.127, 0.05, 500])
        try t.append(["long CoT", 0.4312, 0.2, 1319])
        try t.append(["rl", 0.001, 12.5, 7])
        return t
    }

    func testBoxRenderingAlignsNumbersOnTheDecimalPoint() throws {
        XCTAssertEqual(try accuracy().render(), """
        accuracy
        ┌──────────┬────────┬───────┬──────┐
        │ model    │    gsm │  math │    n │
        ├──────────┼────────┼───────┼──────┤
        │ base     │ 0.127  │  0.05 │  500 │
        │ long CoT │ 0.4312 │  0.2  │ 1319 │
        │ rl       │ 1e-3   │ 12.5  │    7 │
        └──────────┴────────┴───────┴──────┘

        """)
    }

    func testAsciiRendering() throws {
        var t = Table(columns: [.init("k"), .init("v", format: .fixed(2)), .init("share", format: .percent(1))])
        try t.append(["a", 1.0, 0.1234])
        try t.append(["bb", -2.5, 1.0])
        XCTAssertEqual(t.render(style: .ascii), """
        +----+-------+--------+
        | k  |     v |  share |
        +----+-------+--------+
        | a  |  1.00 |  12.3% |
        | bb | -2.50 | 100.0% |
        +----+-------+--------+

        """)
    }

    func testColourAddsBoldHeaderOnlyWhenOn() throws {
        let t = try accuracy()
        XCTAssertFalse(t.render().contains("\u{1B}"))
        let coloured = t.render(color: .ansi256).components(separatedBy: "\n")
        XCTAssertTrue(coloured[2].contains("\u{1B}[1mmodel   \u{1B}[0m"))
        XCTAssertTrue(coloured[1].hasPrefix("\u{1B}[2m┌"))
        let plain = t.render().components(separatedBy: "\n")
        XCTAssertEqual(coloured.map(TextWidth.of), plain.map(TextWidth.of))
    }

    func testMarkdownEscapesPipesAndNewlines() throws {
        var q = Table(headers: ["name", "note"])
        try q.append(["a|b", "say \"hi\", then\nleave"])
        try q.append([.text("x"), .empty])
        XCTAssertEqual(q.markdown(), #"""
        | name | note                    |
        | :--- | :---------------------- |
        | a\|b | say "hi", then<br>leave |
        | x    |                         |

        """#)
        XCTAssertTrue(try accuracy().markdown().contains("| :------- | -----: | ----: | ---: |"))
    }

    func testCSVQuotesCommasQuotesAndNewlinesAndKeepsFullPrecision() throws {
        var q = Table(headers: ["name", "note", "x"])
        try q.append(["a|b", "say \"hi\", then\nleave", .number(0.1 + 0.2)])
        try q.append([.text(" padded"), .empty, 3])
        XCTAssertEqual(q.csv(), """
        name,note,x
        a|b,"say ""hi"", then
        leave",0.30000000000000004
        " padded",,3

        """)
    }

    func testRowOfWrongLengthThrowsNamingTheRow() throws {
        var t = try accuracy()
        XCTAssertThrowsError(try t.append(["only", 1])) { error in
            XCTAssertEqual(error as? TermError, .rowLength(row: 3, expected: 4, got: 2))
            XCTAssertEqual("\(error)", "table row 3 has 2 cells, expected 4 (one per column)")
        }
    }

    func testWideCharactersCountTwoColumns() throws {
        var t = Table(headers: ["w"])
        try t.append(["数学"])
        try t.append(["ab"])
        XCTAssertEqual(t.render(), """
        ┌──────┐
        │ w    │
        ├──────┤
        │ 数学 │
        │ ab   │
        └──────┘

        """)
    }
}
