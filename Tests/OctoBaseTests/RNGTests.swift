import Foundation
import XCTest
import OctoBase

/// The one seeded generator: reference outputs, named splits, resumable state, distributions.
final class RNGTests: XCTestCase {
    func testReferenceOutputsOfSplitMix64() {
        // Reference values of SplitMix64 (Steele et al.; Vigna's splitmix64.c) for seed 0.
        var g = RNG(seed: 0)
        XCTAssertEqual(g.next(), 0xe220_a839_7b1d_cdaf)
        XCTAssertEqual(g.next(), 0x6e78_9e6a_a1b9_65f4)
        XCTAssertEqual(g.next(), 0x06c4_5d18_8009_454f)
    }

    func testNamedSplitsAreIndependentAndDoNotAdvanceTheParent() {
        let root = RNG(seed: 7)
        var data = root.split("data"), initS = root.split("init"), again = root.split("data")
        let d = (0..<8).map { _ in data.next() }
        XCTAssertNotEqual(d, (0..<8).map { _ in initS.next() })
        XCTAssertEqual(d, (0..<8).map { _ in again.next() })
        XCTAssertEqual(root, RNG(seed: 7), "split must not advance the parent")
        XCTAssertEqual(root.split("x"), RNG(seed: 7, stream: "x"))
    }

    func testSavedStateResumesTheStream() throws {
        var a = RNG(seed: 42, stream: "mixture")
        _ = (0..<3).map { _ in a.next() }
        let saved = try JSONEncoder().encode(a)
        var b = try JSONDecoder().decode(RNG.self, from: saved)
        XCTAssertEqual((0..<5).map { _ in a.next() }, (0..<5).map { _ in b.next() })
    }

    func testDistributions() {
        var n = RNG(seed: 1)
        let draws = (0..<20000).map { _ in Double(n.normal()) }
        let mean = draws.reduce(0, +) / 20000, varc = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20000
        XCTAssertEqual(mean, 0, accuracy: 0.03); XCTAssertEqual(varc, 1, accuracy: 0.05)
        var c = RNG(seed: 3)
        var counts = [0, 0, 0]
        for _ in 0..<30000 { counts[c.categorical([1, 2, 7])] += 1 }
        XCTAssertEqual(Double(counts[2]) / 30000, 0.7, accuracy: 0.02)
        XCTAssertEqual(c.categorical([0, 0]), 0, "all-zero weights pick the first index")
        var u = RNG(seed: 5)
        for _ in 0..<1000 {
            let f = u.uniform(), d = u.uniformDouble(), i = u.int(below: 7), r = u.int(-3...3)
            XCTAssertTrue(f >= 0 && f < 1 && d >= 0 && d < 1)
            XCTAssertTrue((0..<7).contains(i) && (-3...3).contains(r))
        }
        XCTAssertEqual(u.int(below: 1), 0)
    }
}
