import XCTest
@testable import OctoTensor

/// Gradients are checked where they are accumulated: a backward that returns the wrong shape
/// (or the wrong number of gradients) is an error naming the op, never an over-read.
final class GradientShapeTests: XCTestCase {
    func testWrongShapedBackwardThrowsNamingTheOp() throws {
        let x = Tensor(zeros: [2, 3], requiresGrad: true)
        let out = Tensor.record(Tensor(zeros: [2, 3]), op: .square, inputs: [x]) { _ in [Tensor(zeros: [7])] }
        XCTAssertThrowsError(try out.sum().backward()) { error in
            XCTAssertEqual(error as? TensorError, .shapeMismatch(op: "backward of square", lhs: [2, 3], rhs: [7]))
        }
        XCTAssertNil(x.grad)
    }

    func testWrongNumberOfGradientsThrows() throws {
        let x = Tensor(zeros: [2], requiresGrad: true)
        let out = Tensor.record(Tensor(zeros: [2]), op: .shift, inputs: [x]) { g in [g, g] }
        XCTAssertThrowsError(try out.sum().backward()) { error in
            XCTAssertEqual(error as? TensorError, .invalidArgument(op: "backward of shift", reason: "2 gradients for 1 inputs"))
        }
    }

    func testAddAssignChecksTheShape() throws {
        let a = Tensor.full([4], 1)
        XCTAssertThrowsError(try a.addAssign(Tensor.full([8], 2))) { error in
            XCTAssertEqual(error as? TensorError, .shapeMismatch(op: "addAssign", lhs: [4], rhs: [8]))
        }
        XCTAssertThrowsError(try a.addAssign(Tensor.full([2, 2], 2)))
        try a.addAssign(Tensor.full([4], 2))
        XCTAssertEqual(a.toArray(), [3, 3, 3, 3])
    }

    func testGradientsStillAccumulateAcrossUses() throws {
        let x = Tensor.full([3], 2); x.requiresGrad = true
        try x.mul(x).add(x).sum().backward()   // d/dx (x² + x) = 2x + 1
        XCTAssertEqual(x.grad?.toArray(), [5, 5, 5])
        XCTAssertEqual(try x.mul(x).opKind, .mul)
    }
}
