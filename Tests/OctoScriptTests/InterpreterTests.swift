import XCTest
@testable import OctoScript

final class InterpreterTests: XCTestCase {
    func testArithmeticPrecedence() {
        XCTAssertEqual(runScript("1 + 2 * 3 - 4 / 2"), "5.0\n")
        XCTAssertEqual(runScript("-2 ** 2"), "-4\n")
        XCTAssertEqual(runScript("2 ** 3 ** 2"), "512\n")
        XCTAssertEqual(runScript("7 // 2, -7 // 2, -7 % 3, 7 % -3"), "[3, -4, 2, -2]\n")
        XCTAssertEqual(runScript("1 < 2 < 3, 3 > 2 > 2, not 1 == 2"), "[true, false, true]\n")
    }

    func testNumberSuffixesAndScientific() {
        XCTAssertEqual(runScript("[4M, 400k, 1.5B, 2.5k, 1e-3, 3E2, 1_000]"), "[4000000, 400000, 1500000000, 2500, 0.001, 300.0, 1000]\n")
        XCTAssertEqual(runScript("type(1.5B), type(0.0001k)"), "[\"int\", \"float\"]\n")
    }

    func testStringsEscapesAndFStrings() {
        XCTAssertEqual(runScript(#"print("a\tb\n\"c\"")"#), "a\tb\n\"c\"\n")
        XCTAssertEqual(runScript(#"x = 3.14159"#, #"f"x={x:.3f} {x:>8.2f}|{10:05d} {1234567:,} {0.25:.1%} {"s"!r}""#),
                       "\"x=3.142     3.14|00010 1,234,567 25.0% \\\"s\\\"\"\n")
        XCTAssertEqual(runScript(#"print(f"{{}} {1 + 1} {[1, 2][0]} {'q'}")"#), "{} 2 1 q\n")
        XCTAssertEqual(runScript(#"print("{} and {:.2f}".format("a", 2))"#), "a and 2.00\n")
    }

    func testListsDictsAndSlicing() {
        XCTAssertEqual(runScript("xs = [1, 2, 3, 4, 5]", "xs[1:3], xs[-2:], xs[::-1], xs[-1], xs[:-3]"),
                       "[[2, 3], [4, 5], [5, 4, 3, 2, 1], 5, [1, 2]]\n")
        XCTAssertEqual(runScript("d = {\"b\": 1, \"a\": 2}", "d[\"c\"] = 3", "d.keys(), d.get(\"z\", 0), \"a\" in d, len(d)"),
                       "[[\"b\", \"a\", \"c\"], 0, true, 3]\n")
        XCTAssertEqual(runScript("xs = [3, 1, 2]", "xs.append(0)", "xs.sort()", "xs[0] = 9", "xs += [7]", "xs"), "[9, 1, 2, 3, 7]\n")
        XCTAssertEqual(runScript("\"hello\"[1:-1], \"a,b\".split(\",\"), \"-\".join([\"x\", \"y\"]), \" p \".strip()"),
                       "[\"ell\", [\"a\", \"b\"], \"x-y\", \"p\"]\n")
    }

    func testControlFlow() {
        let source = """
        total = 0
        for i in range(10) {
            if i == 2 { continue } elif i == 7 { break } else { total += i }
        }
        n = 0
        while true { n += 1; if n >= 5 { break } }
        [total, n]
        """
        XCTAssertEqual(runScript(source), "[19, 5]\n")
        XCTAssertEqual(runScript("for k, v in {\"a\": 1}.items() { print(k, v) }"), "a 1\n")
        XCTAssertEqual(runScript("a, b = 1, 2", "a, b = b, a", "[a, b]"), "[2, 1]\n")
    }

    func testFunctionsClosuresDefaultsAndKeywords() {
        let source = """
        fn counter(start=0) {
            n = [start]
            fn next(step=1) { n[0] += step; return n[0] }
            return next
        }
        c = counter(10)
        c(); c(step=5)
        """
        XCTAssertEqual(runScript(source), "16\n")
        XCTAssertEqual(runScript("fn add(a, b=1) { a + b }", "add(1), add(1, b=10), add(b=2, a=3)"), "[2, 11, 5]\n")
        XCTAssertEqual(runScript("sorted([3, -1, 2], key=fn(x) { x * x }, reverse=true)"), "[3, 2, -1]\n")
        XCTAssertEqual(runScript("fn fib(n) { if n < 2 { return n }; return fib(n - 1) + fib(n - 2) }", "fib(15)"), "610\n")
    }

    func testBuiltins() {
        XCTAssertEqual(runScript("len([1, 2]), sum([1, 2.5]), min(3, 1, 2), max([1, 5]), abs(-3), round(2.5), round(2.675, 2)"),
                       "[2, 3.5, 1, 5, 3, 2, 2.67]\n")
        XCTAssertEqual(runScript("zip([1, 2], \"ab\"), enumerate([\"x\"], start=1), int(\"42\"), float(\"1.5\"), str(1.0), type(nil)"),
                       "[[[1, \"a\"], [2, \"b\"]], [[1, \"x\"]], 42, 1.5, \"1.0\", \"nil\"]\n")
        XCTAssertEqual(runScript("seed(7)", "a = [random(), randint(1, 6)]", "seed(7)", "a == [random(), randint(1, 6)]"), "true\n")
        XCTAssertEqual(runScript("dir([])[:3]"), "[\"append\", \"clear\", \"copy\"]\n")
    }

    func testJSONRoundTripKeepsOrder() {
        let path = NSTemporaryDirectory() + "octo-json-\(getpid()).json"
        XCTAssertEqual(runScript("save_json({\"z\": [1, 2.5, nil, true], \"a\": \"x\\ny\"}, \"\(path)\")", "load_json(\"\(path)\")"),
                       "{\"z\": [1, 2.5, nil, true], \"a\": \"x\\ny\"}\n")
    }

    func testRuntimeErrorsAreLocated() {
        var e = scriptError("x = 1\nprint(y + 1)")
        XCTAssertEqual(e?.kind, .name)
        XCTAssertEqual(e?.location?.line, 2); XCTAssertEqual(e?.location?.column, 7)
        e = scriptError("loss = 1\nlos + 1")
        XCTAssertEqual(e?.note, "did you mean 'loss'?")
        e = scriptError("[1, 2][5]")
        XCTAssertEqual(e?.kind, .index); XCTAssertEqual(e?.message, "list index 5 out of range (length 2)")
        e = scriptError("x = 1 / 0")
        XCTAssertEqual(e?.kind, .zeroDivision); XCTAssertEqual(e?.location?.column, 7)
        e = scriptError("fn f(a) { a }\nf(b=1)")
        XCTAssertEqual(e?.message, "unknown keyword argument 'b' for f()"); XCTAssertEqual(e?.location?.line, 2)
        e = scriptError("range(\"a\")")
        XCTAssertEqual(e?.message, "argument 'start' of range() must be int, got str"); XCTAssertEqual(e?.location?.column, 7)
        e = scriptError("sorted([1], revers=true)")
        XCTAssertEqual(e?.note, "did you mean 'reverse'?")
        e = scriptError("9223372036854775807 + 1")
        XCTAssertEqual(e?.kind, .overflow)
    }

    func testLimitsStopRunawayCode() {
        let deep = scriptError("fn f(n) { f(n + 1) }\nf(0)")
        XCTAssertEqual(deep?.kind, .recursion); XCTAssertEqual(deep?.location?.line, 1)
        let endless = scriptError("while true { }", limits: InterpreterLimits(maxSteps: 10_000))
        XCTAssertEqual(endless?.kind, .budget); XCTAssertNotNil(endless?.location)
        XCTAssertEqual(scriptError("\"ab\" * 10**12")?.kind, .value)
        XCTAssertEqual(runScript("bool(range(-9223372036854775807, 9223372036854775807)), len(range(10, 0, -3))"), "[true, 4]\n", "found by fuzzing: used to trap")
        XCTAssertEqual(runScript("len(\"\" * 9223372036854775807), len([] * 10**18)"), "[0, 0]\n", "found by fuzzing: used to loop")
    }

    func testInterruptFlagStopsALoop() {
        Interrupt.request()
        let e = scriptError("while true { }")
        XCTAssertEqual(e?.kind, .interrupted)
        XCTAssertFalse(Interrupt.isRequested)
    }

    func testErrorRenderingShowsLineAndCaret() {
        let interp = Interpreter()
        do { try interp.run("x = 1\ny = [1,\n  2 3]", name: "cell") ; XCTFail("no error") }
        catch let e as ScriptError {
            XCTAssertEqual(e.render(sources: interp.sources), """
            cell:3:5: syntax error: expected ']' to close the list opened at 2:5, got number 3
                  2 3]
                    ^
            """)
        } catch { XCTFail("\(error)") }
    }
}
