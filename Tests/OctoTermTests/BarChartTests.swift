import XCTest
@testable import OctoTerm

final class BarChartTests: XCTestCase {
    func testGolden() throws {
        let chart = try BarChart(labels: ["gsm", "math", "olympiad"], values: [0.512, 0.231, 0.071], title: "accuracy")
        XCTAssertEqual(chart.render(width: 40), """
        accuracy
        gsm      ████████████████████████  0.512
        math     ██████████▉               0.231
        olympiad ███▍                      0.071

        """)
    }

    func testNegativeValuesGrowLeftFromZero() throws {
        XCTAssertEqual(try BarChart(labels: ["a", "b"], values: [2, -1]).render(width: 30), """
        a         ████████████████   2
        b ████████                  -1

        """)
    }

    func testSVGHasLabelledBarsAndAnAxis() throws {
        let chart = try BarChart(labels: ["gsm", "math & logic"], values: [0.5, 0.25], title: "pass@1")
        let doc = SVGInspector(chart.svg())
        XCTAssertNil(doc.error)
        XCTAssertEqual(doc.texts("category-label"), ["gsm", "math & logic"])
        XCTAssertEqual(doc.texts("value-label"), ["0.5", "0.25"])
        XCTAssertEqual(doc.texts("title"), ["pass@1"])
        let widths = doc.all("rect", class: "bar").compactMap { $0.attributes["width"].flatMap(Double.init) }
        XCTAssertEqual(widths.count, 2)
        XCTAssertEqual(widths[0], 2 * widths[1], accuracy: 0.02)
        XCTAssertEqual(doc.all("line", class: "x-axis").count, 1)
        XCTAssertFalse(doc.texts("x-tick-label").isEmpty)
    }

    func testMismatchThrows() {
        XCTAssertThrowsError(try BarChart(labels: ["a"], values: [1, 2]))
    }
}
