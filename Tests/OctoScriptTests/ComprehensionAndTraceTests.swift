import XCTest
@testable import OctoScript

/// List comprehensions and tracebacks through user functions (#16).
final class ComprehensionAndTraceTests: XCTestCase {
    func testComprehensionsFilterMapAndNest() {
        XCTAssertEqual(runScript("xs = [1, 2, 3]", "[x * 2 for x in xs if x > 1]"), "[4, 6]\n")
        XCTAssertEqual(runScript("[[i * j for j in range(1, 4)] for i in range(1, 3)]"), "[[1, 2, 3], [2, 4, 6]]\n")
        XCTAssertEqual(runScript("[x + y for x in \"ab\" for y in \"xy\" if y != \"y\"]"), "[\"ax\", \"bx\"]\n")
        XCTAssertEqual(runScript("[k + str(v) for k, v in {\"a\": 1, \"b\": 2}.items()]"), "[\"a1\", \"b2\"]\n")
        XCTAssertEqual(runScript("[x for x in range(10) if x % 2 if x > 4]"), "[5, 7, 9]\n")
        XCTAssertEqual(runScript("[1 if x else 0 for x in [true, false]]"), "[1, 0]\n")
        XCTAssertEqual(runScript("[x for x in []]"), "[]\n")
    }

    func testComprehensionVariablesDoNotLeakAndSeeEnclosingNames() {
        XCTAssertEqual(runScript("x = 7", "ys = [x for x in range(3)]", "[x, ys]"), "[7, [0, 1, 2]]\n")
        XCTAssertEqual(runScript("x = [1, 2]", "[x * 10 for x in x]"), "[10, 20]\n", "the first iterable is read outside")
        XCTAssertEqual(runScript("fn scale(xs, k) { [x * k for x in xs] }", "scale([1, 2], 3)"), "[3, 6]\n")
        XCTAssertEqual(runScript("fn f(n) { k = 2; fs = [fn() { i * k } for i in range(n)]; [g() for g in fs] }", "f(3)"),
                       "[4, 4, 4]\n", "closures share the comprehension's variable, as in Python")
        XCTAssertEqual(runScript("[[x, y] for x in [1] for y in [x + 1]]"), "[[1, 2]]\n", "a later iterable sees earlier variables")
    }

    func testComprehensionErrorsAreLocated() {
        var e = scriptError("[x for x in 5]")
        XCTAssertEqual(e?.kind, .type); XCTAssertEqual(e?.message, "cannot iterate over int"); XCTAssertEqual(e?.location?.column, 13)
        e = scriptError("xs = [1, 0]\n[1 / x for x in xs]")
        XCTAssertEqual(e?.kind, .zeroDivision); XCTAssertEqual(e?.location?.line, 2); XCTAssertEqual(e?.location?.column, 4)
        e = scriptError("[x for x in [1] if y]")
        XCTAssertEqual(e?.kind, .name); XCTAssertEqual(e?.location?.column, 20)
        e = scriptError("[x for 1 in xs]")
        XCTAssertEqual(e?.message, "expected a variable name after 'for' in the comprehension, got number 1")
        e = scriptError("[x for x of xs]")
        XCTAssertEqual(e?.message, "expected 'in' after the variable of the comprehension opened at 1:1, got name 'of'")
        e = scriptError("[x for x in xs, 2]")
        XCTAssertEqual(e?.message, "expected 'for', 'if' or ']' to close the comprehension opened at 1:1, got ','")
        XCTAssertEqual(scriptError("[x for x in range(10**9)]", limits: InterpreterLimits(maxSteps: 1000))?.kind, .budget)
    }

    func testErrorInsideAFunctionShowsTheCallChain() {
        let interp = Interpreter()
        interp.output = { _ in }
        do {
            try interp.run("fn g(x) {\n  return 1 / x\n}\nfn f(x) { g(x - 1) }", name: "<cell 1>")
            try interp.run("y = 2\nz = f(1)", name: "<cell 2>")
            XCTFail("no error")
        } catch let e as ScriptError {
            XCTAssertEqual(e.trace.map(\.function), ["g", "f"])
            XCTAssertEqual(e.render(sources: interp.sources), """
            <cell 1>:2:12: error: division by zero
                  return 1 / x
                           ^
              in g() called at 4:12: fn f(x) { g(x - 1) }
              in f() called at <cell 2>:2:6: z = f(1)
            """)
        } catch { XCTFail("\(error)") }
    }

    func testTraceThroughABuiltinAndAShortenedRecursion() {
        let e = scriptError("fn key(x) { x.nope }\nsorted([1, 2], key=key)")
        XCTAssertEqual(e?.trace.map(\.function), ["key", "sorted"])
        XCTAssertEqual(e?.trace.last?.call.line, 2)
        XCTAssertEqual(scriptError("fn f(a) { a }\nf(b=1)")?.trace, [], "an argument error is at the call: no trace")
        let deep = ScriptThread.run { () -> String in
            let interp = Interpreter()
            do { try interp.run("fn f(n) { f(n + 1) }\nf(0)", name: "c"); return "" } catch let e as ScriptError { return e.render(sources: interp.sources) } catch { return "" }
        }
        let traceLines = deep.split(separator: "\n").filter { $0.hasPrefix("  in ") || $0.hasPrefix("  … ") }
        XCTAssertEqual(traceLines.count, ScriptError.traceShown)
        XCTAssertTrue(deep.contains("  … 993 more calls …"), deep)
        XCTAssertTrue(deep.hasSuffix("  in f() called at 2:2: f(0)"), deep)
    }
}

/// Sources registered cell by cell under one name (a replayed file, piped input).
final class SourceRegistryTests: XCTestCase {
    func testEveryCellOfAFileKeepsItsLines() {
        let sources = SourceRegistry()
        sources.register("f.octo", text: "fn g(x) {\n  1 / x\n}", firstLine: 1)
        sources.register("f.octo", text: "g(0)", firstLine: 4)
        XCTAssertEqual(sources.line(2, of: "f.octo"), "  1 / x", "an earlier cell's line is still there")
        XCTAssertEqual(sources.line(4, of: "f.octo"), "g(0)")
        XCTAssertNil(sources.line(5, of: "f.octo"))
        sources.register("f.octo", text: "g(1)", firstLine: 4)
        XCTAssertEqual(sources.line(4, of: "f.octo"), "g(1)", "the same cell again replaces it")
        XCTAssertEqual(sources.text(of: "f.octo"), "g(1)")
    }
}
