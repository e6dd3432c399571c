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

/// llama.cpp batch-1 decode of the Qwen2.5-0.5B shape (fp32 GGUF, 2 threads) recorded in issue
/// #14 (2 vCPU AVX-512), used only when llama-cpp-python is not in the anchors venv.
let llamaCppQwen05Recorded = 19.0
/// The same for BENCH-S (issue #14: 2,249–2,492 tokens/s).
let llamaCppBenchSRecorded = 2370.0

/// The llama.cpp anchor of one decode figure: measured now when the venv has llama-cpp-python
/// (`figures`, the best of the runs bracketing ours), else the recorded figure, with the words
/// that say which.
func llamaCppAnchor(_ figures: [String: Double]?, _ key: String, recorded: Double, goal: String) -> (Double, String) {
    if let v = figures?[key] {
        return (v, String(format: "llama.cpp fp32 GGUF 2 threads %.1f tokens/s (same run, best of 2 runs bracketing ours; %@)", v, goal))
    }
    return (recorded, String(format: "llama.cpp fp32 2 threads %.1f tokens/s (recorded anchor, issue #14, another CPU; %@)", recorded, goal))
}

/// Decode steps of the 0.5B shape and the read bandwidth measured right after them.
struct BandwidthPair {
    let tokensPerSecond: Double, readGBs: Double
    /// The decode rate over the rate of reading `weightBytes` once at this pair's bandwidth.
    func fraction(_ weightBytes: Double) -> Double { tokensPerSecond / (readGBs * 1e9 / weightBytes) }

    /// `pairs` from the lowest fraction to the highest (the median is the middle one).
    static func sorted(_ pairs: [BandwidthPair], weightBytes: Double) -> [BandwidthPair] {
        pairs.sorted { $0.fraction(weightBytes) < $1.fraction(weightBytes) }
    }
}

/// When generate reported each token: the gaps are its decode steps (forward pass and pick).
private final class StepClock: ProgressReporter {
    var stamps: [UInt64] = []
    func begin(_ event: ProgressEvent) {}
    func update(_ event: ProgressEvent) { stamps.append(DispatchTime.now().uptimeNanoseconds) }
    func end(_ event: ProgressEvent, interrupted: Bool) {}
    var shouldContinue: Bool { true }
}

/// `count` pairs of (8 decode steps of generate, one read of `probe` right after them). This
/// VM's memory bandwidth wanders (23-39 GB/s within one run, in spells of seconds), so the
/// fraction of the bandwidth limit is taken within a pair, half a second apart, not as the
/// best decode run over the best read minutes away.
func bandwidthPairs(_ model: DecoderModel, prompt: [[Int]], probe: ReadProbe, count: Int,
                    decodeWeights: DecodeWeights? = nil, rng: inout RNG) throws -> [BandwidthPair] {
    var options = SamplingOptions(greedy: true, maxTokens: 9)
    options.decodeWeights = decodeWeights
    _ = probe.read()
    var pairs: [BandwidthPair] = []
    for _ in 0..<count {
        let clock = StepClock()
        _ = try model.generate(prompts: prompt, options: options, rng: &rng, progress: clock)
        guard let first = clock.stamps.first, let last = clock.stamps.last, last > first else { continue }
        let tps = Double(clock.stamps.count - 1) / (Double(last - first) / 1e9)
        pairs.append(BandwidthPair(tokensPerSecond: tps, readGBs: probe.read()))
    }
    return pairs
}

/// Decode-only tokens/s: the time of 1 + `newTokens` generated tokens minus the time of 1 (the
/// prefill and the first pick), so the prompt is not counted.
func decodeRate(_ model: DecoderModel, prompts: [[Int]], newTokens: Int, reps: Int, rng: inout RNG) throws -> Double {
    var r = rng
    let full = try bestTime(reps: reps) { _ = try model.generate(prompts: prompts, options: SamplingOptions(greedy: true, maxTokens: newTokens + 1), rng: &r) }
    let prefill = try bestTime(reps: reps) { _ = try model.generate(prompts: prompts, options: SamplingOptions(greedy: true, maxTokens: 1), rng: &r) }
    rng = r
    return Double(prompts.count * newTokens) / max(full - prefill, 1e-9)
}

