import XCTest
@testable import OctoBindings
@testable import OctoSession
import OctoTerm

/// `:save` then `run --check` passes: outputs stored without escapes, an interrupted run saved
/// as the call that reaches the same state, interactive `step` saved with its keys.
final class ReplayableSessionTests: XCTestCase {
    let model = packageRoot.appendingPathComponent("Tests/Fixtures/hf/tiny-llama").path

    override func setUp() {
        InterruptibleProgress.barsEnabled = false
        InterruptibleProgress.observer = nil
    }

    override func tearDown() {
        InterruptibleProgress.observer = nil
        InspectBindings.terminal = { .plain }
    }

    /// Saves `session` and replays the file with `run --check`; returns the file's text.
    func saveAndCheck(_ session: Session, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let path = NSTemporaryDirectory() + "octo-replayable-\(getpid())-\(line).octo"
        XCTAssertEqual(session.submit(":save \(path)"), .ok, file: file, line: line)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (status, _, err) = runCLI(["run", "--check", path])
        XCTAssertEqual(status, 0, "\(text)\n\(err)", file: file, line: line)
        return text
    }

    func testPlainTextDropsEscapeSequences() {
        XCTAssertEqual(plainText("\u{1B}[2m┌─┐\u{1B}[0m x \u{1B}[38;5;196mred\u{1B}[0m"), "┌─┐ x red")
        XCTAssertEqual(plainText("a\u{1B}]8;;http://x\u{07}link\u{1B}]8;;\u{07}b"), "alinkb")
        XCTAssertEqual(plainText("no escapes"), "no escapes")
    }

    func testColouredViewsAreSavedAsPlainTextAndWidthIsRecorded() throws {
        InspectBindings.terminal = { TerminalCapabilities(isTTY: true, color: .ansi256, width: 120) }
        var out = ""
        let session = Session(write: { out += $0 }, writeError: { _ in })
        XCTAssertEqual(session.submit("table([{\"name\": \"a\", \"score\": 1.5}, {\"name\": \"b\", \"score\": -2}])"), .ok)
        XCTAssertEqual(session.submit("plot([1, 4, 2, 8])"), .ok)
        XCTAssertTrue(out.contains("\u{1B}["), "the live view is coloured")
        let text = try saveAndCheck(session)
        XCTAssertFalse(text.contains("\u{1B}"), text)
        XCTAssertTrue(text.contains("# width: 120\n"), text)
    }

    func testPauseAfterLeavesTheRestForABareRun() throws {
        var out = ""
        let session = Session(write: { out += $0 }, writeError: { _ in })
        for cell in ["seed(1)", "m = load(\"\(model)\")", "p = phase(m, \"lab:web\", tokens=20000, batch_tokens=512, seq_len=32)",
                     "p.run(steps=5, pause_after=2)", "print(p.step)", "p.run()", "print(p.step)", "p.run()", "print(p.step)"] {
            XCTAssertEqual(session.submit(cell), .ok, cell)
        }
        XCTAssertEqual(out, "2\n5\n39\n", "run() finishes the 3 steps owed, then the next run() goes to the end")
    }

    func testInterruptedPhaseRunIsSavedAsTheCallThatReachesTheSameState() throws {
        var out = "", err = ""
        let session = Session(write: { out += $0 }, writeError: { err += $0 })
        for cell in ["seed(1)", "m = load(\"\(model)\")", "p = phase(m, \"lab:web\", tokens=20000, batch_tokens=512, seq_len=32)"] {
            XCTAssertEqual(session.submit(cell), .ok, cell)
        }
        // Ctrl-C arrives while step 3 runs: the phase stops at the boundary after it.
        InterruptibleProgress.observer = { if $0.done == 3 { Interrupt.request() } }
        XCTAssertEqual(session.submit("p.run(steps=10)"), .failed)
        InterruptibleProgress.observer = nil
        XCTAssertTrue(err.contains("paused at step 3/39; run() does the 7 steps left"), err)
        XCTAssertEqual(session.submit("p.run()"), .ok)
        XCTAssertEqual(session.submit("p"), .ok)
        XCTAssertTrue(out.contains("<Phase phase step 10/39"), out)
        let text = try saveAndCheck(session)
        XCTAssertTrue(text.contains("p.run(steps=10, pause_after=3)  # interrupted by Ctrl-C after 3 steps\np.run()\np\n#=> <Phase phase step 10/39"), text)
    }

