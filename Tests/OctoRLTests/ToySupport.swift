// A toy task every test can afford: "a+b=" with single digits (a + b ≤ 9), a character codec
// over "0123456789+=" (ids 0…11, EOS 12) and a tiny random Llama.
import Foundation
import XCTest
@testable import OctoRL
import OctoModel
import OctoTensor
import OctoData
import OctoBase

enum Toy {
    static let alphabet = Array("0123456789+=")
    static let codec = TextCodec.characters(alphabet)

    static func problems() -> [Problem] {
        var out: [Problem] = []
        for a in 0...9 { for b in 0...(9 - a) { out.append(Problem(id: "\(a)+\(b)", prompt: "\(a)+\(b)=", gold: "\(a + b)", source: "toy")) } }
        return out
    }

    /// Reward 1 when the first response character is the gold digit.
    static let judge: AnswerJudge = { problem, text, _ in
        guard let first = text.first else { return Verdict(answer: nil, correct: false) }
        return Verdict(answer: String(first), correct: String(first) == problem.gold)
    }

    static func model(seed: UInt64 = 1, hidden: Int = 32, layers: Int = 2) throws -> DecoderModel {
        var rng = RNG(seed: seed)
        let spec = ModelConfig(family: .llama, vocabSize: alphabet.count + 1, hiddenSize: hidden, hiddenLayers: layers, attentionHeads: 4,
                               kvHeads: 2, intermediateSize: 2 * hidden, maxPositionEmbeddings: 64, initializerRange: 0.1)
        return try DecoderModel(randomWith: spec, rng: &rng)
    }

    static func config(batch: Int = 8, group: Int = 4, minibatch: Int = 4, lr: Double = 1e-2, maxTokens: Int = 3) -> RLConfig {
        var c = RLConfig()
        c.batch = batch; c.group = group; c.minibatch = minibatch; c.microBatch = 8
        c.lr = lr; c.maxTokens = maxTokens; c.template = .plain; c.seed = 7; c.weightDecay = 0
        return c
    }

    static func tempDir(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("octorl-\(name)-\(UUID().uuidString)")
    }
}

/// Bitwise equality of two parameter stores.
func assertSameWeights(_ a: ParameterStore, _ b: ParameterStore, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.names, b.names, file: file, line: line)
    for (name, t) in a.all {
        guard let u = b[name] else { XCTFail("missing \(name)", file: file, line: line); continue }
        XCTAssertEqual(t.toArray().map(\.bitPattern), u.toArray().map(\.bitPattern), "\(name) differs", file: file, line: line)
    }
}
