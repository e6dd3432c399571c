import Foundation
@testable import OctoBindings
import OctoSession
@testable import OctoModel
import OctoTokenizer

/// The package root, from this file's path.
let inspectPackageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let tinyLlamaPath = inspectPackageRoot.appendingPathComponent("Tests/Fixtures/hf/tiny-llama").path

/// A hand-made rollout (as the RL engine's will be): conforms to InspectableResponse and is
/// declared with its own NativeType, so the inspect functions must find it through `host`.
final class HandRollout: InspectableResponse {
    let responseText: String
    let promptIds: [Int]
    let responseIds: [Int]
    let tokenLogprobs: [Double]?
    let reward: Double?
    let tokenAdvantages: [Double]?
    let gold: String?
    let responseTokenizer: Tokenizer?
    init(text: String, prompt: [Int], ids: [Int], logprobs: [Double], reward: Double, advantages: [Double], gold: String, tokenizer: Tokenizer) {
        responseText = text; promptIds = prompt; responseIds = ids; tokenLogprobs = logprobs; self.reward = reward
        tokenAdvantages = advantages; self.gold = gold; responseTokenizer = tokenizer
    }
    static let type = NativeType<HandRollout>("Rollout", doc: "a test rollout") { t in t.repr { _ in "<Rollout>" } }
}

/// Fixtures shared by the inspect tests: the tiny model, its tokenizer, a hand-made sample.
enum InspectFixture {
    static let model: DecoderModel? = try? DecoderModel.load(folder: URL(fileURLWithPath: tinyLlamaPath))

    /// " The answer is 7.\nWait, 3 + 4 = 7." with made-up logprobs, entropies and top-2 alternatives.
    static func sample() throws -> SampleBox {
        guard let model, let tok = model.tokenizer else { throw TestSkip.missing("tiny-llama fixture") }
        let text = " The answer is 7.\nWait, 3 + 4 = 7."
        let ids = tok.encode(text, addSpecialTokens: false)
        var s = Sample(promptIds: tok.encode("Q: 3 + 4?\nA:"))
        s.ids = ids
        s.logprobs = ids.indices.map { i in i == 5 ? -3.25 : i == 11 ? -2 : -0.0625 * Float(i) }
        s.entropies = ids.indices.map { i in i == 6 ? 2.5 : i == 14 ? 1.75 : 0.125 + 0.0625 * Float(i) }
        s.alternatives = ids.indices.map { i in [(id: ids[i], prob: Float(0.75)), (id: (ids[i] + 1) % 595, prob: Float(0.125))] }
        s.stopReason = .maxTokens
        s.text = text
        return SampleBox(s, tokenizer: tok, model: model)
    }

    /// A session with `r` (the hand-made sample) and the output of each cell.
    static func session() throws -> (Session, (String) throws -> String) {
        var out = ""
        let session = Session(write: { out += $0 }, writeError: { out += $0 })
        session.interpreter.setGlobal("r", ModelBindings.sampleType.wrap(try sample()))
        InterruptibleProgress.barsEnabled = false
        return (session, { cell in out = ""; try session.runCell(cell); return out })
    }
}

extension InspectFixture {
    /// Two hand-made rollouts that agree on 4 tokens, then differ (" 7.\n" vs " 8.\n,").
    static func rollouts() throws -> (HandRollout, HandRollout) {
        guard let tok = model?.tokenizer else { throw TestSkip.missing("tiny-llama fixture") }
        let a = HandRollout(text: " The answer is 7.\n", prompt: [1, 2], ids: [326, 317, 431, 220, 22, 320], logprobs: [-0.5, -1, -0.25, -2, -0.125, -0.75],
                            reward: 1, advantages: [0.5, 0.25, 0, -0.25, 1.5, -1], gold: "7", tokenizer: tok)
        let b = HandRollout(text: " The answer is 8.\n,", prompt: [1, 2], ids: [326, 317, 431, 220, 23, 320, 11], logprobs: [-0.5, -1, -0.25, -2, -3, -0.75, -1],
                            reward: 0, advantages: Array(repeating: -0.5, count: 7), gold: "7", tokenizer: tok)
        return (a, b)
    }

    /// `session()` with the two hand-made rollouts bound to `a` and `b`.
    static func sessionWithRollouts() throws -> (Session, (String) throws -> String) {
        let (s, run) = try session()
        let (a, b) = try rollouts()
        s.interpreter.setGlobal("a", HandRollout.type.wrap(a))
        s.interpreter.setGlobal("b", HandRollout.type.wrap(b))
        return (s, run)
    }

    /// A cell binding `t` to four hand-made chains of thought (correct, looping, reflecting, no answer).
    static let cotTexts = #"t = ["We have 3 + 4 = 7. So the answer is \\boxed{7}.", "3 + 4 = 7.\nWait, let me check. Wait, let me check. Wait, let me check. Wait, let me", "Hmm, 3 + 4 = 8. Alternatively, 3 + 4 = 7? I think \\boxed{8}.", "I do not know."]"#
}

enum TestSkip: Error { case missing(String) }
