import XCTest
@testable import OctoEval

final class MathParserTests: XCTestCase {
    func n(_ s: String) -> MathExpr { MathParser.number(s) }

    func testNumbersKeepExactDigits() {
        XCTAssertEqual(n("12.50"), .number(mantissa: "1250", exponent: -2, isDecimal: true))
        XCTAssertEqual(n("2.5e6"), .number(mantissa: "25", exponent: 5, isDecimal: true))
        XCTAssertEqual(n("007"), .number(mantissa: "7", exponent: 0, isDecimal: false))
    }

    func testMixedNumberAndImplicitProduct() {
        XCTAssertEqual(MathParser.parse("2\\frac{1}{2}"), .sum([n("2"), .quotient(n("1"), n("2"))]))
        XCTAssertEqual(MathParser.parse("2\\frac{\\pi}{2}"), .product([n("2"), .quotient(.pi, n("2"))]))
        XCTAssertEqual(MathParser.parse("n(n+1)"), .product([.symbol("n"), .sum([.symbol("n"), n("1")])]))
    }

    func testFracSplitsDigitsButPowersAndRootsTakeWholeNumbers() {
        XCTAssertEqual(MathParser.parse("\\frac57"), .quotient(n("5"), n("7")))
        XCTAssertEqual(MathParser.parse("\\frac123"), .product([.quotient(n("1"), n("2")), n("3")]))
        XCTAssertEqual(MathParser.parse("2^10"), .power(n("2"), n("10")))
        XCTAssertEqual(MathParser.parse("\\sqrt 10"), .root(n("10"), index: nil))
    }

    func testBracketsSetsAndRelations() {
        XCTAssertEqual(MathParser.parse("[1, 2)"), .bracketed(open: "[", close: ")", [n("1"), n("2")]))
        XCTAssertEqual(MathParser.parse("\\{1, 2\\}"), .set([n("1"), n("2")]))
        XCTAssertEqual(MathParser.parse("x = 5"), .relation([.symbol("x"), n("5")], [.equal]))
        XCTAssertEqual(MathParser.parse("(2)"), n("2"))
    }

    func testUnparseableInputIsNil() {
        XCTAssertNil(MathParser.parse("\\frac{1}{"))
        XCTAssertNil(MathParser.parse("(1, 2"))
        XCTAssertNil(MathParser.parse("1 +"))
        XCTAssertNil(MathParser.parse(""))
    }
}
