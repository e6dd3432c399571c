// Memory a model will need, computed from its config before anything is allocated, and
// compared with what the machine has (`MemAvailable` of /proc/meminfo). An oversized
// `model(...)` or config.json is then an error saying how much was asked and how much there
// is, instead of an abort in the allocator or a machine swapping to a halt.
import Foundation

/// Memory estimates and the check against available memory.
public enum MemoryBudget {
    /// Bytes the kernel says can be allocated without swapping (`MemAvailable`), or nil when
    /// unknown (not Linux). `OCTOREPL_MEMORY_LIMIT` (bytes) overrides it (for tests).
    public static func availableBytes(environment: [String: String] = ProcessInfo.processInfo.environment) -> Double? {
        if let s = environment["OCTOREPL_MEMORY_LIMIT"], let v = Double(s), v > 0 { return v }
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let parts = line.split(separator: " ")
            if parts.count >= 2, let kb = Double(parts[1]) { return kb * 1024 }
        }
        return nil
    }

    /// Throws `ModelError.outOfMemory` when `bytes` (for `what`) exceed `available`.
    public static func check(_ bytes: Double, for what: String, available: Double? = availableBytes()) throws {
        guard let available else { return }
        if !(bytes <= available) {
            throw ModelError.outOfMemory(what: what, asked: bytes, available: available)
        }
    }

    /// "1.5 GB"-style size.
    public static func describe(_ bytes: Double) -> String {
        if !bytes.isFinite { return "\(bytes) bytes" }
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var v = bytes, i = 0
        while v >= 1000 && i < units.count - 1 { v /= 1000; i += 1 }
        return i == 0 ? "\(Int(v)) bytes" : String(format: "%.1f %@", v, units[i])
    }
}

extension ModelConfig {
    /// Parameter count in floating point (no overflow for absurd configs).
    public var parameterCountEstimate: Double {
        let c = Double(hiddenSize), h = Double(attentionHeads), kv = Double(kvHeads), d = Double(headDim), f = Double(intermediateSize)
        let attn = c * h * d * 2 + c * kv * d * 2 + (qkvBias ? h * d + 2 * kv * d : 0)
        let perLayer = attn + 3 * c * f + 2 * c
        return Double(vocabSize) * c * (tieWordEmbeddings ? 1 : 2) + Double(hiddenLayers) * perLayer + c
    }

    /// Bytes to hold the weights (float32), and when `trainingTokens` > 0 also gradients, the
    /// two AdamW moments and the activations kept for backward of that many tokens per
    /// forward (in sequences of `seqLen`): per layer and token about 12 hidden-size vectors,
    /// 4 intermediate-size ones and the attention probabilities; plus the logits.
    public func memoryBytes(trainingTokens: Int = 0, seqLen: Int = 1) -> Double {
        let weights = parameterCountEstimate * 4
        guard trainingTokens > 0 else { return weights }
        let t = Double(trainingTokens)
        let perTokenLayer = 12 * Double(hiddenSize) + 4 * Double(intermediateSize) + 2 * Double(attentionHeads) * Double(max(1, seqLen))
        let activations = t * (Double(hiddenLayers) * perTokenLayer + 3 * Double(vocabSize)) * 4
        return weights * 4 + activations
    }

    /// Throws `ModelError.outOfMemory` when the model (and training state) cannot fit.
    public func checkMemory(trainingTokens: Int = 0, seqLen: Int = 1, available: Double? = MemoryBudget.availableBytes()) throws {
        let what = trainingTokens > 0
            ? "training a \(hiddenLayers)-layer model of dim \(hiddenSize) and vocab \(vocabSize) on \(trainingTokens) tokens per forward"
            : "a \(hiddenLayers)-layer model of dim \(hiddenSize), ffn \(intermediateSize) and vocab \(vocabSize)"
        try MemoryBudget.check(memoryBytes(trainingTokens: trainingTokens, seqLen: seqLen), for: what, available: available)
    }
}
