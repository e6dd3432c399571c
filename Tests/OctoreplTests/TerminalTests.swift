import Foundation
import Glibc
import XCTest

/// Drives the real binary through a pseudo-terminal (forkpty): completion, multi-line
/// cells, Ctrl-C during a cell and at the prompt, Ctrl-D, and history across restarts.
final class TerminalTests: XCTestCase {
    /// A child process on a pty with helpers to type and wait for output.
    final class PTY {
        let master: Int32
        let pid: pid_t
        var output = ""

        init?(binary: String, env: [String: String]) {
            // Prepare every C string before fork: the child only calls execve.
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup(binary), nil]
            var environment = ProcessInfo.processInfo.environment
            for (k, v) in env { environment[k] = v }
            let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            var fd: Int32 = -1
            var size = winsize(ws_row: 40, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0)
            let child = forkpty(&fd, nil, nil, &size)
            if child == 0 {
                execve(binary, argv, envp)
                _exit(127)
            }
            guard child > 0 else { return nil }
            master = fd; pid = child
        }

        func type(_ text: String) { _ = text.withCString { write(master, $0, strlen($0)) } }

        /// Reads until `text` appears in output that arrived after this call began (a prompt
        /// already on screen does not count, so a wait for the next prompt really waits).
        @discardableResult
        func waitFor(_ text: String, timeout: Double = 10) -> Bool {
            waitForSequence([text], from: output.count, timeout: timeout)
        }

