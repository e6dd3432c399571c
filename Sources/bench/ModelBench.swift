// decode and train: BENCH-S decoding (batch 1 and 16) and training throughput, and batch-1
// decode of a Qwen2.5-0.5B-shaped model against the memory-bandwidth limit.
import Foundation
import OctoTensor
import OctoModel
import OctoTrain
import OctoBase

let benchS = ModelConfig(family: .llama, vocabSize: 2048, hiddenSize: 256, hiddenLayers: 4, attentionHeads: 8, kvHeads: 4,
                         intermediateSize: 688, maxPositionEmbeddings: 4096)

/// PyTorch / HF figures measured on this machine kind (DESIGN.md "Performance facts"), used
/// when no Python venv with torch is available to measure them in the same run.
enum RecordedAnchors {
    static let hfGenerateBatch1 = 215.0
    static let hfGenerateBatch16 = 4200.0
    static let torchTrainBenchS = 5100.0
    static let torchTrainBenchM = 810.0
}

func benchDecode(includeLarge: Bool) throws {
    var rng = RNG(seed: 3)
    let model = try DecoderModel(randomWith: benchS, rng: &rng)
    for batch in [1, 16] {
        let prompts = (0..<batch).map { b in (0..<32).map { (b * 31 + $0 * 7) % 2048 } }
        let opts = SamplingOptions(greedy: true, maxTokens: 128)
        let t = try bestTime(reps: 2) { _ = try model.generate(prompts: prompts, options: opts, rng: &rng) }
        let tps = Double(batch * 128) / t
        let anchor = batch == 1 ? RecordedAnchors.hfGenerateBatch1 : RecordedAnchors.hfGenerateBatch16
        report("decode", "BENCH-S batch=\(batch)", value: tps, unit: "tokens/s", ratio: tps / anchor,
               anchor: "HF generate \(Int(anchor)) tokens/s (recorded anchor)")
    }
    guard includeLarge else { return }
    let qwen05 = ModelConfig(family: .qwen2, vocabSize: 151_936, hiddenSize: 896, hiddenLayers: 24, attentionHeads: 14, kvHeads: 2,
                             intermediateSize: 4864, tieWordEmbeddings: true, maxPositionEmbeddings: 32768)
    let big = try DecoderModel(randomWith: qwen05, rng: &rng)
    let weightBytes = Double(qwen05.parameterCount * 4)
    let bw = copyBandwidth(bytes: 1 << 28)
    let t = try bestTime(reps: 1) { _ = try big.generate(prompts: [Array(0..<32)], options: SamplingOptions(greedy: true, maxTokens: 32), rng: &rng) }
    let tps = 32 / t
    let limit = bw / 2 * 1e9 / weightBytes   // read-only traffic: half of copy's read+write figure
    report("decode", "qwen2.5-0.5B-shape batch=1", value: tps, unit: "tokens/s", ratio: tps / limit,
           anchor: String(format: "bandwidth limit %.1f tokens/s (%.1f GB weights, read %.1f GB/s)", limit, weightBytes / 1e9, bw / 2))
}

func benchTrain() throws {
    for (name, spec, seq, batch, anchor) in [("BENCH-S", benchS, 256, 16, RecordedAnchors.torchTrainBenchS),
                                             ("BENCH-M", ModelConfig(family: .llama, vocabSize: 8192, hiddenSize: 512, hiddenLayers: 8, attentionHeads: 8, kvHeads: 4,
                                                                     intermediateSize: 1376), 512, 8, RecordedAnchors.torchTrainBenchM)] {
        var rng = RNG(seed: 4)
        let model = try DecoderModel(randomWith: spec, rng: &rng)
        let opt = AdamW(lr: 1e-4)
        let ids = (0..<batch).map { b in (0..<seq).map { (b * 131 + $0 * 17) % spec.vocabSize } }
        let t = try bestTime(reps: 2) {
            model.params.zeroGrad()
            let loss = try model.loss(ids)
            try loss.backward()
            clipGradNorm(model.params, maxNorm: 1)
            opt.step(model.params)
        }
        let tps = Double(batch * seq) / t
        let flops = 6.0 * Double(spec.parameterCount) * Double(batch * seq)
        report("train", "\(name) fwd+bwd+adamw", value: tps, unit: "tokens/s", ratio: tps / anchor,
               anchor: "PyTorch eager \(Int(anchor)) tokens/s (recorded anchor); \(String(format: "%.0f", flops / t / 1e9)) GFLOP/s model FLOPs")
        // Peak RSS against what training must hold: parameters, gradients, two Adam moments,
        // and the activations kept for backward (estimated per token: ≈ 12·C + 4·F floats per
        // layer, plus logits, their softmax and gradient: 3·V).
        guard CommandLine.arguments.dropFirst() == ["train"] else {
            print("train \(name) peak RSS: run `bench train` alone (earlier groups inflate the process's peak)")
            continue
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let rss = Double(usage.ru_maxrss) * 1024
        let state = 4.0 * Double(spec.parameterCount) * 4
        let acts = Double(batch * seq) * (Double(spec.hiddenLayers) * Double(12 * spec.hiddenSize + 4 * spec.intermediateSize) + 3 * Double(spec.vocabSize)) * 4
        report("train", "\(name) peak RSS (process so far)", value: rss / 1e6, unit: "MB", ratio: rss / (state + acts),
               anchor: String(format: "params+grads+Adam %.0f MB + activations ≈ %.0f MB (goal ≤ 1.3)", state / 1e6, acts / 1e6))
    }
}
