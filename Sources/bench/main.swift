// bench — performance figures as ratios against anchors measured in the same run.
// `bench` runs every group; `bench gemm|ops|decode|train|tokenizer|rl|load|repl|grade|grade-fuzz` runs one. Each figure is one line
// containing `ratio=`. A whole run ends with the table of issue #14's goals (BenchGoals.swift);
// `bench summarize LOG` prints that table for a saved run's output.
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
// Line by line even into `tee` (make bench keeps a copy), so a run shows its figures as they come.
setvbuf(stdout, nil, _IOLBF, 0)
let wanted = Array(CommandLine.arguments.dropFirst())
if wanted.first == "summarize" {
    guard wanted.count == 2 else { print("usage: bench summarize LOG (the saved output of a bench run)"); exit(2) }
    exit(summarizeLog(wanted[1]))
}
Threads.set(ProcessInfo.processInfo.activeProcessorCount)
print("# cpu: \(cpuModel); \(Threads.blasDescription); engine threads=\(Threads.count); GEMV: \(gemvInstructionSet)")
for (name, run) in groups where wanted.isEmpty || wanted.contains(name) {
    do { try run() } catch { print("\(name): error: \(error)") }
}
if wanted.isEmpty {
    print("\n## Goals of issue #14 in this run\n")
    print(goalsTable(reportedFigures), terminator: "")
}
if let unknown = wanted.first(where: { w in !groups.contains { $0.0 == w } }) {
    print("unknown group '\(unknown)'; groups: \(groups.map(\.0).joined(separator: ", "))")
    exit(2)
}
