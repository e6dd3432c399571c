import XCTest
import Foundation
@testable import OctoTrain
import OctoModel
import OctoData
import OctoTensor
import OctoTokenizer
import OctoBase

/// Phases: loss goes down, partial runs and checkpoints resume bit-identically, branches
/// leave their parent alone.
final class PhaseTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    static let tokenizer: Tokenizer? = try? Tokenizer(contentsOf: trainFixtures.appendingPathComponent("tiny-llama"))

    func makeMixture(seed: UInt64 = 5, kinds: [LabCorpusKind] = [.mathWeb, .qaShort]) throws -> Mixture {
        let tok = try XCTUnwrap(Self.tokenizer)
        let lab = MathLab(seed: 11)
        let comps = try kinds.map { kind -> MixtureComponent in
            let docs = lab.documents(kind: kind, count: 30).map { tok.encode($0, addSpecialTokens: false) }
            return MixtureComponent(name: kind.rawValue, weight: 1, sequences: try PackedSequences(documents: docs, eos: tok.eosId ?? 0, seqLen: 32))
        }
        return try Mixture(components: comps, seed: seed)
    }

    func makeModel() throws -> DecoderModel {
        var rng = RNG(seed: 21)
        let spec = ModelConfig(family: .llama, vocabSize: try XCTUnwrap(Self.tokenizer).vocabSize, hiddenSize: 32, hiddenLayers: 2,
                               attentionHeads: 4, kvHeads: 2, intermediateSize: 64)
        let m = try DecoderModel(randomWith: spec, rng: &rng)
        m.tokenizer = Self.tokenizer
        return m
    }

    func weights(_ m: DecoderModel) -> [Float] { m.params.all.flatMap { $0.1.toArray() } }

    func testLossDecreasesOnLabCorpus() throws {
        let p = try Phase(model: makeModel(), data: makeMixture(), config: PhaseConfig(totalTokens: 32 * 8 * 40, batchTokens: 32 * 8, peakLR: 3e-3))
        try p.run()
        XCTAssertEqual(p.step, 40)
        let first = p.history.prefix(3).map(\.loss).reduce(0, +) / 3, last = p.history.suffix(3).map(\.loss).reduce(0, +) / 3
        XCTAssertLessThan(last, first - 1.0, "loss \(first) → \(last)")
    }

    func testResumeIsBitIdenticalIncludingInsideADecayBranch() throws {
        let cfg = PhaseConfig(totalTokens: 32 * 4 * 8, batchTokens: 32 * 4, peakLR: 2e-3, schedule: .wsd(warmup: 0.1, decay: 0.3, shape: .cosine, floor: 0), microBatch: 3)
        // Straight: 8 stable steps, then a 6-step decay branch.
        let straight = try Phase(model: makeModel(), data: makeMixture(), config: cfg)
        try straight.run()
        let decayStraight = try straight.branch(name: "long", data: makeMixture(seed: 9, kinds: [.qaLong]), tokens: 32 * 4 * 6, schedule: .cosine(warmup: 0, floor: 0.1))
        try decayStraight.run()

        // In parts: 4 steps, save, resume from disk, 4 more; branch, 3 steps, save, resume, 3 more.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("octo-phase-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try Phase(model: makeModel(), data: makeMixture(), config: cfg)
        try a.run(fraction: 0.5)
        XCTAssertEqual(a.step, 4)
        try a.save(to: dir.appendingPathComponent("stable"))
        let b = try Phase.resume(from: dir.appendingPathComponent("stable"), data: makeMixture())
        try b.run()
        XCTAssertEqual(weights(b.model), weights(straight.model))
        XCTAssertEqual(b.history.map { [$0.loss, $0.lr, $0.gradNorm] }, straight.history.map { [$0.loss, $0.lr, $0.gradNorm] })
        let d1 = try b.branch(name: "long", data: makeMixture(seed: 9, kinds: [.qaLong]), tokens: 32 * 4 * 6, schedule: .cosine(warmup: 0, floor: 0.1))
        try d1.run(steps: 3)
        try d1.save(to: dir.appendingPathComponent("long"))
        let d2 = try Phase.resume(from: dir.appendingPathComponent("long"), data: makeMixture(seed: 9, kinds: [.qaLong]))
        XCTAssertEqual(d2.parent?.name, "phase")
        try d2.run()
        XCTAssertEqual(weights(d2.model), weights(decayStraight.model))
        XCTAssertEqual(d2.history.map(\.loss), decayStraight.history.map(\.loss))
    }

    func testBranchLeavesParentUnchanged() throws {
        let p = try Phase(model: makeModel(), data: makeMixture(), config: PhaseConfig(totalTokens: 32 * 4 * 4, batchTokens: 32 * 4, peakLR: 1e-3))
        try p.run(steps: 2)
        let before = weights(p.model), cursor = p.data.cursor, optStep = p.optimizer.stepCount
        let br = try p.branch(name: "b", data: makeMixture(seed: 2), tokens: 32 * 4 * 3, schedule: .linear(warmup: 0, floor: 0))
        try br.run()
        XCTAssertEqual(weights(p.model), before)
        XCTAssertEqual(p.data.cursor, cursor)
        XCTAssertEqual(p.optimizer.stepCount, optStep)
        XCTAssertNotEqual(weights(br.model), before)
        try p.run()
        XCTAssertEqual(p.step, 4)
    }

    func testInterruptKeepsState() throws {
        final class StopAfter: ProgressReporter {
            var n: Int; init(_ n: Int) { self.n = n }
            func begin(_ e: ProgressEvent) {}
            func update(_ e: ProgressEvent) { n -= 1 }
            func end(_ e: ProgressEvent, interrupted: Bool) {}
            var shouldContinue: Bool { n > 0 }
        }
        let p = try Phase(model: makeModel(), data: makeMixture(), config: PhaseConfig(totalTokens: 32 * 4 * 10, batchTokens: 32 * 4, peakLR: 1e-3))
        XCTAssertEqual(try p.run(progress: StopAfter(3)), 3)
        XCTAssertEqual(p.step, 3)
        XCTAssertEqual(try p.run(), 7)
    }

    /// The bar shows "step/s": events carry no engine rate (tokens/s is a stat, not the rate of
    /// the unit shown), and count to this call's target so the ETA is the call's time left.
    func testProgressEventsCountStepsToTheCallsTarget() throws {
        final class Record: ProgressReporter {
            var events: [ProgressEvent] = []
            func begin(_ e: ProgressEvent) { events.append(e) }
            func update(_ e: ProgressEvent) { events.append(e) }
            func end(_ e: ProgressEvent, interrupted: Bool) { events.append(e) }
            var shouldContinue: Bool { true }
        }
        let p = try Phase(model: makeModel(), data: makeMixture(), config: PhaseConfig(totalTokens: 32 * 4 * 10, batchTokens: 32 * 4, peakLR: 1e-3))
        XCTAssertEqual(try p.plannedSteps(fraction: 0.3), 3)
        XCTAssertEqual(try p.plannedSteps(steps: 50), 10)
        let r = Record()
        XCTAssertEqual(try p.run(steps: 2, progress: r), 2)
        XCTAssertEqual(r.events.map(\.done), [0, 1, 2, 2])
        XCTAssertEqual(r.events.map(\.total), [2, 2, 2, 2])
        XCTAssertTrue(r.events.allSatisfy { $0.unit == "step" && $0.rate == nil })
        XCTAssertEqual(r.events[1].stats.map(\.0), ["loss", "lr", "grad_norm", "tok/s"])
        XCTAssertEqual(r.events[1].stats[3].1, p.history[0].tokensPerSecond)
    }

    func testBadConfigsAreErrors() throws {
        XCTAssertThrowsError(try Phase(model: makeModel(), data: makeMixture(), config: PhaseConfig(totalTokens: 10, batchTokens: 8, peakLR: 1e-3)))
        let p = try Phase(model: makeModel(), data: makeMixture(), config: PhaseConfig(totalTokens: 320, batchTokens: 32, peakLR: 1e-3))
        XCTAssertThrowsError(try p.run(fraction: 1.5))
        XCTAssertThrowsError(try Phase.resume(from: URL(fileURLWithPath: "/nonexistent/ckpt"), data: makeMixture()))
    }
}
