import XCTest
@testable import OctoTerm

final class HistogramTests: XCTestCase {
    let lengths: [Double] = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 7]

    func testCountsPutInnerEdgesRightAndKeepTheLastEdge() throws {
        let h = try Histogram(lengths + [.nan, 99], bins: 6, range: 1...7)
        let c = h.counts()
        XCTAssertEqual(c.edges, [1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(c.counts, [1, 2, 3, 4, 3, 3])
        XCTAssertEqual(c.dropped, 2)
    }

    func testGolden() throws {
        XCTAssertEqual(try Histogram(lengths, bins: 6, title: "lengths").render(width: 36, height: 10), """
                     lengths
        4 ┤               █████
          │          ▂▂▂▂▂█████▂▂▂▂▂▂▂▂▂▂
          │          ████████████████████
        2 ┤     ▄▄▄▄▄████████████████████
          │     █████████████████████████
          │▆▆▆▆▆█████████████████████████
        0 ┤██████████████████████████████
          └─────┬─────────┬─────────┬────
                2         4         6

        """)
    }

    func testSVGHasOneBarPerNonEmptyBinAndAxes() throws {
        let doc = SVGInspector(try Histogram(lengths, bins: 6, title: "lengths", xLabel: "tokens").svg())
        XCTAssertNil(doc.error)
        XCTAssertEqual(doc.all("rect", class: "bar").count, 6)
        XCTAssertEqual(doc.all("line", class: "x-axis").count, 1)
        XCTAssertEqual(doc.texts("y-label"), ["count"])
        XCTAssertEqual(doc.texts("x-label"), ["tokens"])
        XCTAssertEqual(doc.texts("y-tick-label").last, "4")
        // The tallest bar (4 values) reaches the top tick.
        let heights = doc.all("rect", class: "bar").compactMap { $0.attributes["height"].flatMap(Double.init) }
        XCTAssertEqual(heights.max().map { $0 / 4 * 3 } ?? 0, heights.filter { $0 < (heights.max() ?? 0) }.max() ?? 0, accuracy: 0.02)
    }

    func testZeroBinsThrow() {
        XCTAssertThrowsError(try Histogram([1], bins: 0)) {
            XCTAssertEqual($0 as? TermError, .invalidArgument(name: "bins", reason: "must be at least 1, got 0"))
        }
    }
}

final class HistogramEdgeCaseTests: XCTestCase {
    func testInfiniteRangeThrowsAndHugeDataDoesNotCrash() throws {
        XCTAssertThrowsError(try Histogram([1], range: -Double.infinity...0))
        let c = try Histogram([-1e308, 1e308], bins: 2).counts()
        XCTAssertEqual(c.counts.reduce(0, +), 2)
        XCTAssertFalse(try Histogram([-1e308, 1e308], bins: 4).render(width: 40, height: 8).isEmpty)
        XCTAssertFalse(try Histogram([], bins: 3).render(width: 40, height: 8).isEmpty)
    }
}
