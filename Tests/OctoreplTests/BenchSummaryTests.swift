import Foundation
import XCTest

/// `bench summarize LOG`: the goals table of issue #14 computed from a saved run's lines
/// (Docs/Benchmarks.md's tables come from it).
final class BenchSummaryTests: XCTestCase {
    /// The bench binary built beside octorepl (`swift build --build-tests` builds every product).
    private func benchBinary() throws -> String {
        let octorepl = try XCTUnwrap(octoreplBinary(), "octorepl is not built")
        let path = URL(fileURLWithPath: octorepl).deletingLastPathComponent().appendingPathComponent("bench").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw XCTSkip("bench is not built beside \(octorepl)") }
        return path
    }

    func testTheGoalsTableOfARunExcerpt() throws {
        let log = packageRoot.appendingPathComponent("Tests/Fixtures/bench/run-excerpt.txt").path
        let (status, out, err) = try runBinary(try benchBinary(), ["summarize", log])
        XCTAssertEqual(status, 0, err)
        let rows = out.split(separator: "\n").map(String.init)
        func row(_ figure: String, _ anchorPrefix: String = "") -> String? {
            rows.first { $0.contains("| \(figure) |") && $0.contains("| \(anchorPrefix)") }
        }
        XCTAssertTrue(try XCTUnwrap(row("matmul 4096x688x688")).hasSuffix("| 0.895 | missed by 0.005 |"))
        XCTAssertTrue(try XCTUnwrap(row("matmul 4096x256x256")).hasSuffix("| 0.998 | **met** |"))
        XCTAssertTrue(try XCTUnwrap(row("BENCH-M fwd+bwd+adamw")).contains("| 838 tokens/s | PyTorch SDPA 637 tokens/s | 1.316 | **met** |"))
        // Peak RSS is held to at most 1.3.
        XCTAssertTrue(try XCTUnwrap(rows.first { $0.contains("BENCH-S peak RSS") }).hasSuffix("| 1.023 | **met** |"))
        // The same figure against a recorded anchor is listed but does not count.
        XCTAssertTrue(rows.contains { $0.contains("| 4218 tokens/s |") && $0.hasSuffix("| recorded anchor: does not count |") })
        XCTAssertTrue(out.contains("10 of 12 figures meet their goal against an anchor measured in the same run (1 against recorded anchors, which do not count)."), out)
        // Lines that are not figures (the RL step's split, the start-up figure with no goal) are not in the table.
        XCTAssertFalse(out.contains("rl step"))
        XCTAssertFalse(out.contains("start-up"))
    }

    func testALogWithoutFiguresOrNoFileIsAnError() throws {
        let bench = try benchBinary()
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("bench-empty-\(getpid()).txt")
        try "swift build -c release\nBuild complete!\n".write(to: empty, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: empty) }
        let (status, out, _) = try runBinary(bench, ["summarize", empty.path])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(out.contains("holds no bench figures"), out)
        let (missing, text, _) = try runBinary(bench, ["summarize", "/nonexistent/bench.txt"])
        XCTAssertEqual(missing, 2)
        XCTAssertTrue(text.contains("cannot read /nonexistent/bench.txt"), text)
    }
}
