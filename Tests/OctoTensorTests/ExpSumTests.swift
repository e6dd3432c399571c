// octo_exp_sum, the exponential sum behind softmax, log-sum-exp, cross-entropy and attention:
// the last n mod 16 elements (a vector block of their own) get the same bits as the elements
// of the main loop, and the sum follows the documented order (16 lanes over whole blocks, the
// tail added to lane 0 in order, the lanes combined in order), with or without storing.
import XCTest
import CSupport

final class ExpSumTests: XCTestCase {
    func testTailElementsMatchTheMainLoopAndTheSumKeepsItsOrder() {
        var rng: UInt64 = 0x9e3779b97f4a7c15
        let full = 64
        let x: [Float] = (0..<full).map { _ in
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int(rng >> 40) % 20001 - 10000) / 1000   // −10 … 10
        }
        let scale: Float = 0.7, shift: Float = 1.25
        var reference = [Float](repeating: 0, count: full)
        _ = x.withUnsafeBufferPointer { xp in
            reference.withUnsafeMutableBufferPointer { octo_exp_sum(xp.baseAddress, $0.baseAddress, full, scale, shift) }
        }
        for n in 1...full {
            var y = [Float](repeating: .nan, count: n)
            let sum = x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { octo_exp_sum(xp.baseAddress, $0.baseAddress, n, scale, shift) }
            }
            let sumOnly = x.withUnsafeBufferPointer { octo_exp_sum($0.baseAddress, nil, n, scale, shift) }
            XCTAssertEqual(y, Array(reference[0..<n]), "n=\(n): exponentials differ from the main loop's")
            var lanes = [Float](repeating: 0, count: 16)
            let whole = n / 16 * 16
            for i in 0..<whole { lanes[i % 16] += y[i] }
            for i in whole..<n { lanes[0] += y[i] }
            var expected: Float = 0
            for lane in lanes { expected += lane }
            XCTAssertEqual(sum.bitPattern, expected.bitPattern, "n=\(n): sum order")
            XCTAssertEqual(sumOnly.bitPattern, sum.bitPattern, "n=\(n): sum without storing")
            XCTAssertEqual(Double(sum), y.reduce(0.0) { $0 + Double($1) }, accuracy: Double(sum) * 1e-5)
            XCTAssertEqual(Double(y[n - 1]), Foundation.exp(Double(x[n - 1] * scale - shift)), accuracy: Double(y[n - 1]) * 1e-6)
        }
    }
}
