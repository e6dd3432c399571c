import XCTest
import OctoBase

/// The one JSON reader and string escaper.
final class JSONTests: XCTestCase {
    /// A tree of Swift values, enough to see what the reader built.
    struct Builder: JSONBuilder {
        func null() -> String { "null" }
        func bool(_ b: Bool) -> String { b ? "true" : "false" }
        func number(integer: Int?, double: Double) -> String { integer.map { "i\($0)" } ?? "d\(double)" }
        func string(_ s: String) -> String { "s:" + s }
        func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
        func newObject() -> [String] { [] }
        func insert(_ key: String, _ value: String, into object: inout [String]) { object.append(key + "=" + value) }
        func object(_ object: [String]) -> String { "{" + object.joined(separator: ",") + "}" }
    }

    func parse(_ text: String) throws -> String { try JSONReader.parse(Array(text.utf8), Builder()) }

    func testSurrogatePairsFromPythonJsonDump() throws {
        // json.dump({"e": "smile 😀"}) with ensure_ascii=True writes the emoji as a surrogate pair.
        XCTAssertEqual(try parse(#"{"e": "smile \ud83d\ude00", "b": "\b\f\/"}"#), "{e=s:smile 😀,b=s:\u{08}\u{0C}/}")
        XCTAssertEqual(try parse(#""\ud83d x""#), "s:\u{FFFD} x", "a lone high surrogate is U+FFFD")
        XCTAssertEqual(try parse(#""\ude00""#), "s:\u{FFFD}")
    }

    func testNumbersKeepIntegersApartAndObjectsKeepOrder() throws {
        XCTAssertEqual(try parse(#"{"z": [1, -2, 2.5, 1e3, 123456789012345678], "a": null}"#),
                       "{z=[i1,i-2,d2.5,d1000.0,i123456789012345678],a=null}")
    }

    func testErrorsNameLineAndColumn() {
        XCTAssertThrowsError(try parse("{\n  \"a\": [1,]\n}")) { error in
            XCTAssertEqual(error as? JSONSyntaxError, JSONSyntaxError(line: 2, column: 11, reason: "unexpected character ']'"))
        }
        XCTAssertThrowsError(try parse("[1] x"))
        XCTAssertThrowsError(try parse("\"a\u{01}\""), "raw control characters are not JSON")
        XCTAssertThrowsError(try JSONReader.parse(Array("[[[]]]".utf8), Builder(), maxDepth: 2))
    }

    func testQuoteMatchesSerdeAndPythonAndRoundTrips() throws {
        let text = "a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{1F} é 😀 /"
        // serde_json::to_string and json.dumps(ensure_ascii=False) both write exactly this.
        XCTAssertEqual(JSONQuote.quoted(text), #""a\"b\\c\n\r\t\b\f\u0001\u001f é 😀 /""#)
        XCTAssertEqual(try parse(JSONQuote.quoted(text)), "s:" + text)
    }
}
