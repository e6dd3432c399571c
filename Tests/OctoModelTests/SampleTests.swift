import Foundation
import XCTest
@testable import OctoModel
import OctoBase

/// `Sample` is Equatable and Codable (RL rollouts hold one): a JSON round trip keeps every
/// field, alternatives included, and equality sees a change in any of them.
final class SampleTests: XCTestCase {
    func testJSONRoundTripKeepsEveryField() throws {
        let model = try loadFixtureModel("tiny-llama")
        var rng = RNG(seed: 5)
        let opts = SamplingOptions(temperature: 1, maxTokens: 6, stopTokens: [51], alternatives: 2)
        let samples = try model.generate(prompts: [[595, 51, 256]], n: 3, options: opts, rng: &rng,
                                         decode: { $0.map(String.init).joined(separator: " ") }).flatMap { $0 }
        let s = try XCTUnwrap(samples.first)
        XCTAssertEqual(s.alternatives.count, s.ids.count)
        let back = try JSONDecoder().decode([Sample].self, from: JSONEncoder().encode(samples))
        XCTAssertEqual(back, samples)
        XCTAssertEqual(back.map(\.text), samples.map(\.text))
        XCTAssertEqual(back[0].alternatives.map { $0.map(\.id) }, s.alternatives.map { $0.map(\.id) })
        XCTAssertEqual(back[0].alternatives.map { $0.map(\.prob) }, s.alternatives.map { $0.map(\.prob) })
    }

    func testEqualitySeesEachField() {
        var a = Sample(promptIds: [1, 2])
        a.ids = [3, 4]; a.logprobs = [-0.5, -1]; a.entropies = [0.25, 0.75]
        a.alternatives = [[(id: 3, prob: 0.5), (id: 7, prob: 0.25)], [(id: 4, prob: 0.75)]]
        a.stopReason = .stopToken; a.text = "x"
        XCTAssertEqual(a, a)
        var b = a; b.alternatives[0][1].prob = 0.125
        XCTAssertNotEqual(a, b)
        b = a; b.alternatives[1][0].id = 5
        XCTAssertNotEqual(a, b)
        b = a; b.alternatives[1] = []
        XCTAssertNotEqual(a, b)
        b = a; b.stopReason = .maxTokens
        XCTAssertNotEqual(a, b)
        b = a; b.promptIds = [1]
        XCTAssertNotEqual(a, b)
        b = a; b.entropies[0] = 0.5
        XCTAssertNotEqual(a, b)
    }

    func testDecodesWithoutAlternativesAndRefusesMissingFields() throws {
        let json = #"{"promptIds":[1],"ids":[2,3],"logprobs":[-1,-2],"entropies":[0.5,0.25],"stopReason":"stop_token","text":"hi"}"#
        let s = try JSONDecoder().decode(Sample.self, from: Data(json.utf8))
        XCTAssertEqual(s.ids, [2, 3])
        XCTAssertTrue(s.alternatives.isEmpty)
        XCTAssertFalse(s.truncated)
        let noText = #"{"promptIds":[1],"ids":[2],"logprobs":[-1],"entropies":[0.5],"stopReason":"max_tokens"}"#
        XCTAssertThrowsError(try JSONDecoder().decode(Sample.self, from: Data(noText.utf8)))
    }
}
