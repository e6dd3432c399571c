// The RL-step benchmark: one step at the study's shape scaled down (default 32 prompts × 8
// rollouts × 128 tokens on BENCH-S), timed in its parts. The bench target calls it.
import Foundation
import OctoTensor
import OctoModel
import OctoData
import OctoBase

/// Seconds of one RL step, split by phase, and throughput.
public struct RLBenchResult: Sendable {
    public var samplingSeconds: Double
    public var referenceSeconds: Double
    public var trainingSeconds: Double
    public var generatedTokens: Int
    public var samplingTokensPerSecond: Double
    public var trainingTokensPerSecond: Double
    public var stats: RLStepStats
}

/// Runs one GRPO step on a random model of `config` (BENCH-S by default) with `prompts` prompts ×
/// `group` rollouts, every response exactly `maxTokens` long (no stop token), a KL loss so the
/// reference forward is timed too. Prompts are "a+b=" sums over a character codec.
public func benchRLStep(config: ModelConfig? = nil, prompts: Int = 32, group: Int = 8, maxTokens: Int = 128,
                        minibatch: Int? = nil, microBatch: Int = 16, seed: UInt64 = 0) throws -> RLBenchResult {
    let s = config ?? ModelConfig(family: .llama, vocabSize: 2048, hiddenSize: 256, hiddenLayers: 4, attentionHeads: 8, kvHeads: 4,
                                  intermediateSize: 688, maxPositionEmbeddings: 4096)
    var rng = RNG(seed: seed)
    let model = try DecoderModel(randomWith: s, rng: &rng)
    let alphabet = Array("0123456789+= ")
    let charCodec = TextCodec.characters(alphabet)
    let codec = TextCodec(encode: charCodec.encode, decode: charCodec.decode, stopTokens: [])
    var problems: [Problem] = []
    for i in 0..<max(prompts, 1) { problems.append(Problem(id: "\(i)", prompt: "\(i % 50)+\(i / 50)=", gold: "\(i % 50 + i / 50)", source: "bench")) }
    var cfg = RLConfig()
    cfg.batch = prompts; cfg.group = group; cfg.minibatch = minibatch ?? prompts; cfg.microBatch = microBatch
    cfg.maxTokens = maxTokens; cfg.template = .plain; cfg.kl = 0.001; cfg.lr = 1e-6; cfg.seed = seed
    let rl = try RLRun(model: model, prompts: problems, algorithm: .grpo, config: cfg, codec: codec,
                       judge: { _, _, _ in Verdict(answer: nil, correct: false) })
    guard let st = try rl.run(steps: 1).first else { throw RLError.invalidInput("bench step was interrupted") }
    let generated = Int(st.responseLengthMean * Double(prompts * group))
    return RLBenchResult(samplingSeconds: st.genSeconds, referenceSeconds: st.refSeconds, trainingSeconds: st.trainSeconds,
                         generatedTokens: generated, samplingTokensPerSecond: st.genTokensPerS,
                         trainingTokensPerSecond: st.trainTokensPerS, stats: st)
}
