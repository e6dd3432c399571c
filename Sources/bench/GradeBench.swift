// grade: grading throughput on the grader cases against Math-Verify (`parse` + `verify`,
// Python) measured in the same run when a Python with math_verify is found, else against the
// recorded anchor; and evaluation throughput (samples/s) of a BENCH-S model on lab:gsm with
// the time split between generation and grading.
import Foundation
import OctoTensor
import OctoTokenizer
import OctoModel
import OctoData
import OctoEval
import OctoBase

extension RecordedAnchors {
    /// Math-Verify 0.9.0 cases/s on the grader cases, one process (DESIGN.md).
    static let mathVerifyCasesPerSecond = 143.0
}

func benchGrade() throws {
    let casesURL = packageFile("Tests/Fixtures/grader/cases.jsonl")
    let cases = try loadGraderCases(casesURL)
    let grader = Grader()
    var correct = 0
    let t = bestTime(reps: 5) {
        correct = 0
        for c in cases where grader.grade(gold: c.gold, response: c.response, style: c.style).correct { correct += 1 }
    }
    let rate = Double(cases.count) / t
    if let (python, mv) = mathVerifyRate(casesURL) {
        report("grade", "\(cases.count) grader cases", value: rate, unit: "cases/s", ratio: rate / mv,
               anchor: String(format: "Math-Verify %.0f cases/s (measured now with %@)", mv, python))
    } else {
        let anchor = RecordedAnchors.mathVerifyCasesPerSecond
        report("grade", "\(cases.count) grader cases", value: rate, unit: "cases/s", ratio: rate / anchor,
               anchor: "Math-Verify \(Int(anchor)) cases/s (recorded anchor; no python with math_verify found)")
    }
    try benchGradeLatency(cases + loadGraderCases(packageFile("Tests/Fixtures/grader/behaviour-cases.jsonl")))
    try benchEvaluate()
}

/// Per-case latency (each case timed alone, best of 3): p50, p99 and the worst, against the
/// 1 ms budget of issue #13.
func benchGradeLatency(_ cases: [GraderCase]) throws {
    let grader = Grader()
    var times: [Double] = []
    times.reserveCapacity(cases.count)
    for c in cases {
        var best = Double.infinity
        for _ in 0..<3 { best = min(best, seconds { _ = grader.grade(gold: c.gold, response: c.response, style: c.style) }) }
        times.append(best)
    }
    times.sort()
    guard let worst = times.last else { return }
    let p50 = times[times.count / 2], p99 = times[min(times.count - 1, times.count * 99 / 100)]
    report("grade", "per-case latency p99 (\(cases.count) grader + behaviour cases)", value: p99 * 1e3, unit: "ms",
           ratio: 1e-3 / p99, anchor: String(format: "budget 1 ms a case; p50 %.3f ms, worst %.3f ms", p50 * 1e3, worst * 1e3))
}

/// `bench grade-fuzz`: 100k random-LaTeX responses through the grader (no crash, no hang).
func benchGradeFuzz() throws {
    let start = Date()
    let r = GraderFuzz.run(cases: 100_000, seed: 13)
    let seconds = Date().timeIntervalSince(start)
    report("grade-fuzz", r.description, value: Double(r.cases) / seconds, unit: "cases/s",
           ratio: Double(r.cases) / seconds / 1_000, anchor: "1,000 cases/s (1 ms a case)")
}

