import XCTest
@testable import OctoScript
import OctoBase

/// The reduced fuzz run of `make test`: ≥ 5k generated and mutated cells, in-process, with a
/// step budget. A crash would kill the test process; hangs and unlocated errors are counted.
final class FuzzTests: XCTestCase {
    func testFiveThousandCellsNoHangsAndEveryErrorLocated() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sessions = root.appendingPathComponent("sessions")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: sessions.path)) ?? []
        let corpus = files.filter { $0.hasSuffix(".octo") }.compactMap { try? String(contentsOf: sessions.appendingPathComponent($0), encoding: .utf8) }
        XCTAssertFalse(corpus.isEmpty, "golden sessions are the mutation corpus")
        let report = ScriptThread.run { Fuzz.run(cells: 5_000, seed: 20_250_626, corpus: corpus) }
        print(report)
        XCTAssertEqual(report.cells, 5_000)
        XCTAssertEqual(report.hangs, [])
        XCTAssertEqual(report.unlocated, [])
        XCTAssertGreaterThan(report.succeeded, 200, "some generated cells must run to the end (deep paths)")
        XCTAssertGreaterThan(report.failed, 500, "mutations should hit many error paths")
    }

    func testMutationsAreDeterministic() {
        var a = RNG(seed: 3), b = RNG(seed: 3)
        XCTAssertEqual(Fuzz.mutate("x = [1, 2, 3]", &a), Fuzz.mutate("x = [1, 2, 3]", &b))
    }
}