    func testInterruptedRLRunGoesOnWithTheStepsLeftAndReplays() throws {
        var out = "", err = ""
        let session = Session(write: { out += $0 }, writeError: { err += $0 })
        for cell in ["seed(1)", "m = load(\"\(model)\")",
                     "rl = grpo(m, lab_problems(8, levels=[1]), batch=2, group=2, minibatch=2, micro_batch=4, max_tokens=6, lr=1e-4)"] {
            XCTAssertEqual(session.submit(cell), .ok, cell)
        }
        InterruptibleProgress.observer = { if $0.done == 1 { Interrupt.request() } }
        XCTAssertEqual(session.submit("rl.run(steps=3)"), .failed)
        InterruptibleProgress.observer = nil
        XCTAssertTrue(err.contains("RL paused after step 1; run() does the 2 steps left"), err)
        XCTAssertEqual(session.submit("rl.run()"), .ok)
        XCTAssertEqual(session.submit("print(rl.step)"), .ok)
        XCTAssertEqual(session.submit("rl.run()"), .ok, "with nothing owed, run() does one step")
        XCTAssertEqual(session.submit("print(rl.step, len(rl.history))"), .ok)
        XCTAssertEqual(out, "3\n4 4\n")
        let text = try saveAndCheck(session)
        XCTAssertTrue(text.contains("rl.run(steps=3, pause_after=1)  # interrupted by Ctrl-C after 1 step\nrl.run()\n"), text)
    }

    func testAnInterruptedCellThatIsNotOneRunCallIsSavedAsAComment() throws {
        var err = ""
        let session = Session(write: { _ in }, writeError: { err += $0 })
        for cell in ["seed(1)", "m = load(\"\(model)\")", "p = phase(m, \"lab:web\", tokens=20000, batch_tokens=512, seq_len=32)"] {
            XCTAssertEqual(session.submit(cell), .ok, cell)
        }
        InterruptibleProgress.observer = { if $0.done == 3 { Interrupt.request() } }
        XCTAssertEqual(session.submit("for i in range(3) { p.run(steps=2) }"), .failed)
        InterruptibleProgress.observer = nil
        let path = NSTemporaryDirectory() + "octo-commented-\(getpid()).octo"
        XCTAssertEqual(session.submit(":save \(path)"), .ok)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("# interrupted by Ctrl-C, left out (its effects cannot be replayed exactly):\n# for i in range(3) { p.run(steps=2) }\n"), text)
        XCTAssertTrue(err.contains("warning: 1 interrupted cell is saved as comments"), err)
        XCTAssertEqual(runCLI(["run", "--check", path]).0, 0)
    }

    func testInteractiveStepIsSavedWithTheKeysPressed() throws {
        var keys = ["n", "", "j 3", "p", "q"]
        let savedReadLine = InspectBindings.readLine
        InspectBindings.readLine = { _ in keys.isEmpty ? nil : keys.removeFirst() }
        defer { InspectBindings.readLine = savedReadLine }
        let session = Session(write: { _ in }, writeError: { _ in })
        for cell in ["seed(4)", "m = load(\"\(model)\")", "s = generate(m, \"Q: 1 + 1?\\nA:\", max_tokens=8)", ":step s[0]"] {
            XCTAssertEqual(session.submit(cell), .ok, cell)
        }
        XCTAssertTrue(keys.isEmpty)
        let text = try saveAndCheck(session)
        XCTAssertTrue(text.contains("step(s[0], commands=\"n n j 3 p q\")\n#=> ── token 0 of 8"), text)
        // :load of the file never asks for keys either.
        keys = ["x"]
        let path = NSTemporaryDirectory() + "octo-step-load-\(getpid()).octo"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(Session(write: { _ in }, writeError: { _ in }).submit(":load \(path)"), .ok)
        XCTAssertEqual(keys, ["x"])
    }

    func testCallRewriteOnlyTouchesOneLineCalls() {
        XCTAssertEqual(PausedRuns.rewrite("stable.run(fraction=0.5)", steps: 49),
                       "stable.run(fraction=0.5, pause_after=49)  # interrupted by Ctrl-C after 49 steps")
        XCTAssertEqual(PausedRuns.rewrite("rl.run(pause_after=2)", steps: 1), "rl.run(pause_after=1)  # interrupted by Ctrl-C after 1 step")
        XCTAssertNil(PausedRuns.rewrite("for i in range(2) { p.run(steps=3) }", steps: 1))
        XCTAssertNil(PausedRuns.rewrite("p.run(steps=3); p.run()", steps: 1))
        XCTAssertNil(PausedRuns.rewrite("p.rerun()", steps: 1))
        XCTAssertEqual(CallRewrite.setArgument("commands", to: "\"n q\"", inCallOf: "step", in: "step(r, at=2)"), "step(r, at=2, commands=\"n q\")")
        XCTAssertNil(CallRewrite.setArgument("commands", to: "\"n\"", inCallOf: "step", in: "mystep(r)"))
    }
}
