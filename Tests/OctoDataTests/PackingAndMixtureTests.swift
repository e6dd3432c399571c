import XCTest
@testable import OctoData

final class PackingAndMixtureTests: XCTestCase {
    func testPackingLaysDocumentsEndToEndWithEOSAndOverlappingWindows() throws {
        let packed = try PackedSequences(documents: [[1, 2, 3], [4, 5], [6]], eos: 0, seqLen: 3)
        XCTAssertEqual(packed.stream, [1, 2, 3, 0, 4, 5, 0, 6, 0])
        XCTAssertEqual(packed.count, 2)
        XCTAssertEqual(Array(try packed.sequence(0)), [1, 2, 3, 0])
        XCTAssertEqual(Array(try packed.sequence(1)), [0, 4, 5, 0])
        XCTAssertEqual(packed.droppedTokens, 2)
        let pair = try packed.pair(1)
        XCTAssertEqual(Array(pair.inputs), [0, 4, 5])
        XCTAssertEqual(Array(pair.targets), [4, 5, 0])
        XCTAssertThrowsError(try packed.sequence(2)) { XCTAssertEqual($0 as? DataError, .indexOutOfRange(index: 2, count: 2)) }
        XCTAssertThrowsError(try PackedSequences(documents: [[1]], eos: 0, seqLen: 0))
        XCTAssertEqual(try PackedSequences(documents: [[1]], eos: 0, seqLen: 5).count, 0)
    }

    func makeMixture(seed: UInt64 = 11) throws -> Mixture {
        let a = try PackedSequences(documents: (0..<40).map { [100 + $0, 1, 2] }, eos: 0, seqLen: 3)
        let b = try PackedSequences(documents: (0..<7).map { [200 + $0, 1, 2] }, eos: 0, seqLen: 3)
        let c = try PackedSequences(documents: (0..<3).map { [300 + $0, 1, 2] }, eos: 0, seqLen: 3)
        return try Mixture(components: [MixtureComponent(name: "a", weight: 6, sequences: a),
                                        MixtureComponent(name: "b", weight: 3, sequences: b),
                                        MixtureComponent(name: "c", weight: 1, sequences: c)], seed: seed)
    }

    func testMixtureProportionsWithinTolerance() throws {
        var m = try makeMixture()
        XCTAssertEqual(m.proportions, [0.6, 0.3, 0.1])
        var counts = [0, 0, 0]
        for _ in 0..<20_000 { counts[m.next().component] += 1 }
        for (c, p) in zip(counts, m.proportions) { XCTAssertEqual(Double(c) / 20_000, p, accuracy: 0.015) }
        XCTAssertEqual(m.cursor.drawn, 20_000)
    }

    func testMixtureIsDeterministicAndVisitsEverySequencePerEpoch() throws {
        var m1 = try makeMixture(), m2 = try makeMixture(), m3 = try makeMixture(seed: 12)
        let d1 = m1.next(batch: 300), d2 = m2.next(batch: 300), d3 = m3.next(batch: 300)
        XCTAssertEqual(d1, d2)
        XCTAssertNotEqual(d1.map(\.index), d3.map(\.index))
        let n = m1.components[1].sequences.count
        XCTAssertEqual(n, 9, "7 documents of 3 tokens + EOS = 28 tokens = 9 windows of 3")
        let firstEpoch = d1.filter { $0.component == 1 }.prefix(n).map(\.index)
        XCTAssertEqual(firstEpoch.sorted(), Array(0..<n), "one epoch is a permutation")
    }

    func testCursorResumeGivesTheSameContinuation() throws {
        var straight = try makeMixture()
        let all = straight.next(batch: 1_000)
        var first = try makeMixture()
        _ = first.next(batch: 437)
        let saved = try JSONEncoder().encode(first.cursor)
        var resumed = try makeMixture()
        try resumed.restore(try JSONDecoder().decode(MixtureCursor.self, from: saved))
        XCTAssertEqual(resumed.next(batch: 563), Array(all[437...]))
        var forked = first
        XCTAssertEqual(forked.next(batch: 10), first.next(batch: 10), "a copy continues identically")
    }

    func testCursorMismatchAndBadWeightsAreErrors() throws {
        var m = try makeMixture()
        var other = try makeMixture(seed: 99)
        XCTAssertThrowsError(try m.restore(other.cursor)) { guard case DataError.cursorMismatch = $0 else { return XCTFail("\($0)") } }
        _ = other.next()
        let seqs = try PackedSequences(documents: [[1, 2, 3]], eos: 0, seqLen: 3)
        XCTAssertThrowsError(try Mixture(components: [MixtureComponent(name: "x", weight: 0, sequences: seqs)], seed: 1))
        XCTAssertThrowsError(try Mixture(components: [], seed: 1))
    }
}
