import XCTest
@testable import OctoBindings
@testable import OctoSession

/// `:timeit` and `run --update` with a `# width:` header (#16).
final class TimeitAndUpdateTests: XCTestCase {
    override func tearDown() { Session.timeitBudget = 1.0 }

    func testTimeitChoosesCountsWithinTheBudget() {
        /// The plan for a cell whose loops cost `perLoop` s (the first, cold run `cold` s), and the loop counts timed.
        func plan(_ perLoop: Double, cold: Double? = nil) -> (TimeitPlan, [Int]) {
            var timed: [Int] = []
            let (p, _) = TimeitPlan.calibrate(budget: 1.0) { n in
                timed.append(n)
                return timed.count == 1 ? (cold ?? perLoop) * Double(n) : perLoop * Double(n)
            }
            return (p, timed)
        }
        XCTAssertEqual(plan(2.0).0, TimeitPlan(loops: 1, runs: 0), "slower than the budget: the first run is the measurement")
        XCTAssertEqual(plan(2.0).1, [1])
        XCTAssertEqual(plan(0.3).0, TimeitPlan(loops: 1, runs: 3))
        XCTAssertEqual(plan(0.19).0, TimeitPlan(loops: 1, runs: 5), "10 loops would take 1.9 s")
        XCTAssertEqual(plan(0.05).0, TimeitPlan(loops: 10, runs: 2))
        XCTAssertEqual(plan(0.003).0, TimeitPlan(loops: 100, runs: 3))
        XCTAssertEqual(plan(0.003).1, [1, 10, 100])
        XCTAssertEqual(plan(1e-7).0, TimeitPlan(loops: 1_000_000, runs: 5))
        XCTAssertEqual(plan(0).0, TimeitPlan(loops: 1_000_000, runs: 5))
        XCTAssertEqual(plan(25e-6, cold: 1e-4).0, TimeitPlan(loops: 10_000, runs: 4), "a slow cold first run does not decide alone")
        XCTAssertEqual(TimeitResult.format(0.00123), "1.23 ms")
        XCTAssertEqual(TimeitResult.format(4.5e-7), "450 ns")
        XCTAssertEqual(TimeitResult.format(2), "2 s")
        let r = TimeitResult(perLoop: [0.002, 0.001, 0.003], loops: 10)
        XCTAssertEqual(r.summary, "best 1 ms, mean 2 ms ± 1 ms per loop (3 runs × 10 loops)")
    }

    func testTimeitRunsTheCellTheStatedNumberOfTimesQuietly() {
        var out = "", err = ""
        let session = Session(write: { out += $0 }, writeError: { err += $0 })
        _ = session.submit("xs = []")
        XCTAssertEqual(session.submit(":timeit -n 3 -r 2 xs.append(1); print(\"noise\")"), .ok)
        XCTAssertEqual(out, "", "the cell's output is not shown")
        XCTAssertTrue(err.hasPrefix("timeit: best "), err)
        XCTAssertTrue(err.hasSuffix(" per loop (2 runs × 3 loops)\n"), err)
        out = ""
        _ = session.submit("len(xs)")
        XCTAssertEqual(out, "6\n")
        // Automatic counts: a budget of 0 s leaves the first run as the only one.
        Session.timeitBudget = 0
        err = ""
        _ = session.submit(":timeit xs.append(1)")
        out = ""
        _ = session.submit("len(xs)")
        XCTAssertEqual(out, "7\n")
        XCTAssertTrue(err.hasSuffix(" per loop (1 run × 1 loop)\n"), err)
        XCTAssertEqual(session.transcript.entries.map(\.source), ["xs = []", "len(xs)", "len(xs)"], ":timeit cells are not saved")
    }

    func testTimeitReportsErrorsAndUsage() {
        var err = ""
        let session = Session(write: { _ in }, writeError: { err += $0 })
        XCTAssertEqual(session.submit(":timeit 1 / 0"), .failed)
        XCTAssertTrue(err.hasPrefix("<timeit 1>:1:3: error: division by zero"), err)
        err = ""
        XCTAssertEqual(session.submit(":timeit -n 0 1"), .failed)
        XCTAssertTrue(err.hasPrefix("usage: :timeit"), err)
    }

    func testUpdateDrawsViewsAsWideAsTheWidthHeader() throws {
        let path = NSTemporaryDirectory() + "octo-update-width-\(getpid()).octo"
        let cell = "tensor([k * 1000.5 for k in range(20)])\n"
        try ("# width: 200\n" + cell).write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(runCLI(["run", "--update", path]).0, 0)
        let wide = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(wide.contains("#=> tensor([    0.0,  1000.5,"), wide)
        XCTAssertFalse(wide.contains("..."), "200 columns hold all 20 values: \(wide)")
        XCTAssertEqual(runCLI(["run", "--check", path]).0, 0, "what --update wrote, --check accepts")
        try ("# width: 60\n" + cell).write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(runCLI(["run", "--update", path]).0, 0)
        let narrow = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(narrow.contains("..., "), narrow)
        XCTAssertTrue(narrow.split(separator: "\n").allSatisfy { $0.count <= 60 + 4 }, narrow)
    }
}
