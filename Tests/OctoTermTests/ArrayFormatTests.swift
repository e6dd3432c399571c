import XCTest
@testable import OctoTerm

/// numpy-style array text: rows, one number format, elision, fitting the width.
final class ArrayFormatTests: XCTestCase {
    func testSmallArraysShowEveryValueInRows() {
        XCTAssertEqual(ArrayFormat.render([1, 2, 3, 4, 5, 6], shape: [2, 3]), "tensor([[1., 2., 3.],\n        [4., 5., 6.]])")
        XCTAssertEqual(ArrayFormat.render([0.5, -1.25, 10], shape: [3]), "tensor([ 0.50, -1.25, 10.00])")
        XCTAssertEqual(ArrayFormat.render([2.5], shape: []), "tensor(2.5)")
        XCTAssertEqual(ArrayFormat.render([1e-6, 1], shape: [2]), "tensor([1.0000e-06, 1.0000e+00])")
        XCTAssertEqual(ArrayFormat.render([.nan, 1], shape: [2]), "tensor([nan,  1.])")
        XCTAssertEqual(ArrayFormat.render(Array(0..<8).map(Float.init), shape: [2, 2, 2]),
                       "tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])")
        XCTAssertEqual(ArrayFormat.render([1, 2], shape: [3]), "tensor(<2 values for shape [3]>)")
    }

    func testBigArraysAreElidedWithTheirShape() {
        let values = (0..<(64 * 256)).map { Float($0) }
        let text = ArrayFormat.render(values, shape: [64, 256], width: 200)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 7, text)
        XCTAssertEqual(lines[0], "tensor([[    0.,     1.,     2., ...,   253.,   254.,   255.],")
        XCTAssertEqual(lines[3], "        ...,")
        XCTAssertEqual(lines[6], "        [16128., 16129., 16130., ..., 16381., 16382., 16383.]], shape=[64, 256])")
    }

    func testRowsTooWideForTheTerminalKeepFewerItems() {
        let values = (0..<20).map { Float($0) * 1000.5 }
        for width in [60, 80, 200] {
            let text = ArrayFormat.render(values, shape: [20], width: width)
            let widest = text.split(separator: "\n").map { TextWidth.of(String($0)) }.max() ?? 0
            XCTAssertLessThanOrEqual(widest, width, text)
        }
        XCTAssertFalse(ArrayFormat.render(values, shape: [20], width: 300).contains("..."), "fits: nothing elided")
        XCTAssertTrue(ArrayFormat.render(values, shape: [20], width: 80).hasSuffix(", shape=[20])"))
    }
}
