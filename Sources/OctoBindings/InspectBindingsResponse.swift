// What `inspect`, `step`, `analyze`, `fork` and `compare` read from a response: the
// `InspectableResponse` protocol, and how a language value is turned into one.
//
// ENGINE DEVELOPERS (RL rollouts, evaluation records): make your host class conform and the
// inspect functions accept your objects with no other change:
//
//     extension RolloutBox: InspectableResponse {
//         public var responseText: String { rollout.text }
//         public var promptIds: [Int] { rollout.promptIds }
//         public var responseIds: [Int] { rollout.ids }
//         public var tokenLogprobs: [Double]? { rollout.logprobs.map(Double.init) }
//         public var reward: Double? { rollout.reward }
//         public var tokenAdvantages: [Double]? { Array(repeating: rollout.advantage, count: rollout.ids.count) }
//         public var gold: String? { rollout.problem.answer }
//         public var truncated: Bool { rollout.truncated }
//         public var responseModel: DecoderModel? { policy }
//         public var responseTokenizer: Tokenizer? { policy.tokenizer }
//     }
//
// Only text, prompt ids and response ids are required; everything else has a default (nil /
// false / empty), and the views leave out what is missing (no reward column, no recomputed
// distribution without a model). A host declared with `NativeType` is found automatically
// (through its `host`); other values can be adapted with `InspectBindings.adapters`.
// A batch object is accepted by `analyze` when its NativeType declares `elements`.
import Foundation
import OctoModel
import OctoTokenizer
import OctoTerm

/// A generated response with per-token data, as the inspect views read it.
public protocol InspectableResponse: AnyObject {
    /// The response text (without the prompt; cut before a stop string).
    var responseText: String { get }
    /// Prompt token ids (the prefix `fork` extends).
    var promptIds: [Int] { get }
    /// Generated token ids, a final stop token included.
    var responseIds: [Int] { get }
    /// log p of each generated token under the sampling distribution.
    var tokenLogprobs: [Double]? { get }
    /// Entropy (nats) of the distribution each token was drawn from.
    var tokenEntropies: [Double]? { get }
    /// Top alternatives per token, (id, probability), most likely first.
    var tokenAlternatives: [[(id: Int, prob: Double)]]? { get }
    /// The sequence reward, if scored.
    var reward: Double? { get }
    /// Per-token advantages (GRPO: the sequence advantage repeated), if computed.
    var tokenAdvantages: [Double]? { get }
    /// The reference answer, if known (used by `analyze` when no gold is passed).
    var gold: String? { get }
    /// Generation stopped at max_tokens.
    var truncated: Bool { get }
    /// The model that generated it (for `fork` and recomputed distributions in `step`).
    var responseModel: DecoderModel? { get }
    /// Its tokenizer (token texts; without one tokens show as `[id]`).
    var responseTokenizer: Tokenizer? { get }
}

extension InspectableResponse {
    public var tokenLogprobs: [Double]? { nil }
    public var tokenEntropies: [Double]? { nil }
    public var tokenAlternatives: [[(id: Int, prob: Double)]]? { nil }
    public var reward: Double? { nil }
    public var tokenAdvantages: [Double]? { nil }
    public var gold: String? { nil }
    public var truncated: Bool { false }
    public var responseModel: DecoderModel? { nil }
    public var responseTokenizer: Tokenizer? { nil }
}

extension SampleBox: InspectableResponse {
    public var responseText: String { sample.text }
    public var promptIds: [Int] { sample.promptIds }
    public var responseIds: [Int] { sample.ids }
    public var tokenLogprobs: [Double]? { sample.logprobs.count == sample.ids.count ? sample.logprobs.map(Double.init) : nil }
    public var tokenEntropies: [Double]? { sample.entropies.count == sample.ids.count ? sample.entropies.map(Double.init) : nil }
    public var tokenAlternatives: [[(id: Int, prob: Double)]]? {
        sample.alternatives.count == sample.ids.count ? sample.alternatives.map { $0.map { ($0.id, Double($0.prob)) } } : nil
    }
    public var truncated: Bool { sample.truncated }
    public var responseModel: DecoderModel? { model }
    public var responseTokenizer: Tokenizer? { tokenizer ?? model.tokenizer }
}

/// Token texts of a response: raw text (for heat maps and context) and byte lengths.
struct ResponseTokens {
    /// Text of each token: its UTF-8 bytes when valid, else the bytes made visible (`<0xE2>`).
    let texts: [String]
    /// UTF-8 byte length of each token (for `TokenOffsets`).
    let byteLengths: [Int]

    init(_ r: InspectableResponse) {
        let tok = r.responseTokenizer
        var texts: [String] = [], lengths: [Int] = []
        for id in r.responseIds {
            guard let tok else { texts.append("[\(id)]"); lengths.append(0); continue }
            let bytes = tok.tokenBytes(id)
            lengths.append(bytes.count)
            if let s = String(validating: bytes, as: UTF8.self) { texts.append(s) } else { texts.append(visibleToken(bytes: bytes)) }
        }
        self.texts = texts; byteLengths = lengths
    }

    /// The text of token `id` for alternatives lists.
    static func text(_ id: Int, _ tok: Tokenizer?) -> String {
        guard let tok else { return "[\(id)]" }
        let bytes = tok.tokenBytes(id)
        return String(validating: bytes, as: UTF8.self) ?? visibleToken(bytes: bytes)
    }
}

extension InspectBindings {
    /// Extra ways to read a value as a response (tried before the automatic `host` lookup).
    nonisolated(unsafe) public static var adapters: [(Value) -> InspectableResponse?] = []

    /// The response inside `value`, or nil.
    static func response(_ value: Value) -> InspectableResponse? {
        for adapt in adapters { if let r = adapt(value) { return r } }
        if let box = ModelBindings.sampleType.unwrap(value) { return box }
        if case .native(let object) = value {
            if let r = object as? InspectableResponse { return r }
            return Mirror(reflecting: object).children.first { $0.label == "host" }?.value as? InspectableResponse
        }
        return nil
    }

    /// The response inside argument `name`, or a located type error.
    static func response(_ args: BoundArguments, _ name: String, _ function: String) throws -> InspectableResponse {
        guard let r = response(args[name]) else {
            throw args.error("\(function): \(name) must be a Sample (or another response object), got \(args[name].typeName)", kind: .type)
        }
        return r
    }
}

/// `s` on one line: newline → `↵`, tab → `→`, other control characters `<0xNN>`; spaces kept.
func visibleText(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
        if scalar == " " { out += " " } else if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
            out += visibleToken(String(scalar))
        } else { out.unicodeScalars.append(scalar) }
    }
    return out
}
