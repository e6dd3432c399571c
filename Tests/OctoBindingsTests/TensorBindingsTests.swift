import XCTest
@testable import OctoBindings

/// Tensors in the language: numpy-like printing, tensor(), indexing, elementwise arithmetic.
final class TensorBindingsTests: XCTestCase {
    private func run(_ cells: String...) -> String {
        ScriptThread.run {
            let interp = Bindings.makeInterpreter()
            var out = ""
            interp.output = { out += $0 }
            for cell in cells {
                do {
                    if let v = try interp.run(cell, name: "t"), v.repr != "nil" { out += v.repr + "\n" }
                } catch let e as ScriptError { return out + "ERROR " + e.description }
                catch { return out + "ERROR \(error)" }
            }
            return out
        }
    }

    func testPrintsLikeNumpyAndIndexes() {
        XCTAssertEqual(run("t = tensor([[1, 2, 3], [4, 5, 6]])", "t"), "tensor([[1., 2., 3.],\n        [4., 5., 6.]])\n")
        XCTAssertEqual(run("t = tensor([[1, 2, 3], [4, 5, 6]])", "[t[0], t[1][2], t[-1][-3], t.shape, len(t)]"),
                       "[tensor([1., 2., 3.]), 6.0, 4.0, [2, 3], 2]\n")
        XCTAssertEqual(run("tensor(3).item()"), "3.0\n")
        XCTAssertEqual(run("[r.tolist() for r in tensor([[1, 2], [3, 4]])]"), "[[1.0, 2.0], [3.0, 4.0]]\n")
    }

    func testElementwiseArithmeticWithNumbersAndSameShapeTensors() {
        XCTAssertEqual(run("t = tensor([1, 2, 4])", "(t * 2 + 1).tolist()"), "[3.0, 5.0, 9.0]\n")
        XCTAssertEqual(run("t = tensor([1, 2, 4])", "(1 - t).tolist(), (8 / t).tolist(), (t / 2).tolist()"),
                       "[[0.0, -1.0, -3.0], [8.0, 4.0, 2.0], [0.5, 1.0, 2.0]]\n")
        XCTAssertEqual(run("a = tensor([[1, 2], [3, 4]])", "(a * a - a).tolist(), (-a)[1].tolist()"), "[[[0.0, 2.0], [6.0, 12.0]], [-3.0, -4.0]]\n")
        XCTAssertEqual(run("(tensor([1, -1]) / 0).tolist()"), "[inf, -inf]\n", "float32 division, as numpy")
    }

    func testArithmeticErrorsAreLocatedAndSayWhy() {
        XCTAssertEqual(run("a = tensor([1, 2])", "a + tensor([1, 2, 3])"),
                       "ERROR t:1:3: error: elementwise + needs tensors of the same shape, got [2] and [3]")
        XCTAssertEqual(run("a = tensor([1, 2])", "a ** 2"), "ERROR t:1:3: error: unsupported operand types for **: Tensor and int")
        XCTAssertEqual(run("a = tensor([1, 2])", "a + \"x\""), "ERROR t:1:3: error: unsupported operand types for +: Tensor and str")
        XCTAssertEqual(run("tensor([[1, 2], [3]])"), "ERROR t:1:7: error: tensor() needs rectangular lists: rows of shape [2] and [1]")
        XCTAssertEqual(run("xs = []", "xs.append(xs)", "tensor(xs)"), "ERROR t:1:7: error: tensor() reads at most 16 nested lists")
        XCTAssertEqual(run("tensor([1, 2])[2]"), "ERROR t:1:15: error: index 2 out of range for dimension of size 2")
    }
}
