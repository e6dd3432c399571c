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
        // Identity short-cuts still answer; printing shows a bounded form.
        XCTAssertEqual(runScript(setup, "a == a"), "true\n")
        XCTAssertTrue(runScript(setup, "print(a)").hasPrefix("[[[["), runScript(setup, "print(a)"))
        // JSON of a cycle is a located error.
        let e = scriptError(setup + "\nsave_json(a, \"/tmp/octo-never-written.json\")")
        XCTAssertNotNil(e?.location, "\(String(describing: e))")
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
