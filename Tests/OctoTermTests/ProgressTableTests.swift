import XCTest
import Foundation
@testable import OctoTerm
import OctoBase

final class ProgressTableTests: XCTestCase {
    let stats: [(String, Double)] = [("reward", 0.25), ("acc", 0.5), ("len", 61.25), ("len_max", 128), ("trunc", 0.0625),
                                     ("entropy", 1.234), ("kl", 0.0012), ("clip", 0.031), ("loss", -0.01), ("gnorm", 0.9)]

    func run(width: Int) -> [String] {
        let out = StringOutput(), clock = ManualClock()
        let table = ProgressTable(output: out, width: width, clock: clock.read)
        table.begin(ProgressEvent(done: 0, total: 2, unit: "step", label: "grpo rl"))
        clock.now = 4
        table.update(ProgressEvent(done: 1, total: 2, unit: "step", label: "grpo rl", stats: stats))
        clock.now = 10
        table.update(ProgressEvent(done: 2, total: 2, unit: "step", label: "grpo rl", stats: stats.map { ($0.0, $0.1 * 3) }))
        table.end(ProgressEvent(done: 2, total: 2, unit: "step", label: "grpo rl"), interrupted: false)
        return out.text.split(separator: "\n").map(String.init)
    }

    func testOneRowPerStepWithStepTimeAndMeansInTheSummary() {
        let lines = run(width: 200)
        XCTAssertEqual(lines[0], " step   reward      acc      len  len_max    trunc  entropy       kl     clip     loss    gnorm   s/step")
        XCTAssertEqual(lines[1], "  1/2     0.25      0.5    61.25      128   0.0625    1.234   1.2e-3    0.031    -0.01      0.9        4")
        XCTAssertEqual(lines[2], "  2/2     0.75      1.5    183.8      384   0.1875    3.702   3.6e-3    0.093    -0.03      2.7        6")
        XCTAssertEqual(lines[3], "grpo rl: 2/2 step in 00:10 (5 s/step); mean reward 0.5 acc 1 len 122 len_max 256 trunc 0.125 entropy 2.47 kl 2.4e-3 clip 0.062 loss -0.02 gnorm 1.8")
        XCTAssertEqual(lines.count, 4)
    }

    func testNarrowTerminalDropsColumnsFromTheRightAndNeverWraps() {
        let lines = run(width: 80)
        XCTAssertEqual(lines[0], " step   reward      acc      len  len_max    trunc  entropy       kl   s/step")
        XCTAssertTrue(lines.allSatisfy { TextWidth.of($0) < 80 }, lines.joined(separator: "\n"))
        XCTAssertEqual(lines.count, 5, "the summary breaks between name-value pairs")
        XCTAssertTrue(lines[4].hasPrefix("  "), lines[4])
    }
}
