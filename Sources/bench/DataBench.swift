// data: synthetic lab text generation (characters/s and tokens/s), against a plain memory
// copy of the same bytes.
import Foundation
import OctoData
import OctoTokenizer

func benchData() throws {
    let lab = MathLab(seed: 7)
    var chars = 0
    var docs: [String] = []
    let secs = bestTime(reps: 2) {
        docs = []
        for kind in LabCorpusKind.allCases { docs += lab.documents(kind: kind, count: 2000) }
        chars = docs.reduce(0) { $0 + $1.utf8.count }
    }
    let tok = try Tokenizer.train(texts: Array(docs.prefix(3000)), vocabSize: 1024, specialTokens: ["<|end_of_text|>"], family: .llama3)
    let sample = docs.joined(separator: "\n")
    var tokens = 0
    let tsecs = bestTime(reps: 1) { tokens = tok.encode(sample, addSpecialTokens: false).count }
    let tokensPerSec = Double(tokens) / (secs + tsecs)
    let mbs = Double(chars) / secs / 1e6
    let copy = copyBandwidth(bytes: max(chars, 1 << 20))
    report("data", "lab generation, 6 corpus kinds (\(chars / 1_000_000) MB)", value: mbs, unit: "MB/s", ratio: mbs / 1000 / copy,
           anchor: String(format: "copy %.1f GB/s of the same bytes", copy))
    print(String(format: "data lab generation + tokenisation (vocab 1024): %.2f M tokens/s (%d tokens)", tokensPerSec / 1e6, tokens))
}
