// The goals of issue #14 checked against the figures of a run: which are met, which are
// missed and by how much. A whole `bench` run prints this table after its figures, and
// `bench summarize LOG` prints it for the saved output of an earlier run, so the tables in
// Docs/Benchmarks.md are computed from a run's own lines, not typed.
import Foundation
import OctoTensor

/// One figure: the line `report` prints, and that line parsed back.
struct Figure {
    let group: String, name: String, value: String, unit: String, ratio: Double, anchor: String

    /// Parses "<group> <name>: <value> <unit> ratio=<r> vs <anchor> [cpu=…]"; nil for other lines.
    init?(line: String) {
        guard let ratioAt = line.range(of: " ratio="), let vs = line.range(of: " vs ", range: ratioAt.upperBound..<line.endIndex),
              let ratio = Double(line[ratioAt.upperBound..<vs.lowerBound]) else { return nil }
        let head = line[..<ratioAt.lowerBound]
        guard let colon = head.range(of: ": ", options: .backwards), let space = head.firstIndex(of: " "),
              space < colon.lowerBound else { return nil }
        let amount = head[colon.upperBound...].split(separator: " ", maxSplits: 1)
        guard amount.count == 2 else { return nil }
        group = String(head[..<space])
        name = String(head[head.index(after: space)..<colon.lowerBound])
        value = String(amount[0]); unit = String(amount[1])
        self.ratio = ratio
        let tail = line[vs.upperBound...]
        anchor = String(tail[..<(tail.range(of: " [cpu=", options: .backwards)?.lowerBound ?? tail.endIndex)])
    }

    /// A measured figure; `value` is printed with 3 significant digits, or none after the point from 100.
    init(group: String, name: String, value: Double, unit: String, ratio: Double, anchor: String) {
        self.group = group; self.name = name; self.unit = unit; self.ratio = ratio; self.anchor = anchor
        self.value = value >= 100 ? String(format: "%.0f", value) : String(format: "%.3g", value)
    }

    /// The line `init?(line:)` parses, naming the CPU and the thread counts.
    var line: String {
        "\(group) \(name): \(value) \(unit) ratio=\(String(format: "%.3f", ratio)) vs \(anchor) [cpu=\(cpuModel) threads=\(Threads.count) blas_threads=\(Threads.blasThreads)]"
    }

    /// The anchor's own figure: its text up to the first parenthesis.
    var anchorShort: String {
        String(anchor[..<(anchor.range(of: " (")?.lowerBound ?? anchor.endIndex)])
    }
}

/// A goal of issue #14: which figures it applies to and the ratio they must reach.
struct BenchGoal {
    let label: String
    let atLeast: Bool, bound: Double
    let applies: (Figure) -> Bool

    static let all: [BenchGoal] = [
        BenchGoal(label: "matmul / raw sgemm", atLeast: true, bound: 0.90) { $0.group == "gemm" && $0.name.hasPrefix("matmul") },
        BenchGoal(label: "attention forward / sgemm rate", atLeast: true, bound: 0.5) { $0.group == "ops" && $0.name.hasPrefix("attention") },
        BenchGoal(label: "decode batch 1 BENCH-S / llama.cpp", atLeast: true, bound: 1.0) {
            $0.group == "decode" && $0.name.hasPrefix("BENCH-S batch=1 ") && $0.anchor.hasPrefix("llama.cpp")
        },
        BenchGoal(label: "decode batch 16 BENCH-S / HF generate", atLeast: true, bound: 2.0) {
            $0.group == "decode" && $0.name.hasPrefix("BENCH-S batch=16 ") && $0.anchor.hasPrefix("HF generate")
        },
        BenchGoal(label: "decode batch 1 0.5B shape fp32 / llama.cpp", atLeast: true, bound: 1.0) {
            $0.group == "decode" && $0.name.hasPrefix("qwen2.5-0.5B-shape batch=1 (") && $0.anchor.hasPrefix("llama.cpp")
        },
        BenchGoal(label: "same / bandwidth limit (median pair)", atLeast: true, bound: 0.85) {
            $0.group == "decode" && $0.name.hasPrefix("qwen2.5-0.5B-shape batch=1 (") && $0.anchor.hasPrefix("bandwidth limit")
        },
        BenchGoal(label: "train BENCH-S / PyTorch eager", atLeast: true, bound: 1.5) { $0.group == "train" && $0.name == "BENCH-S fwd+bwd+adamw" },
        BenchGoal(label: "train BENCH-M / PyTorch SDPA", atLeast: true, bound: 1.2) { $0.group == "train" && $0.name == "BENCH-M fwd+bwd+adamw" },
        BenchGoal(label: "peak RSS / estimate", atLeast: false, bound: 1.3) { $0.group == "train" && $0.name.contains("peak RSS") },
    ]

    func met(_ f: Figure) -> Bool { atLeast ? f.ratio >= bound : f.ratio <= bound }
}

/// The goals table of `figures` in Markdown, ending with how many figures met their goal.
func goalsTable(_ figures: [Figure]) -> String {
    var md = "| goal | figure | octorepl | anchor | ratio | verdict |\n|---|---|---|---|---|---|\n"
    var met = 0, checked = 0, recorded = 0
    for goal in BenchGoal.all {
        let matching = figures.filter(goal.applies)
        if matching.isEmpty {
            md += "| \(goal.label) \(goal.atLeast ? "≥" : "≤") \(goal.bound) | — | — | — | — | not in this run |\n"
            continue
        }
        for f in matching {
            checked += 1
            let ok = goal.met(f)
            let sameRun = !f.anchor.contains("recorded")
            if !sameRun { recorded += 1 }
            if ok && sameRun { met += 1 }
            let verdict = !sameRun ? "recorded anchor: does not count"
                : ok ? "**met**" : String(format: "missed by %.3f", abs(f.ratio - goal.bound))
            md += "| \(goal.label) \(goal.atLeast ? "≥" : "≤") \(goal.bound) | \(f.name) | \(f.value) \(f.unit) | \(f.anchorShort) | "
                + String(format: "%.3f", f.ratio) + " | \(verdict) |\n"
        }
    }
    md += "\n\(met) of \(checked) figures meet their goal against an anchor measured in the same run"
        + (recorded > 0 ? " (\(recorded) against recorded anchors, which do not count)" : "") + ".\n"
    return md
}

/// The figures this process has reported, in order (for the table at the end of a whole run).
nonisolated(unsafe) var reportedFigures: [Figure] = []

/// `bench summarize LOG`: the goals table of a saved run's output.
func summarizeLog(_ path: String) -> Int32 {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        print("summarize: cannot read \(path)")
        return 2
    }
    let figures = text.split(separator: "\n").compactMap { Figure(line: String($0)) }
    guard !figures.isEmpty else {
        print("summarize: \(path) holds no bench figures (lines with ratio=)")
        return 2
    }
    if let cpu = text.split(separator: "\n").first(where: { $0.hasPrefix("# cpu:") }) { print(cpu) }
    print(goalsTable(figures), terminator: "")
    return 0
}
