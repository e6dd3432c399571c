// RL rollouts and evaluation samples as inspectable responses, so inspect / step / analyze /
// fork / compare accept them like generated Samples.
import Foundation
import OctoModel
import OctoTokenizer
import OctoEval
import OctoRL

extension RolloutBox: InspectableResponse {
    public var responseText: String { rollout.text }
    public var promptIds: [Int] { rollout.promptIds }
    public var responseIds: [Int] { rollout.ids }
    public var tokenLogprobs: [Double]? { rollout.logprobs.count == rollout.ids.count ? rollout.logprobs.map(Double.init) : nil }
    public var tokenEntropies: [Double]? { rollout.entropies.count == rollout.ids.count ? rollout.entropies.map(Double.init) : nil }
    public var reward: Double? { rollout.reward }
    public var tokenAdvantages: [Double]? {
        rollout.tokenAdvantages.count == rollout.ids.count ? rollout.tokenAdvantages
            : Array(repeating: rollout.advantage, count: rollout.ids.count)
    }
    public var gold: String? { rollout.gold }
    public var truncated: Bool { rollout.truncated }
    public var responseModel: DecoderModel? { run.model }
    public var responseTokenizer: Tokenizer? { run.model.tokenizer }
}

extension EvalSampleBox: InspectableResponse {
    public var responseText: String { sample.text }
    public var promptIds: [Int] { sample.raw?.promptIds ?? [] }
    public var responseIds: [Int] { sample.ids }
    public var tokenLogprobs: [Double]? { sample.logprobs.count == sample.ids.count ? sample.logprobs.map(Double.init) : nil }
    public var tokenEntropies: [Double]? { sample.entropies.count == sample.ids.count ? sample.entropies.map(Double.init) : nil }
    public var tokenAlternatives: [[(id: Int, prob: Double)]]? {
        guard let alts = sample.raw?.alternatives, alts.count == sample.ids.count else { return nil }
        return alts.map { $0.map { ($0.id, Double($0.prob)) } }
    }
    public var reward: Double? { sample.correct ? 1 : 0 }
    public var gold: String? { sample.gold }
    public var truncated: Bool { sample.stopReason == .maxTokens }
    public var responseModel: DecoderModel? { model }
    public var responseTokenizer: Tokenizer? { tokenizer ?? model?.tokenizer }
}
