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
    print(String(format: "data lab generation, 6 corpus kinds (%d MB): %.1f MB/s", chars / 1_000_000, mbs))
    report("data", "lab generation + tokenisation (vocab 1024, \(tokens) tokens)", value: tokensPerSec, unit: "tokens/s",
           ratio: tokensPerSec / RecordedAnchors.torchTrainBenchS,
           anchor: "the BENCH-S training rate it has to feed (\(Int(RecordedAnchors.torchTrainBenchS)) tokens/s, recorded: a ceiling for any engine here)")
}