/// Batch-1 and batch-16 decode. llama.cpp is run before and after ours and ours is timed again
/// after it: each side's best, so a slow spell of this VM cannot fall on one side only.
func benchDecode(includeLarge: Bool) throws {
    let anchors = PythonAnchors.torch("decode")
    var llama = PythonAnchors.llamaCpp()
    var rng = RNG(seed: 3)
    let model = try DecoderModel(randomWith: benchS, rng: &rng)
    func prompts(_ batch: Int) -> [[Int]] { (0..<batch).map { b in (0..<32).map { (b * 31 + $0 * 7) % 2048 } } }
    var tpsB1 = try decodeRate(model, prompts: prompts(1), newTokens: 128, reps: 10, rng: &rng)
    let tpsB16 = try decodeRate(model, prompts: prompts(16), newTokens: 128, reps: 3, rng: &rng)

    let qwen05 = ModelConfig(family: .qwen2, vocabSize: 151_936, hiddenSize: 896, hiddenLayers: 24, attentionHeads: 14, kvHeads: 2,
                             intermediateSize: 4864, tieWordEmbeddings: true, maxPositionEmbeddings: 32768)
    let big = includeLarge ? try DecoderModel(randomWith: qwen05, rng: &rng) : nil
    let bigPrompt = [Array(0..<32)]
    var tpsBig = 0.0, pairs: [BandwidthPair] = []
    let probe = includeLarge ? ReadProbe() : nil
    if let big, let probe {
        tpsBig = try decodeRate(big, prompts: bigPrompt, newTokens: 32, reps: 3, rng: &rng)
        pairs += try bandwidthPairs(big, prompt: bigPrompt, probe: probe, count: 8, rng: &rng)
    }
    if llama != nil, let again = PythonAnchors.llamaCpp(again: true) {
        llama = again
        tpsB1 = max(tpsB1, try decodeRate(model, prompts: prompts(1), newTokens: 128, reps: 10, rng: &rng))
        if let big, let probe {
            tpsBig = max(tpsBig, try decodeRate(big, prompts: bigPrompt, newTokens: 32, reps: 3, rng: &rng))
            pairs += try bandwidthPairs(big, prompt: bigPrompt, probe: probe, count: 8, rng: &rng)
        }
    }

    for (batch, tps) in [(1, tpsB1), (16, tpsB16)] {
        let recorded = batch == 1 ? RecordedAnchors.hfGenerateBatch1 : RecordedAnchors.hfGenerateBatch16
        let measured = anchors?[batch == 1 ? "hf_generate_s_b1" : "hf_generate_s_b16"]
        report("decode", "BENCH-S batch=\(batch) (32-token prompt, 128 new, prompt excluded)", value: tps, unit: "tokens/s",
               ratio: tps / (measured ?? recorded),
               anchor: measured.map { String(format: "HF generate %.0f tokens/s (same run)", $0) }
                   ?? "HF generate \(Int(recorded)) tokens/s (recorded anchor)")
        if batch == 1 {
            let (lc, text) = llamaCppAnchor(llama, "llamacpp_s_b1", recorded: llamaCppBenchSRecorded, goal: "goal ≥ 1.0")
            report("decode", "BENCH-S batch=1 (32-token prompt, 128 new, prompt excluded)", value: tps, unit: "tokens/s",
                   ratio: tps / lc, anchor: text)
        }
    }
    guard let big, let probe, !pairs.isEmpty else { return }
    let weightBytes = Double(qwen05.parameterCount * 4)
    let shape = "qwen2.5-0.5B-shape batch=1 (32 new, prompt excluded; \(gemvInstructionSet) GEMV)"
    let sorted = BandwidthPair.sorted(pairs, weightBytes: weightBytes)
    let median = sorted[sorted.count / 2], q1 = sorted[sorted.count / 4], q3 = sorted[sorted.count * 3 / 4]
    let bestRead = pairs.map(\.readGBs).max() ?? 0
    report("decode", shape, value: median.tokensPerSecond, unit: "tokens/s", ratio: median.fraction(weightBytes),
           anchor: String(format: "bandwidth limit %.1f tokens/s (%.2f GB weights / %.1f GB/s, a %d-thread read of 1 GiB right after the decode steps; the median of %d pairs, quartiles %.2f-%.2f; best whole-run rate %.1f over the best read %.1f GB/s: %.2f; goal ≥ 0.85)",
                          median.readGBs * 1e9 / weightBytes, weightBytes / 1e9, median.readGBs, Threads.count, pairs.count,
                          q1.fraction(weightBytes), q3.fraction(weightBytes), tpsBig, bestRead, tpsBig / (bestRead * 1e9 / weightBytes)))
    let (lc, lcText) = llamaCppAnchor(llama, "llamacpp_qwen05_b1", recorded: llamaCppQwen05Recorded, goal: "goal ≥ 1.0")
    report("decode", shape, value: tpsBig, unit: "tokens/s", ratio: tpsBig / lc, anchor: lcText)
    if let hf = anchors?["hf_generate_qwen05_b1"] {
        report("decode", shape, value: tpsBig, unit: "tokens/s", ratio: tpsBig / hf, anchor: String(format: "HF generate %.1f tokens/s (same run)", hf))
    }
    // The bf16 option: half the bytes per token, f32 arithmetic.
    let packed = try DecodeWeights(bf16Of: big)
    var opts = SamplingOptions(greedy: true)
    opts.decodeWeights = packed
    let full = try bestTime(reps: 2) { opts.maxTokens = 33; _ = try big.generate(prompts: bigPrompt, options: opts, rng: &rng) }
    let prefill = try bestTime(reps: 2) { opts.maxTokens = 1; _ = try big.generate(prompts: bigPrompt, options: opts, rng: &rng) }
    let tps16 = 32 / max(full - prefill, 1e-9)
    let bytes16 = Double(packed.bytes + qwen05.hiddenSize * 4 * (2 * qwen05.hiddenLayers + 2))
    let pairs16 = try bandwidthPairs(big, prompt: bigPrompt, probe: probe, count: 8, decodeWeights: packed, rng: &rng)
    guard !pairs16.isEmpty else { return }
    let median16 = BandwidthPair.sorted(pairs16, weightBytes: bytes16)[pairs16.count / 2]
    let shape16 = "qwen2.5-0.5B-shape batch=1 bf16 weights (32 new, prompt excluded)"
    report("decode", shape16, value: median16.tokensPerSecond, unit: "tokens/s", ratio: median16.fraction(bytes16),
           anchor: String(format: "bandwidth limit %.1f tokens/s (%.2f GB bf16 weights / %.1f GB/s, a read right after the decode steps; the median of %d pairs)",
                          median16.readGBs * 1e9 / bytes16, bytes16 / 1e9, median16.readGBs, pairs16.count))
    let (_, lcOptionText) = llamaCppAnchor(llama, "llamacpp_qwen05_b1", recorded: llamaCppQwen05Recorded, goal: "an option, no goal")
    report("decode", shape16, value: tps16, unit: "tokens/s", ratio: tps16 / lc, anchor: lcOptionText)
}

