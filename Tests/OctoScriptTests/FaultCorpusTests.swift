import XCTest
import Foundation
@testable import OctoScript

/// The cyclic / deep / huge-value corpus: each input is a located error or the right
/// answer, never a crash; and JSON round-trips what Python writes.
final class FaultCorpusTests: XCTestCase {
    func testSelfContainingValuesCompareWithAnErrorNotACrash() {
        let setup = "a = []\na.append(a)\nb = []\nb.append(b)\nd = {}\nd[\"x\"] = d\ne = {}\ne[\"x\"] = e"
        for expr in ["a == b", "a != b", "d == e", "[a] < [b]", "a in [b]"] {
            let out = runScript(setup, expr)
            XCTAssertTrue(out.contains("ERROR") && out.contains("contains itself"), "\(expr): \(out)")
        }
        // .index, .count and .remove compare the same way.
        for expr in ["[b].index(a)", "[b].count(a)", "[b].remove(a)"] {
            let out = runScript(setup, expr)
            XCTAssertTrue(out.contains("ERROR") && out.contains("contains itself"), "\(expr): \(out)")
        }
        // Identity short-cuts still answer; printing shows Python's `[...]` for the cycle.
        XCTAssertEqual(runScript(setup, "a == a"), "true\n")
        XCTAssertEqual(runScript(setup, "[a].index(a)"), "0\n")
        XCTAssertEqual(runScript(setup, "print(a)"), "[[...]]\n")
        XCTAssertEqual(runScript(setup, "d"), "{\"x\": {...}}\n")
        XCTAssertEqual(runScript(setup, "c = [1, d]", "c.append(c)", "str(c)"), "\"[1, {\\\"x\\\": {...}}, [...]]\"\n")
        // A list or dict cannot be a dict key, so hashing never meets a cycle.
        XCTAssertTrue(runScript(setup, "z = {}", "z[a] = 1").contains("cannot be a dict key"))
        // JSON of a cycle is a located error that says so.
        let e = scriptError(setup + "\nsave_json(a, \"/tmp/octo-never-written.json\")")
        XCTAssertEqual(e?.location?.line, 9, "\(String(describing: e))")
        XCTAssertTrue(e?.message.contains("contains itself") ?? false, "\(String(describing: e))")
        let f = scriptError(setup + "\nsave_json(d, \"/tmp/octo-never-written.json\")")
        XCTAssertTrue(f?.message.contains("dict that contains itself") ?? false, "\(String(describing: f))")
    }

    func testSharedSublistsPrintInBoundedTime() {
        // The same 200-item list at each of 12 levels: 200¹² items if printed in full.
        let out = runScript("x = [0]", "for i in range(12) { x = [x] * 200 }", "len(str(x)) < 1100000", "len(repr([x, x])) < 1100000")
        XCTAssertEqual(out, "true\ntrue\n")
    }

    /// Runs `body` on a thread with a 4 MB stack: deep recursion there crashes the test run,
    /// so what passes here is evaluated and freed without recursing once per level.
    private func onSmallStack<T>(_ body: @escaping () -> T) -> T { ScriptThread.run(stackSize: 4 << 20, body) }

    private func runSmall(_ source: String) -> String {
        onSmallStack {
            let interp = Interpreter()
            var out = ""
            interp.output = { out += $0 }
            do {
                if let v = try interp.run(source, name: "t"), !v.isNull { out += v.repr + "\n" }
            } catch { out += "ERROR \(error)" }
            return out
        }
    }

    func testLongOperatorRunsAreEvaluatedAndFreedWithoutRecursion() {
        let n = 300_000
        let sum = Array(repeating: "1", count: n).joined(separator: "+")
        XCTAssertEqual(runSmall("x = " + sum + "\nx"), "\(n)\n")
        XCTAssertEqual(runSmall("x = 2\n" + Array(repeating: "x", count: n).joined(separator: " and ")), "2\n")
        XCTAssertEqual(runSmall("x = 0\n" + Array(repeating: "x", count: n).joined(separator: " or ") + " or 7"), "7\n")
        // The flat form keeps left-to-right meaning, precedence and short-circuiting.
        let cases: [(String, String)] = [
            ("10 - 2 - 3", "5"), ("2 * 3 + 4 * 5 - 6 // 4", "25"), ("100 / 10 / 5", "2.0"), ("2 ** 3 ** 2", "512"),
            ("-2 ** 2", "-4"), ("1 - 2 * 3 - 4", "-9"), ("1 and 2 or 3 and 0", "2"), ("0 or 0 and 1 or 5", "5"),
            ("1 + 2 < 4 and 3", "3"), ("1 + 2 if 0 else 3 + 4 + 5", "12"), ("not 1 + 1 - 2", "true"),
            ("[1] + [2] + [3] * 2", "[1, 2, 3, 3]"), ("\"a\" + \"b\" * 2 + \"c\"", "\"abbc\""),
            ("0 and 1 / 0 + 1 + 1", "0"), ("9223372036854775807 - 1 + 1", "9223372036854775807"),
        ]
        for (expr, want) in cases { XCTAssertEqual(runScript(expr), want + "\n", expr) }
        // An error inside a run names its own operator.
        let e = scriptError("x = 1 + 2 + \"s\" + 4")
        XCTAssertEqual(e?.location?.column, 11, "\(String(describing: e))")
    }