/// BENCH-S (random weights, a 2048-token BPE trained on lab text) on lab:gsm, 4-shot, greedy.
func benchEvaluate() throws {
    let lab = MathLab(seed: 1)
    let texts = lab.text(kind: .qaShort, approxChars: 150_000) + lab.text(kind: .mathWeb, approxChars: 150_000)
    let tok = try Tokenizer.train(texts: texts, vocabSize: 2048, specialTokens: ["<|begin_of_text|>", "<|end_of_text|>"], family: .llama3)
    var config = benchS
    config.bosTokenId = tok.bosId
    config.eosTokenIds = tok.eosId.map { [$0] } ?? []
    var rng = RNG(seed: 5)
    let model = try DecoderModel(randomWith: config, rng: &rng)
    model.tokenizer = tok
    let bench = try EvalBenchmark.lab("lab:gsm", limit: 32)
    // 4-shot (a base model's evaluation, long prompts) and zero-shot (an RL model's, short prompts).
    for shots in [4, 0] {
        let options = EvalOptions(shots: shots, maxTokens: 128, seed: 1, batchSize: 16)
        let start = Date()
        let r = try Evaluator.evaluate(models: [EvalModel(name: "bench-s", model: model)], benchmarks: [bench], options: options)
        let wall = Date().timeIntervalSince(start)
        let gen = r.runs.reduce(0) { $0 + $1.generationSeconds }, grading = r.runs.reduce(0) { $0 + $1.gradingSeconds }
        let tokens = r.samples.reduce(0) { $0 + $1.length }
        let promptTokens = r.samples.reduce(0) { $0 + $1.promptTokens } / max(1, r.samples.count)
        let measured = PythonAnchors.torch("decode")?["hf_generate_s_b16"]
        let anchor = measured ?? RecordedAnchors.hfGenerateBatch16
        report("evaluate", "lab:gsm BENCH-S \(shots)-shot (prompt ≈ \(promptTokens) tokens) greedy max_tokens=128 (\(r.samples.count) samples)",
               value: Double(r.samples.count) / wall, unit: "samples/s", ratio: Double(tokens) / gen / anchor,
               anchor: String(format: "HF generate batch 16 %.0f tokens/s (%@, 32-token prompts) in generated tokens/s; generation %.2f s, grading %.4f s (%.2f%%), other %.2f s",
                              anchor, measured == nil ? "recorded anchor" : "same run", gen, grading, 100 * grading / max(wall, 1e-9), wall - gen - grading))
    }
}

struct GraderCase { var gold: String, response: String, style: GradingStyle }

func loadGraderCases(_ url: URL) throws -> [GraderCase] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
        guard let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
              let gold = o["gold"] as? String, let response = o["response"] as? String else { return nil }
        return GraderCase(gold: gold, response: response, style: GradingStyle(name: o["style"] as? String ?? "math") ?? .math)
    }
}

/// A file of the package: from the working directory (`make bench`), else beside this source.
func packageFile(_ relative: String) -> URL {
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(relative)
    if FileManager.default.fileExists(atPath: cwd.path) { return cwd }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(relative)
}

/// Math-Verify's cases/s on the same file, timed inside Python after import and one warm-up
/// pass; nil when no interpreter with math_verify is found ($OCTO_BENCH_PYTHON, .venv, python3).
func mathVerifyRate(_ cases: URL) -> (String, Double)? {
    let script = """
    import json, sys, time
    from math_verify import parse, verify
    rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    def run():
        for r in rows:
            g = r["gold"].strip()
            verify(parse(g if (g.startswith("$") and g.endswith("$")) else f"${g}$"), parse(r["response"]))
    run()
    t = time.perf_counter(); run(); t = time.perf_counter() - t
    print(len(rows) / t)
    """
    var candidates: [String] = []
    if let p = ProcessInfo.processInfo.environment["OCTO_BENCH_PYTHON"] { candidates.append(p) }
    candidates += [packageFile(".venv/bin/python3").path, "/usr/bin/python3", "/usr/local/bin/python3"]
    for python in candidates where FileManager.default.isExecutableFile(atPath: python) {
        guard let probe = runProcess(python, ["-c", "import math_verify"]), probe.status == 0 else { continue }
        guard let out = runProcess(python, ["-c", script, cases.path]), out.status == 0,
              let rate = Double(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")
        else { continue }
        return (python, rate)
    }
    return nil
}

/// Runs an executable and returns its exit status and standard output (stderr discarded).
func runProcess(_ path: String, _ args: [String], environment: [String: String]? = nil) -> (status: Int32, stdout: String)? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    if let environment { p.environment = environment }
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}
