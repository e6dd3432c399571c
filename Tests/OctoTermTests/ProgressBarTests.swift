import XCTest
import Foundation
@testable import OctoTerm
import OctoBase

/// A clock the test moves by hand.
final class ManualClock {
    var now = 0.0
    func read() -> Double { now }
}

final class ProgressBarTests: XCTestCase {
    let stats: [(String, Double)] = [("loss", 2.3104), ("lr", 0.001)]

    func testNonTerminalWritesOnlyOneSummaryLine() {
        let out = StringOutput(), clock = ManualClock()
        let bar = ProgressBar(output: out, capabilities: .plain, clock: clock.read)
        bar.begin(ProgressEvent(done: 0, total: 100, unit: "step", label: "stable phase"))
        for done in stride(from: 10, through: 100, by: 10) {
            clock.now += 0.8
            bar.update(ProgressEvent(done: done, total: 100, unit: "step", label: "stable phase", stats: stats))
        }
        XCTAssertEqual(out.text, "")
        bar.end(ProgressEvent(done: 100, total: 100, unit: "step", label: "stable phase", stats: stats), interrupted: false)
        XCTAssertEqual(out.text, "stable phase: 100/100 step in 00:08 (12.5 step/s) loss 2.31 lr 1e-3\n")
    }

    func testInterruptedSummaryWithUnknownTotalAndEngineRate() {
        let out = StringOutput(), clock = ManualClock()
        let bar = ProgressBar(output: out, capabilities: .plain, clock: clock.read)
        bar.begin(ProgressEvent(done: 0, total: nil, unit: "sample", label: "rollouts"))
        clock.now = 3.5
        bar.end(ProgressEvent(done: 30, total: nil, unit: "sample", label: "rollouts", rate: 9.5), interrupted: true)
        XCTAssertEqual(out.text, "rollouts: interrupted at 30 sample after 00:03 (9.5 sample/s)\n")
    }

    func testTerminalRedrawsInPlaceThrottledThenSummarises() {
        let out = StringOutput(), clock = ManualClock()
        let tty = TerminalCapabilities(isTTY: true, color: .off, width: 100)
        let bar = ProgressBar(output: out, capabilities: tty, clock: clock.read, minInterval: 0.1)
        bar.begin(ProgressEvent(done: 0, total: 100, unit: "step", label: "stable phase"))
        XCTAssertEqual(out.text.filter { $0 == "\r" }.count, 1)
        clock.now = 0.05
        bar.update(ProgressEvent(done: 1, total: 100, unit: "step", label: "stable phase"))
        XCTAssertEqual(out.text.filter { $0 == "\r" }.count, 1, "an update within minInterval is not drawn")
        clock.now = 4
        bar.update(ProgressEvent(done: 50, total: 100, unit: "step", label: "stable phase", stats: stats))
        let draws = out.text.components(separatedBy: "\r")
        XCTAssertEqual(draws.count, 3)
        XCTAssertEqual(draws.last,
                       "stable phase  50%|██████████▌          | 50/100 step [00:04<00:04, 12.5 step/s] loss 2.31 lr 1e-3\u{1B}[K")
        XCTAssertLessThanOrEqual(TextWidth.of(draws.last ?? ""), 97, "two columns stay free for the ^C the terminal echoes")
        clock.now = 8
        bar.end(ProgressEvent(done: 100, total: 100, unit: "step", label: "stable phase", stats: stats), interrupted: false)
        XCTAssertTrue(out.text.hasSuffix("\r\u{1B}[Kstable phase: 100/100 step in 00:08 (12.5 step/s) loss 2.31 lr 1e-3\n"))
    }

    func testBarLineFitsTheTerminalWidth() {
        let tty = TerminalCapabilities(isTTY: true, color: .off, width: 40)
        let bar = ProgressBar(output: StringOutput(), capabilities: tty, clock: { 0 })
        let line = bar.barLine(ProgressEvent(done: 3, total: 7, unit: "token", label: "decode", stats: stats), elapsed: 1, width: 39)
        XCTAssertEqual(TextWidth.of(line), 39)
        XCTAssertTrue(line.hasSuffix("…"))
    }

    func testEighthBlocksFillTheBar() {
        XCTAssertEqual(ProgressBar.bar(0, width: 4), "    ")
        XCTAssertEqual(ProgressBar.bar(0.5, width: 4), "██  ")
        XCTAssertEqual(ProgressBar.bar(0.3, width: 4), "█▏  ")
        XCTAssertEqual(ProgressBar.bar(1, width: 4), "████")
    }

    func testRequestStopIsSeenUntilResetOrNextBegin() {
        let bar = ProgressBar(output: StringOutput(), capabilities: .plain, clock: { 0 })
        XCTAssertTrue(bar.shouldContinue)
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            if i == 3 { bar.requestStop() } else { _ = bar.shouldContinue }
        }
        XCTAssertFalse(bar.shouldContinue)
        bar.reset()
        XCTAssertTrue(bar.shouldContinue)
        bar.requestStop()
        bar.begin(ProgressEvent(done: 0, total: 1, unit: "step"))
        XCTAssertTrue(bar.shouldContinue)
    }
}