    func testElseIfLaddersDoNotNest() {
        var src = "x = 4999\nif x == 0 { r = 0 }"
        for k in 1..<10_000 { src += " else if x == \(k) { r = \(k) }" }
        src += " else { r = -1 }\nr"
        XCTAssertEqual(runSmall(src), "4999\n")
        XCTAssertEqual(runScript("x = 7\nif x == 1 { 1 } else if x == 2 { 2 } elif x == 7 { 3 } else { 4 }\nif x > 9 { r = 1 } else if x > 8 { r = 2 } else { r = 3 }\nr"), "3\n")
    }

    func testDeepNestingInSourceIsALocatedError() {
        let n = 1_000_000
        let probes = ["x = " + String(repeating: "[", count: n) + String(repeating: "]", count: n),
                      "x = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n),
                      "x = 1\ny = x" + String(repeating: ".a", count: n),
                      "y = len" + String(repeating: "(1)", count: n),
                      "x = " + String(repeating: "-", count: n) + "1",
                      String(repeating: "if true {\n", count: 10_000) + String(repeating: "}\n", count: 10_000)]
        for source in probes {
            let e = onSmallStack { () -> ScriptError? in
                do { _ = try Interpreter().run(source, name: "t"); return nil } catch { return error as? ScriptError }
            }
            XCTAssertEqual(e?.kind, .syntax, String(source.prefix(30)))
            XCTAssertTrue(e?.message.contains("nested too deeply") ?? false, "\(String(describing: e))")
            XCTAssertNotNil(e?.location)
        }
    }

    func testDeeplyNestedValuesAreFreedWithoutRecursion() {
        // A list 1 M deep and a dict 300 k deep, built at run time, dropped on a 4 MB stack.
        let out = runSmall("""
        x = []
        for i in range(1000000) { x = [x] }
        y = [x, x]
        x = nil
        print(len(y), str(y)[:10])
        y = nil
        d = {}
        for i in range(300000) { d = {"k": d, "v": [d]} }
        d = nil
        e = [1]
        "freed"
        """)
        XCTAssertEqual(out, "2 [[[[[[[[[[\n\"freed\"\n")
        // Comparing or writing such a value stops at its depth limit with an error.
        let cmp = runSmall("x = []\nfor i in range(100000) { x = [x] }\ny = []\nfor i in range(100000) { y = [y] }\nx == y")
        XCTAssertTrue(cmp.contains("nested more than 1000 levels"), cmp)
        let json = runSmall("x = []\nfor i in range(100000) { x = [x] }\nsave_json(x, \"/tmp/octo-never-written.json\")")
        XCTAssertTrue(json.contains("nested more than 200 levels"), json)
    }

    func testHugeValuesAreRefusedBeforeTheyAreBuilt() {
        let e = scriptError("x = [0] * 10**8")
        XCTAssertEqual(e?.location?.line, 1)
        XCTAssertTrue(e?.description.contains("MB") ?? false, "\(String(describing: e))")
        XCTAssertNil(scriptError("x = [0] * 10**6"))
        // A smaller byte budget is honoured.
        XCTAssertNotNil(scriptError("x = [0] * 10**5", limits: InterpreterLimits(maxValueBytes: 100_000)))
    }

    func testJSONWritesRangesAndEscapesControlCharacters() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("octo-json-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(runScript("save_json(range(3), \"\(path)\")"), "")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "[0, 1, 2]")
        XCTAssertEqual(runScript("save_json(range(10, 0, -4), \"\(path)\")", "load_json(\"\(path)\")"), "[10, 6, 2]\n")
        XCTAssertEqual(runScript("save_json(\"a\\0b\\n\", \"\(path)\")"), "")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("a\\u0000b\\n"), text)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, text)
        // Valid JSON by Foundation's strict parser.
        XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as? String, "a\u{0}b\n")
    }

    func testLoadJSONReadsWhatPythonWrote() {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/json")
        let ascii = dir.appendingPathComponent("python-dump.json").path
        XCTAssertEqual(runScript("d = load_json(\"\(ascii)\")", "d[\"emoji\"]"), "\"smile \u{1F600} ok\"\n")
        XCTAssertEqual(runScript("d = load_json(\"\(ascii)\")", "d[\"accents\"]"), "\"café ü\"\n")
        XCTAssertEqual(runScript("d = load_json(\"\(ascii)\")", "len(d[\"ctrl\"])"), "6\n")
        XCTAssertEqual(runScript("d = load_json(\"\(ascii)\")", "d[\"quote\"]"), "\"say \\\"hi\\\"\\\\\\\\\"\n")
        let utf8 = dir.appendingPathComponent("python-dump-utf8.json").path
        XCTAssertEqual(runScript("load_json(\"\(utf8)\")[\"emoji\"] == load_json(\"\(ascii)\")[\"emoji\"]"), "true\n")
    }

    func testLineByLineCompletenessAgreesWithWholeCellLexing() {
        let cells = ["x = [1,\n  2,\n  3]", "s = \"\"\"a\n(b\n\"\"\"", "fn f() {\n  if x {\n    y = (1 +\n 2)\n  }\n}",
                     "t = 1 + \\\n 2", "u = \"unterminated\n", "v = {\"a\": [\n]}"]
        for cell in cells {
            var tracker = CellSplitter.Tracker()
            let lines = cell.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for k in lines.indices {
                let incremental = tracker.append(lines[k])
                let whole = CellSplitter.isComplete(lines[0...k].joined(separator: "\n") + "\n")
                XCTAssertEqual(incremental, whole, "\(cell.debugDescription) after line \(k + 1)")
                if incremental { tracker = CellSplitter.Tracker() }
            }
        }
        // Cells of a file keep their own line numbers in errors.
        let e = scriptError("x = 1\n\ny = [1,\n  zz]")
        XCTAssertEqual(e?.location?.line, 4)
    }
}
