import XCTest
@testable import OctoBindings
@testable import OctoSession

final class SessionTests: XCTestCase {
    /// Every golden session under sessions/ and Tests/Fixtures/octorepl replays with --check
    /// (the study sessions have their own test: the full one takes ~20 minutes).
    func testGoldenSessionsReplayWithCheck() throws {
        var files: [String] = []
        for dir in ["sessions", "Tests/Fixtures/octorepl"] {
            let url = packageRoot.appendingPathComponent(dir)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path)
                where name.hasSuffix(".octo") && !name.hasPrefix("octothinker-mini") {
                files.append(url.appendingPathComponent(name).path)
            }
        }
        XCTAssertGreaterThanOrEqual(files.count, 2)
        // sessions/real-model.octo needs the real model that `make real-model` fetches.
        if !FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(".venv/smollm2.gguf").path) {
            print("SKIPPED: sessions/real-model.octo (no .venv/smollm2.gguf; run `make real-model`)")
            files.removeAll { $0.hasSuffix("/real-model.octo") }
        }
        for file in files.sorted() {
            let (status, out, err) = runCLI(["run", "--check", file])
            XCTAssertEqual(status, 0, "\(file):\n\(err)")
            XCTAssertTrue(out.hasPrefix("ok: "), out)
        }
    }

    func testCheckFailsWithADiffOfTheFirstDifference() throws {
        let path = NSTemporaryDirectory() + "octo-bad-\(getpid()).octo"
        try "x = 2\nx * 3\n#=> 7\nprint(1)\n#=> 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (status, _, err) = runCLI(["run", "--check", path])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.hasPrefix("\(path):2: output differs (output line 1 of the cell `x * 3`)\n- expected: 7\n+ actual:   6\n"), err)
    }

    func testSaveWritesSuccessfulCellsAndReplays() throws {
        var out = ""
        let session = Session(write: { out += $0 }, writeError: { _ in })
        for cell in ["seed(3)", "xs = [randint(1, 100), randint(1, 100)]", "undefined_name", "fn double(v) {\n  v * 2\n}", "print(double(xs[0]) > 0)", "xs"] {
            _ = session.submit(cell)
        }
        XCTAssertEqual(session.transcript.entries.count, 5, "the failing cell is left out")
        let path = NSTemporaryDirectory() + "octo-saved-\(getpid()).octo"
        XCTAssertEqual(session.submit(":save \(path)"), .ok)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# octorepl 0.1.0 session\n# seed: 3\n# date: "))
        XCTAssertTrue(text.contains("print(double(xs[0]) > 0)\n#=> true\nxs\n#=> \(out.split(separator: "\n").last ?? "")\n"), text)
        XCTAssertFalse(text.contains("undefined_name"))
        XCTAssertEqual(runCLI(["run", "--check", path]).0, 0)
    }

    func testMagicsVarsLoadResetAndUnknown() throws {
        var out = "", err = ""
        let session = Session(write: { out += $0 }, writeError: { err += $0 })
        _ = session.submit("alpha = 1.5")
        _ = session.submit(":vars")
        XCTAssertEqual(out, "  alpha        float    1.5\n")
        let path = NSTemporaryDirectory() + "octo-load-\(getpid()).octo"
        try "beta = alpha * 2\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(session.submit(":load \(path)"), .ok)
        out = ""; _ = session.submit("beta"); XCTAssertEqual(out, "3.0\n")
        XCTAssertEqual(session.submit(":time x = 1"), .ok)
        XCTAssertTrue(err.contains("time: "))
        XCTAssertEqual(session.submit(":reset"), .ok)
        XCTAssertEqual(session.submit("beta"), .failed)
        XCTAssertEqual(session.submit(":sav x"), .failed)
        XCTAssertTrue(err.contains("unknown command :sav (did you mean :save?)"), err)
        XCTAssertEqual(session.submit(":quit"), .quit)
    }

    func testCommandLineInProcess() {
        XCTAssertEqual(runCLI(["--version"]).1, "octorepl 0.1.0\n")
        XCTAssertTrue(runCLI(["--help"]).1.contains("run [--check] FILE"))
        let ok = runCLI(["-c", "x = 20\nx + 1"])
        XCTAssertEqual(ok.0, 0); XCTAssertEqual(ok.1, "21\n")
        let bad = runCLI(["-c", "1 +* 2"])
        XCTAssertEqual(bad.0, 1)
        XCTAssertEqual(bad.2, "<-c>:1:4: syntax error: expected an expression, got '*'\n    1 +* 2\n       ^\n")
        let piped = runCLI([], stdin: "a = 1\nfn g() {\n  a + 1\n}\ng()\nnope\nprint(\"never\")\n")
        XCTAssertEqual(piped.0, 1); XCTAssertEqual(piped.1, "2\n")
        XCTAssertTrue(piped.2.hasPrefix("<stdin>:6:1: error: unknown name 'nope'"), piped.2)
        XCTAssertEqual(runCLI(["bogus"]).0, 2)
        XCTAssertEqual(runCLI([], terminal: true).0, 99, "a terminal on stdin starts the REPL")
    }

    func testTheBuiltBinaryRunsPipedCellsAndCode() throws {
        guard let binary = octoreplBinary() else { return XCTFail("octorepl binary not built (swift build --product octorepl)") }
        let (status, out, err) = try runBinary(binary, [], stdin: "x = 6 * 7\nx\n")
        XCTAssertEqual(status, 0, err); XCTAssertEqual(out, "42\n")
        XCTAssertEqual(try runBinary(binary, ["-c", "1/0"]).0, 1)
        XCTAssertEqual(try runBinary(binary, ["--version"]).1, "octorepl 0.1.0\n")
    }
}