        /// Reads until `parts` appear in this order in output that arrived after `from`.
        @discardableResult
        func waitForSequence(_ parts: [String], from: Int, timeout: Double = 10) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            func seen() -> Bool {
                var rest = Substring(output.dropFirst(from))
                for p in parts {
                    guard let r = rest.range(of: p) else { return false }
                    rest = rest[r.upperBound...]
                }
                return true
            }
            while Date() < deadline {
                if seen() { return true }
                var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                if poll(&fds, 1, 100) > 0 {
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    let n = read(master, &buffer, buffer.count)
                    if n <= 0 { break }
                    output += String(decoding: buffer[0..<n], as: UTF8.self)
                }
            }
            return seen()
        }

        func exitStatus(timeout: Double = 10) -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            var status: Int32 = 0
            while Date() < deadline {
                if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xff }
                var buffer = [UInt8](repeating: 0, count: 4096)
                var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                if poll(&fds, 1, 50) > 0 { _ = read(master, &buffer, buffer.count) }
            }
            kill(pid, SIGKILL)
            return nil
        }
    }

    func testCompletionMultiLineInterruptAndHistory() throws {
        guard let binary = octoreplBinary() else { return XCTFail("octorepl binary not built") }
        let history = NSTemporaryDirectory() + "octo-history-\(getpid())"
        try? FileManager.default.removeItem(atPath: history)
        let env = ["OCTOREPL_HISTORY": history, "TERM": "xterm", "NO_COLOR": "1", "INPUTRC": "/dev/null"]
        guard let repl = PTY(binary: binary, env: env) else { return XCTFail("forkpty failed") }
        XCTAssertTrue(repl.waitFor(">>> "), repl.output)

        // Completion of an attribute after `.`, then of a keyword argument inside a call.
        repl.type("xs = [2, 1]\r"); XCTAssertTrue(repl.waitFor(">>> "))
        repl.type("xs.app\t"); XCTAssertTrue(repl.waitFor("xs.append"), repl.output)
        repl.type("(3)\r"); XCTAssertTrue(repl.waitFor(">>> "))
        repl.type("enumerate(xs, sta\t"); XCTAssertTrue(repl.waitFor("start="), repl.output)
        repl.type("1)\r"); XCTAssertTrue(repl.waitFor("[[1, 2], [2, 1], [3, 3]]"), repl.output)
        // After an index: the element's members (`ro[0].`⇥).
        repl.type("ws = [\"ab\"]\r"); XCTAssertTrue(repl.waitFor(">>> "))
        repl.type("ws[0].upp\t"); XCTAssertTrue(repl.waitFor("ws[0].upper"), repl.output)
        repl.type("()\r"); XCTAssertTrue(repl.waitFor("\"AB\""), repl.output)
        repl.type("pri\t"); XCTAssertTrue(repl.waitFor("print"), repl.output)
        repl.type("(\"done\")\r"); XCTAssertTrue(repl.waitFor("done"), repl.output)

        // A multi-line cell: continuation prompt while the brace is open.
        repl.type("fn sq(a) {\r"); XCTAssertTrue(repl.waitFor("... "), repl.output)
        repl.type("a * a\r"); XCTAssertTrue(repl.waitFor("... "))
        repl.type("}\r"); XCTAssertTrue(repl.waitFor(">>> "))
        repl.type("sq(7)\r"); XCTAssertTrue(repl.waitFor("49"), repl.output)

        // Ctrl-C during a cell interrupts it and keeps the variables.
        repl.type("n = 0\r"); XCTAssertTrue(repl.waitFor(">>> "))
        repl.type("while true { n += 1 }\r")
        usleep(400_000)
        repl.type("\u{03}"); XCTAssertTrue(repl.waitFor("interrupted"), repl.output)
        // Wait for the prompt after the result: a Ctrl-C typed before readline is back
        // (between cells) is not a Ctrl-C at the prompt.
        var before = repl.output.count
        repl.type("n > 0\r"); XCTAssertTrue(repl.waitForSequence(["true", ">>> "], from: before), repl.output)

        // Ctrl-C at the prompt clears the line.
        before = repl.output.count
        repl.type("garbage"); XCTAssertTrue(repl.waitForSequence(["garbage"], from: before))
        repl.type("\u{03}"); XCTAssertTrue(repl.waitFor("^C"), repl.output)
        repl.type("1 + 1\r"); XCTAssertTrue(repl.waitFor("2\r\n"), repl.output)
        let mark = repl.output.count
        repl.type("1 + 1\r"); XCTAssertTrue(repl.waitForSequence(["2\r\n", ">>> "], from: mark), repl.output)

        // Ctrl-D at the prompt quits with status 0 (the cell's result and the next prompt
        // must be on screen first: a ^D typed ahead while a cell runs is not at a prompt).
        repl.type("\u{04}")
        XCTAssertEqual(repl.exitStatus(timeout: 30), 0, repl.output)

        // History persisted, de-duplicated.
        let saved = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertTrue(saved.contains("sq(7)"), "\(saved)")
        XCTAssertEqual(saved.filter { $0 == "1 + 1" }.count, 1, "\(saved)")

        // A new process sees it: Up arrow recalls the last line.
        guard let again = PTY(binary: binary, env: env) else { return XCTFail("forkpty failed") }
        XCTAssertTrue(again.waitFor(">>> "))
        again.type("\u{1B}[A"); XCTAssertTrue(again.waitFor("1 + 1"), again.output)
        again.type("\r"); XCTAssertTrue(again.waitFor("2\r\n"), again.output)
        again.type(":quit\r")
        XCTAssertEqual(again.exitStatus(), 0)
    }

    /// Up-arrow recalls a multi-line cell as one entry, in the same process and after a
    /// restart (the history file keeps entries with newlines whole).
    func testUpArrowRecallsAMultiLineCellWhole() throws {
        guard let binary = octoreplBinary() else { return XCTFail("octorepl binary not built") }
        let history = NSTemporaryDirectory() + "octo-history-multi-\(getpid())"
        // A history file written before entries had time marks: one entry per line.
        try "x = 41\nx + 1\n".write(toFile: history, atomically: true, encoding: .utf8)
        let env = ["OCTOREPL_HISTORY": history, "TERM": "xterm", "NO_COLOR": "1", "INPUTRC": "/dev/null"]
        guard let repl = PTY(binary: binary, env: env) else { return XCTFail("forkpty failed") }
        defer { kill(repl.pid, SIGKILL) }
        XCTAssertTrue(repl.waitFor(">>> "), repl.output)
        repl.type("x = 41\r"); XCTAssertTrue(repl.waitFor(">>> "))
        repl.type("\u{1B}[A\u{1B}[A\r"); XCTAssertTrue(repl.waitFor("42\r\n"), repl.output)
        repl.type("fn tri(a) {\r"); XCTAssertTrue(repl.waitFor("... "))
        repl.type("a * 3\r"); XCTAssertTrue(repl.waitFor("... "))
        repl.type("}\r"); XCTAssertTrue(repl.waitFor(">>> "))
        repl.type("tri(2)\r"); XCTAssertTrue(repl.waitFor("6\r\n"), repl.output)
        // Up twice: past tri(2) to the whole definition; Enter runs it as one complete cell.
        var mark = repl.output.count
        repl.type("\u{1B}[A\u{1B}[A")
        XCTAssertTrue(repl.waitForSequence(["fn tri(a) {", "a * 3", "}"], from: mark), repl.output)
        mark = repl.output.count
        repl.type("\r"); XCTAssertTrue(repl.waitFor(">>> "), repl.output)
        XCTAssertFalse(repl.output.dropFirst(mark).contains("... "), "recalled cell needed continuation lines: \(repl.output)")
        repl.type(":history\r"); XCTAssertTrue(repl.waitForSequence(["fn tri(a) {", "      a * 3"], from: mark), repl.output)
        repl.type(":quit\r")
        XCTAssertEqual(repl.exitStatus(), 0)

        // A new process reads the entry back whole.
        guard let again = PTY(binary: binary, env: env) else { return XCTFail("forkpty failed") }
        defer { kill(again.pid, SIGKILL) }
        XCTAssertTrue(again.waitFor(">>> "))
        mark = again.output.count
        again.type("\u{1B}[A\u{1B}[A\u{1B}[A")
        XCTAssertTrue(again.waitForSequence(["fn tri(a) {", "a * 3", "}"], from: mark), again.output)
        again.type("\r"); XCTAssertTrue(again.waitFor(">>> "))
        again.type("tri(5)\r"); XCTAssertTrue(again.waitFor("15\r\n"), again.output)
        again.type(":quit\r")
        XCTAssertEqual(again.exitStatus(), 0)
    }

    /// The notebook promise: a session typed at the REPL — colour on — with a table, a plot, a
    /// training run stopped by Ctrl-C and continued, an inspect view and an interactive step,
    /// saved with :save, replays with `run --check`.
    func testATypedSessionWithAnInterruptedRunSavesAndReplays() throws {
        guard let binary = octoreplBinary() else { return XCTFail("octorepl binary not built") }
        let history = NSTemporaryDirectory() + "octo-history-save-\(getpid())"
        let saved = NSTemporaryDirectory() + "octo-typed-\(getpid()).octo"
        try? FileManager.default.removeItem(atPath: saved)
        let env = ["OCTOREPL_HISTORY": history, "TERM": "xterm", "INPUTRC": "/dev/null"]
        guard let repl = PTY(binary: binary, env: env) else { return XCTFail("forkpty failed") }
        defer { kill(repl.pid, SIGKILL) }
        XCTAssertTrue(repl.waitFor(">>> "), repl.output)
        func cell(_ text: String, until: String = ">>> ", timeout: Double = 60) {
            repl.type(text + "\r")
            XCTAssertTrue(repl.waitFor(until, timeout: timeout), "\(text)\n\(repl.output)")
        }
        let model = packageRoot.appendingPathComponent("Tests/Fixtures/hf/tiny-llama").path
        cell("seed(1)")
        cell("m = load(\"\(model)\")")
        cell("p = phase(m, \"lab_web\", tokens=4000000, batch_tokens=512, seq_len=32)")
        // Ctrl-C once the bar is drawn (the run has begun), then run() does the steps left.
        repl.type("p.run(steps=200)\r")
        XCTAssertTrue(repl.waitFor("%|", timeout: 60), repl.output)
        // The message and the next prompt can arrive in one read: wait for both from here.
        let mark = repl.output.count
        repl.type("\u{03}")
        XCTAssertTrue(repl.waitForSequence(["run() does the", ">>> "], from: mark, timeout: 60), repl.output)
        cell("p.run()", until: "200/200 step in", timeout: 300)
        cell("print(p.step)", until: "200\r\n")
        cell("table([{\"a\": 1, \"b\": 2.5}])", until: "2.5")
        cell("plot([1, 4, 2, 8])", until: "┤")
        cell("s = generate(m, \"Q: 1 + 1?\\nA:\", max_tokens=8)")
        cell("inspect(s[0], page_size=4)", until: "page 1/2")
        cell("step(s[0])", until: "step [n/p/j N/q]> ")
        cell("n", until: "step [n/p/j N/q]> ")
        repl.type("\u{03}")
        XCTAssertTrue(repl.waitFor(">>> ", timeout: 60), repl.output)
        cell(":save \(saved)", until: "saved ")
        repl.type(":quit\r")
        XCTAssertEqual(repl.exitStatus(timeout: 30), 0)

        let text = try String(contentsOfFile: saved, encoding: .utf8)
        XCTAssertFalse(text.contains("\u{1B}"), text)
        XCTAssertTrue(text.contains("p.run(steps=200, pause_after="), text)
        XCTAssertTrue(text.contains("step(s[0], commands=\"n\")"), text)
        XCTAssertTrue(text.contains("# width: 200"), text)
        let (status, out, err) = runCLI(["run", "--check", saved])
        XCTAssertEqual(status, 0, "\(text)\n\(err)")
        XCTAssertTrue(out.hasPrefix("ok: "), out)
    }
}

