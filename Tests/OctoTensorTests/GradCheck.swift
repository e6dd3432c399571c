// Central-difference gradient checking used by every op's test.
import XCTest
@testable import OctoTensor
import OctoBase

/// Checks d(Σ f(inputs)·w)/d(input) against central differences, w fixed random weights.
/// The loss is accumulated in Double to keep the finite differences clean.
func gradCheck(_ name: String, inputs: [Tensor], eps: Float = 1e-3, atol: Double = 3e-3, rtol: Double = 2e-2,
               file: StaticString = #filePath, line: UInt = #line, _ f: ([Tensor]) throws -> Tensor) throws {
    for t in inputs { t.requiresGrad = true; t.grad = nil }
    let out0 = try f(inputs)
    var rng = RNG(seed: 99)
    let w = Tensor.randn(out0.shape, rng: &rng)
    func lossValue() throws -> Double {
        let o = try noGrad { try f(inputs) }.toArray()
        let wv = w.toArray()
        var s = 0.0
        for i in 0..<o.count { s += Double(o[i]) * Double(wv[i]) }
        return s
    }
    let loss = try out0.mul(w).sum()
    try loss.backward()
    var worst = 0.0
    for (k, t) in inputs.enumerated() {
        guard let g = t.grad?.toArray() else { XCTFail("\(name): input \(k) got no gradient", file: file, line: line); continue }
        XCTAssertEqual(g.count, t.count, file: file, line: line)
        for i in 0..<t.count {
            let saved = t.data[i]
            t.data[i] = saved + eps; let lp = try lossValue()
            t.data[i] = saved - eps; let lm = try lossValue()
            t.data[i] = saved
            let num = (lp - lm) / (2 * Double(eps))
            let err = abs(num - Double(g[i]))
            worst = max(worst, err / (atol + rtol * abs(num)))
            if err > atol + rtol * abs(num) {
                XCTFail("\(name): input \(k)[\(i)] analytic \(g[i]) vs numeric \(num)", file: file, line: line)
                return
            }
        }
    }
}

func randn(_ shape: [Int], seed: UInt64, std: Float = 1) -> Tensor {
    var r = RNG(seed: seed)
    return Tensor.randn(shape, std: std, rng: &r)
}
