import XCTest
@testable import OctoTensor

/// backward() releases the graph as it walks it (PyTorch's retain_graph=False): the saved
/// activations are freed layer by layer, a second backward through the same graph is a typed
/// error, and gradients stay exact although freed tensors' addresses are reused mid-walk.
final class GraphReleaseTests: XCTestCase {
    func testSavedActivationsAreFreedByBackward() throws {
        let x = Tensor.full([4], 3); x.requiresGrad = true
        weak var saved: Tensor?
        var loss: Tensor
        do {
            let activation = Tensor.full([4], 2)
            saved = activation
            let y = Tensor.record(Tensor.full([4], 6), op: .mul, inputs: [x]) { g in [try? g.mul(activation)] }
            loss = try y.sum()
        }
        XCTAssertNotNil(saved, "the backward closure holds the activation until backward runs")
        try loss.backward()
        XCTAssertNil(saved, "backward released the closure and the activation it saved")
        XCTAssertEqual(x.grad?.toArray(), [2, 2, 2, 2])
    }

    func testSecondBackwardThroughTheSameGraphIsAnError() throws {
        let x = Tensor.full([2], 1); x.requiresGrad = true
        let y = try x.mul(x)
        let loss = y.sum()
        try loss.backward()
        XCTAssertNil(y.opKind, "the intermediate's node was released")
        XCTAssertThrowsError(try loss.backward()) { error in
            guard case .noGradient(let reason)? = error as? TensorError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("already used its graph"), reason)
        }
        XCTAssertEqual(x.grad?.toArray(), [2, 2], "the failed second call added nothing")
    }

    func testGradientsExactThroughManyShortLivedTemporaries() throws {
        // Σ_i (x·x + x·i): many temporaries freed during the walk, shared input x everywhere.
        let x = try Tensor([0.5, -1.5, 2], shape: [3]); x.requiresGrad = true
        var total = try x.mul(x).sum()
        for i in 1...40 { total = try total.add(x.mul(Tensor.full([3], Float(i))).sum()) }
        try total.backward()
        // d/dx = 2x + Σ i = 2x + 820
        let expected: [Float] = [821, 817, 824]
        XCTAssertEqual(x.grad?.toArray(), expected)
    }
}