/// One optimizer step of `model` on the batch `ids` (the step `bench train` times).
private func trainStep(_ model: DecoderModel, _ opt: AdamW, _ ids: [[Int]]) throws {
    model.params.zeroGrad()
    let loss = try model.loss(ids)
    try loss.backward()
    clipGradNorm(model.params, maxNorm: 1)
    try opt.step(model.params)
}

/// Training throughput, alternated: PyTorch, ours, three times over, and each side's best. This
/// VM's slow spells last tens of seconds, so one run of each, minutes apart, could put a spell
/// on one side only (the same code read 1.07-1.33x eager across runs that way); with two rounds
/// a spell still covered all four of our BENCH-M steps in one whole run (660 tokens/s, against
/// 722-727 in the runs before it and 712 in the kernel-clock steps right after).
let trainRounds = 3

func benchTrain() throws {
    let specs: [(name: String, spec: ModelConfig, seq: Int, batch: Int, recorded: Double)] = [
        ("BENCH-S", benchS, 256, 16, RecordedAnchors.torchTrainBenchS),
        ("BENCH-M", ModelConfig(family: .llama, vocabSize: 8192, hiddenSize: 512, hiddenLayers: 8, attentionHeads: 8, kvHeads: 4,
                                intermediateSize: 1376), 512, 8, RecordedAnchors.torchTrainBenchM)]
    // Made in the first round, each just before its steps (so BENCH-S's peak RSS does not
    // hold BENCH-M's weights), and kept for the later rounds.
    var models: [DecoderModel] = [], optimizers: [AdamW] = []
    let batches = specs.map { s in (0..<s.batch).map { b in (0..<s.seq).map { (b * 131 + $0 * 17) % s.spec.vocabSize } } }
    var best = [Double](repeating: .infinity, count: specs.count)
    var peakRSS = [Double](repeating: 0, count: specs.count)
    var peakWindowed = [Bool](repeating: false, count: specs.count)
    var anchors: [String: Double]? = nil
    for round in 0..<trainRounds {
        if let a = PythonAnchors.torch("train", again: round > 0) { anchors = a }
        for (i, s) in specs.enumerated() {
            if models.count == i {
                // The peak of this model's steps, not of earlier groups (the 0.5B decode model)
                // or earlier models' freed activations.
                peakWindowed[i] = resetPeakRSS()
                var rng = RNG(seed: 4)
                models.append(try DecoderModel(randomWith: s.spec, rng: &rng))
                optimizers.append(AdamW(lr: 1e-4))
            }
            best[i] = min(best[i], try bestTime(reps: 2) { try trainStep(models[i], optimizers[i], batches[i]) })
            if round == 0 { peakRSS[i] = peakRSSBytes() }
        }
    }
    // Where a step's time goes: two more steps with the kernel clock running, the faster kept.
    var gemmSplit: [(step: Double, gemm: Double, flops: Double, attention: Double)] = []
    for i in specs.indices {
        var split = (step: Double.infinity, gemm: 0.0, flops: 0.0, attention: 0.0)
        for _ in 0..<2 {
            KernelClock.start()
            let t = try seconds { try trainStep(models[i], optimizers[i], batches[i]) }
            KernelClock.stop()
            if t < split.step { split = (t, KernelClock.gemmSeconds, KernelClock.gemmFlops, KernelClock.attentionSeconds) }
        }
        gemmSplit.append(split)
    }
    for (i, s) in specs.enumerated() {
        let name = s.name, spec = s.spec, batch = s.batch, seq = s.seq
        let tps = Double(batch * seq) / best[i]
        let flops = 6.0 * Double(spec.parameterCount) * Double(batch * seq)
        let gflops = String(format: "%.0f GFLOP/s model FLOPs", flops / best[i] / 1e9)
        let key = name == "BENCH-S" ? "s" : "m"
        // BENCH-S is held to PyTorch eager (goal 1.5×), BENCH-M to SDPA (goal 1.2×); without
        // the venv both to the recorded eager figure.
        let goalRatio = key == "s" ? 1.5 : 1.2
        let goalBase: Double, goalLabel: String
        if let eager = anchors?["train_\(key)_eager"], let sdpa = anchors?["train_\(key)_sdpa"] {
            (goalBase, goalLabel) = key == "s" ? (eager, "eager") : (sdpa, "SDPA")
            report("train", "\(name) fwd+bwd+adamw", value: tps, unit: "tokens/s", ratio: tps / goalBase,
                   anchor: String(format: "PyTorch %@ %.0f tokens/s (same run, best of %d runs alternated with ours; eager %.0f, SDPA %.0f); %@",
                                  goalLabel, goalBase, trainRounds, eager, sdpa, gflops))
        } else {
            (goalBase, goalLabel) = (s.recorded, "eager (recorded)")
            report("train", "\(name) fwd+bwd+adamw", value: tps, unit: "tokens/s", ratio: tps / s.recorded,
                   anchor: "PyTorch eager \(Int(s.recorded)) tokens/s (recorded anchor); \(gflops)")
        }
        // The time outside the GEMMs against what the goal leaves for it once
        // this run's GEMMs are paid: the part of the gap that is ours rather than OpenBLAS's.
        let split = gemmSplit[i], rest = split.step - split.gemm
        let goalStep = Double(batch * seq) / (goalRatio * goalBase), allowed = goalStep - split.gemm
        let gemmText = String(format: "GEMMs %.2f s/step at %.0f GFLOP/s, %.0f %% of a %.2f s step", split.gemm,
                              split.flops / max(split.gemm, 1e-9) / 1e9, 100 * split.gemm / split.step, split.step)
        let attentionText = String(format: "attention fwd+bwd %.2f s/step of the time outside", split.attention)
        report("train", "\(name) time outside the BLAS GEMMs", value: rest, unit: "s/step",
               ratio: allowed > 0 ? rest / allowed : .infinity,
               anchor: allowed > 0
                   ? String(format: "≤ %.2f s/step left by the goal (%.1f× %@ = %.0f tokens/s) after this run's %@; %@",
                            allowed, goalRatio, goalLabel, goalRatio * goalBase, gemmText, attentionText)
                   : String(format: "nothing left: this run's %@ already exceed the goal's %.2f s step (%.1f× %@); %@",
                            gemmText, goalStep, goalRatio, goalLabel, attentionText))
    }
    // Peak RSS (taken in the first round, right after each model's steps) against what
    // training must hold: parameters, gradients, two Adam moments, and the activations kept
    // for backward (estimated per token: ≈ 12·C + 4·F floats per layer, plus logits, their
    // softmax and gradient: 3·V; and per sequence the attention probabilities each layer keeps,
    // the causal half of every query head's T × T).
    for (i, s) in specs.enumerated() {
        guard peakWindowed[i] || CommandLine.arguments.dropFirst() == ["train"] else {
            print("train \(s.name) peak RSS: run `bench train` alone (the peak could not be reset here, so earlier groups would inflate it)")
            continue
        }
        let spec = s.spec
        let state = 4.0 * Double(spec.parameterCount) * 4
        let perToken = Double(spec.hiddenLayers) * Double(12 * spec.hiddenSize + 4 * spec.intermediateSize) + 3 * Double(spec.vocabSize)
        let probs = Double(s.batch * spec.hiddenLayers * spec.attentionHeads * attentionKeptProbabilityFloats(positions: s.seq))
        let acts = (Double(s.batch * s.seq) * perToken + probs) * 4
        let window = peakWindowed[i] ? "process peak from just before its model was built, freed memory returned first" : "process so far"
        report("train", "\(s.name) peak RSS (\(window))", value: peakRSS[i] / 1e6, unit: "MB", ratio: peakRSS[i] / (state + acts),
               anchor: String(format: "params+grads+Adam %.0f MB + activations ≈ %.0f MB (goal ≤ 1.3)", state / 1e6, acts / 1e6))
    }
}
