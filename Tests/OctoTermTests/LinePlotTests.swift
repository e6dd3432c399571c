import XCTest
import Foundation
@testable import OctoTerm

final class LinePlotTests: XCTestCase {
    let reward = LinePlot(title: "reward", xLabel: "step", series: [
        .init(name: "", y: [0.1, 0.3, 0.2, 0.5, 0.45, 0.8]),
    ])

    func testSmallPlotGolden() {
        XCTAssertEqual(reward.render(width: 40, height: 10), """
                        reward
        1.0 ┤
            │                          ⢀⠤⠂
            │                        ⡠⠒⠁
        0.5 ┤             ⢀⡠⠔⠊⠉⠉⠉⠒⠒⠒⠉
            │  ⣀⠤⠒⠉⠉⠒⠒⠒⠤⠔⠊⠁
        0.0 ┤⠒⠉
            └┬──────────┬──────────┬──────────┬
             0          2          4          6
                            step

        """)
    }

    func testTwoSeriesAreDashedApartWithALegendWhenColourIsOff() throws {
        let plot = LinePlot(series: [.init(name: "a", y: [0, 1, 2, 3]), .init(name: "b", y: [3, 2, 1, 0])])
        XCTAssertEqual(plot.render(width: 30, height: 8), """
        4 ┤
          │⠒⠄⢀⡀            ⣀⡠⠔⠂
        2 ┤   ⠈ ⠒⠄⢄⡀  ⣀⡠⠤⠒⠉
          │     ⣀⠤⠔⠒⠉⠉ ⠢⠄⣀
        0 ┤⣀⠤⠒⠊⠉          ⠁⠐⠢ ⡀
          └┬────────────┬───────────┬
           0            2           4
           ── a   ╌╌ b

        """)
    }

    func testEveryLineHasTheRequestedSizeAtMost() {
        let text = reward.render(width: 50, height: 14)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 14)
        XCTAssertLessThanOrEqual(lines.map { TextWidth.of(String($0)) }.max() ?? 0, 50)
    }

    func testColourPaintsSeriesWithThePalette() throws {
        let plot = LinePlot(series: [.init(name: "a", y: [0, 1]), .init(name: "b", y: [1, 0])])
        let text = plot.render(width: 30, height: 8, color: .truecolor)
        XCTAssertTrue(text.contains("\u{1B}[38;2;31;119;180m"))   // #1f77b4
        XCTAssertTrue(text.contains("\u{1B}[38;2;255;127;14m"))   // #ff7f0e
        XCTAssertTrue(text.contains("\u{1B}[38;2;31;119;180m━━\u{1B}[0m a"))
    }

    func testNonFiniteValuesBreakTheLineAndMismatchThrows() throws {
        let s = try LinePlot.Series(name: "x", x: [0, 1, 2, 3], y: [0, .nan, 2, 3])
        let svg = LinePlot(series: [s]).svg()
        let doc = SVGInspector(svg)
        XCTAssertEqual(doc.all("circle", class: "point").count, 1)
        XCTAssertEqual(doc.all("polyline", class: "series-line").count, 1)
        XCTAssertThrowsError(try LinePlot.Series(name: "x", x: [1], y: [1, 2])) {
            XCTAssertEqual($0 as? TermError, .lengthMismatch(what: "series 'x' x and y", first: 1, second: 2))
        }
    }

    func testSVGIsValidXMLWithAxesTicksSeriesAndLegend() throws {
        var plot = LinePlot(title: "loss & reward <RL>", xLabel: "step", yLabel: "value")
        plot.add(.init(name: "loss", y: [2.5, 1.9, 1.4, 1.2, 1.1]))
        plot.add(.init(name: "reward \"mean\"", y: [0.1, 0.2, 0.4, 0.5, 0.6]))
        let svg = plot.svg(width: 640, height: 400)
        XCTAssertTrue(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let doc = SVGInspector(svg)
        XCTAssertNil(doc.error)
        let root = try XCTUnwrap(doc.all("svg").first)
        XCTAssertEqual(root.attributes["viewBox"], "0 0 640 400")
        XCTAssertEqual(doc.all("title").first?.text, "loss & reward <RL>")
        XCTAssertEqual(doc.texts("title"), ["loss & reward <RL>"])
        XCTAssertEqual(doc.all("line", class: "x-axis").count, 1)
        XCTAssertEqual(doc.all("line", class: "y-axis").count, 1)
        XCTAssertEqual(doc.texts("x-tick-label"), ["0", "1", "2", "3", "4"])
        XCTAssertEqual(doc.texts("y-tick-label"), ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        XCTAssertEqual(doc.texts("x-label"), ["step"])
        XCTAssertEqual(doc.texts("y-label"), ["value"])
        let lines = doc.all("polyline", class: "series-line")
        XCTAssertEqual(lines.map { $0.attributes["data-series"] }, ["loss", "reward \"mean\""])
        XCTAssertEqual(Set(lines.compactMap { $0.attributes["stroke"] }).count, 2, "series have distinct colours")
        XCTAssertEqual(lines.first?.attributes["points"]?.split(separator: " ").count, 5)
        XCTAssertEqual(doc.texts("legend-label"), ["loss", "reward \"mean\""])
        // The first point of "loss" (x 0, y 2.5) sits on the y axis at the top tick.
        let axisX = try XCTUnwrap(doc.all("line", class: "y-axis").first?.attributes["x1"])
        let topTickY = try XCTUnwrap(doc.all("line", class: "y-tick").last?.attributes["y1"])
        XCTAssertEqual(lines.first?.attributes["points"]?.split(separator: " ").first.map(String.init), "\(axisX),\(topTickY)")
    }

    func testSaveWritesTheSVGAtomically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("octoterm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("reward.svg").path
        try reward.save(path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), reward.svg())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["reward.svg"])
        XCTAssertThrowsError(try reward.save(dir.appendingPathComponent("missing/x.svg").path)) { error in
            guard case .writeFailed(let p, _)? = error as? TermError else { return XCTFail("\(error)") }
            XCTAssertTrue(p.hasSuffix("missing/x.svg"))
        }
    }
}

final class LinePlotEdgeCaseTests: XCTestCase {
    func testEmptyConstantAndHugeSeriesRender() {
        XCTAssertEqual(LinePlot().render(width: 20, height: 6).split(separator: "\n", omittingEmptySubsequences: false).count, 7)
        let constant = LinePlot(series: [.init(name: "", y: [2, 2, 2])]).render(width: 30, height: 8)
        XCTAssertTrue(constant.contains("2 ┤⠉⠉⠉"), constant)
        XCTAssertFalse(LinePlot(series: [.init(name: "h", y: [-1e308, 1e308])]).render(width: 30, height: 8).isEmpty)
    }

    func testLargeAxisValuesUseOneSuffix() throws {
        let s = try LinePlot.Series(name: "", x: [0, 4_000_000], y: [0, 1])
        XCTAssertTrue(LinePlot(series: [s]).render(width: 50, height: 8).contains("4M"))
    }
}
