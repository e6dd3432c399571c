// rl: one RL step at the study's shape scaled down (32 prompts × 8 rollouts × 128 tokens on
// BENCH-S), split into sampling / reference / training, with sampling tokens/s against the
// batch-16 decode figure measured in the same run.
import Foundation
import OctoTensor
import OctoModel
import OctoRL
import OctoBase

func benchRL() throws {
    var rng = RNG(seed: 3)
    let model = try DecoderModel(randomWith: benchS, rng: &rng)
    let prompts = (0..<16).map { b in (0..<32).map { (b * 31 + $0 * 7) % 2048 } }
    let decodeSecs = try bestTime(reps: 1) { _ = try model.generate(prompts: prompts, options: SamplingOptions(greedy: true, maxTokens: 128), rng: &rng) }
    let decodeTPS = Double(16 * 128) / decodeSecs
    let r = try benchRLStep()
    let total = r.samplingSeconds + r.referenceSeconds + r.trainingSeconds
    print(String(format: "rl step 32x8x128 BENCH-S: %.2f s total = sampling %.2f + reference %.2f + training %.2f", total, r.samplingSeconds, r.referenceSeconds, r.trainingSeconds))
    report("rl", "sampling inside the RL step", value: r.samplingTokensPerSecond, unit: "tokens/s",
           ratio: r.samplingTokensPerSecond / decodeTPS, anchor: String(format: "decode batch=16 %.0f tokens/s (same run)", decodeTPS))
    let measured = PythonAnchors.torch("train")?["train_s_eager"]
    let anchor = measured ?? RecordedAnchors.torchTrainBenchS
    report("rl", "training inside the RL step", value: r.trainingTokensPerSecond, unit: "tokens/s",
           ratio: r.trainingTokensPerSecond / anchor,
           anchor: "PyTorch eager BENCH-S train \(Int(anchor)) tokens/s (\(measured == nil ? "recorded anchor" : "same run"))")
}
