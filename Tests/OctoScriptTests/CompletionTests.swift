import XCTest
@testable import OctoScript

/// Tab completion after attributes and literal indices (`ro[0].`⇥).
final class CompletionTests: XCTestCase {
    private func complete(_ setup: String, _ prefix: String) -> [String] {
        ScriptThread.run {
            let interp = Interpreter()
            interp.output = { _ in }
            _ = try? interp.run(setup)
            return Completion.candidates(for: prefix, in: interp)
        }
    }

    func testCompletesMembersAfterAnIndex() {
        XCTAssertEqual(complete("xs = [\"ab\", [1]]", "xs[0].upp"), ["upper"])
        XCTAssertEqual(complete("xs = [\"ab\", [1]]", "xs[1].app"), ["append"])
        XCTAssertEqual(complete("xs = [\"ab\", [1]]", "xs[-1].app"), ["append"], "negative literal index")
        XCTAssertEqual(complete("d = {\"k\": [[\"s\"]]}", "print(d[\"k\"][0][0].low"), ["lower"], "nested indices inside a call")
        XCTAssertEqual(complete("d = {\"k\": \"s\"}", "d['k'].low"), ["lower"])
    }

    func testDoesNotEvaluateNonLiteralIndicesOrCalls() {
        XCTAssertEqual(complete("xs = [\"ab\"]\ni = 0", "xs[i].upp"), [], "an index that is not a literal is not evaluated")
        XCTAssertEqual(complete("fn f() { \"s\" }", "f().low"), [])
        XCTAssertEqual(complete("xs = [\"ab\"]", "xs[5].upp"), [], "out of range: nothing")
    }

    func testAccessPath() {
        XCTAssertEqual(Completion.accessPath(Array("a.b[1].c"), before: 8), [.name("a"), .name("b"), .index("1"), .name("c")])
        XCTAssertEqual(Completion.accessPath(Array("x = ro[0]"), before: 9), [.name("ro"), .index("0")])
        XCTAssertEqual(Completion.accessPath(Array("f(x)"), before: 4), [])
    }
}
