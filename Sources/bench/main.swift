// bench — performance figures as ratios against anchors measured in the same run.
// `bench` runs every group; `bench gemm|ops|decode|train|tokenizer|rl|load|repl|grade|grade-fuzz` runs one. Each figure is one line
// containing `ratio=`.
import Foundation
import OctoTensor

let groups: [(String, () throws -> Void)] = [
    ("gemm", benchGemm),
    ("ops", benchOps),
    ("decode", { try benchDecode(includeLarge: true) }),
    ("train", benchTrain),
    ("tokenizer", benchTokenizer),
    ("rl", benchRL),
    ("load", benchLoad),
    ("repl", benchRepl),
    ("data", benchData),
    ("grade", benchGrade),
    ("grade-fuzz", benchGradeFuzz),
]
let wanted = Array(CommandLine.arguments.dropFirst())
Threads.set(ProcessInfo.processInfo.activeProcessorCount)
print("# cpu: \(cpuModel); \(Threads.blasDescription); engine threads=\(Threads.count); GEMV: \(gemvInstructionSet)")
for (name, run) in groups where wanted.isEmpty || wanted.contains(name) {
    do { try run() } catch { print("\(name): error: \(error)") }
}
if let unknown = wanted.first(where: { w in !groups.contains { $0.0 == w } }) {
    print("unknown group '\(unknown)'; groups: \(groups.map(\.0).joined(separator: ", "))")
    exit(2)
}
