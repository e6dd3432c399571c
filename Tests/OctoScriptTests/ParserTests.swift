import XCTest
@testable import OctoScript

final class ParserTests: XCTestCase {
    private func syntaxError(_ source: String) -> ScriptError? {
        do { _ = try Parser.parse(source, file: "p"); return nil } catch { return error as? ScriptError }
    }

    func testParserReportsWhereTheUnclosedCallOpened() {
        let e = syntaxError("x = 1\ny = f(1,\n  2\nz = 3")
        XCTAssertEqual(e?.message, "expected ')' to close the call opened at 2:6, got name 'z'")
        XCTAssertEqual(e?.location?.line, 4); XCTAssertEqual(e?.location?.column, 1)
    }

    func testParserReportsColumnOfUnclosedBrace() {
        let e = syntaxError("if x {\n  y = 1\n")
        XCTAssertEqual(e?.message, "expected '}' to close the block of 'if' opened at 1:6")
    }

    func testMissingBlockAndBadTargets() {
        XCTAssertEqual(syntaxError("while x y")?.message, "expected '{' to start the body of 'while' at 1:1, got name 'y'")
        XCTAssertEqual(syntaxError("f() = 1")?.message, "cannot assign to this expression (expected a name, x[i] or x.attr)")
        XCTAssertEqual(syntaxError("break")?.message, "'break' outside a loop")
        XCTAssertEqual(syntaxError("return 1")?.message, "'return' outside a function")
        XCTAssertEqual(syntaxError("x = \"abc")?.message, "unterminated string")
        XCTAssertEqual(syntaxError("x = 3q")?.message, "unexpected letter after number '3' (suffixes are k, M, B)")
        XCTAssertEqual(syntaxError("f(a=1, 2)")?.message, "positional argument after keyword arguments")
        XCTAssertEqual(syntaxError("f\"a}\"")?.message, "single '}' in f-string (write '}}')")
        XCTAssertEqual(syntaxError("f\"{x y}\"")?.message, "expected '}' after the f-string expression, got name 'y'")
    }

    func testDeepNestingIsASyntaxErrorNotACrash() {
        let e = ScriptThread.run { self.syntaxError(String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)) }
        XCTAssertEqual(e?.message, "expression nested too deeply")
    }

    func testScopeResolutionMakesAssignedNamesLocal() throws {
        let stmts = try Parser.parse("fn f(a) { b = a; return c }", file: "p")
        guard case .function(let decl, _) = stmts[0] else { return XCTFail("not a fn") }
        XCTAssertEqual(decl.localNames, ["a", "b"])
        XCTAssertEqual(decl.frameSize, 2)
    }

    func testCellCompleteness() {
        XCTAssertTrue(CellSplitter.isComplete("x = 1\n"))
        XCTAssertFalse(CellSplitter.isComplete("fn f() {\n"))
        XCTAssertFalse(CellSplitter.isComplete("xs = [1,\n"))
        XCTAssertFalse(CellSplitter.isComplete("s = \"\"\"abc\n"))
        XCTAssertTrue(CellSplitter.isComplete("s = \"abc\n"), "an unclosed one-line string is an error, shown at once")
    }

    func testSplitterAttachesOutputsAndKeepsElseWithIf() {
        let cells = CellSplitter.split("# header\nx = 1\nif x {\n  print(1)\n}\nelse {\n  print(2)\n}\n#=> 1\n\nx\n#=> 1\n# expect error: nope\n")
        XCTAssertEqual(cells.map(\.line), [2, 3, 11])
        XCTAssertEqual(cells[1].expected, ["1"])
        XCTAssertEqual(cells[2].expectedError, "nope")
    }
}
