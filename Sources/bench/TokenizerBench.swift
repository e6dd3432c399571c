// tokenizer: encode throughput (MB/s) of the real Llama-3.2 tokenizer against HF
// `tokenizers` (Rust, via Python) on the same text in the same run, when a venv has it.
import Foundation
import OctoTokenizer
import OctoData

/// Runs a Python snippet with the anchors venv (`make bench-anchors`), returning stdout.
func runAnchorPython(_ code: String, args: [String] = []) -> String? {
    let py = packageFile(".venv/bin/python3").path
    guard FileManager.default.isExecutableFile(atPath: py) else { return nil }
    var env = ProcessInfo.processInfo.environment
    env["OMP_NUM_THREADS"] = "2"; env["RAYON_NUM_THREADS"] = "2"
    guard let out = runProcess(py, ["-c", code] + args, environment: env), out.status == 0 else { return nil }
    return out.stdout
}

func benchTokenizer() throws {
    let real = packageFile("../shared/fixtures/real-tokenizers/llama-3.2")
    let folder = FileManager.default.fileExists(atPath: real.appendingPathComponent("tokenizer.json").path)
        ? real : packageFile("Tests/Fixtures/hf/tiny-llama")
    let t0 = Date()
    let tok = try Tokenizer(contentsOf: folder)
    let loadSecs = Date().timeIntervalSince(t0)
    let docs = MathLab(seed: 1).documents(kind: .mathWeb, count: 1500) + MathLab(seed: 2).documents(kind: .web, count: 1500)
    let text = docs.joined(separator: "\n")
    let bytes = Double(text.utf8.count)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("octo-bench-text.txt")
    try text.write(to: file, atomically: true, encoding: .utf8)
    var ids: [Int] = []
    let secs = bestTime(reps: 3) { ids = tok.encode(text, addSpecialTokens: false) }
    let mbs = bytes / secs / 1e6
    let script = """
    import sys, time
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(sys.argv[1] + "/tokenizer.json")
    text = open(sys.argv[2], encoding="utf-8").read()
    best = 1e9
    for _ in range(3):
        t = time.perf_counter(); enc = tok.encode(text, add_special_tokens=False); best = min(best, time.perf_counter() - t)
    print(len(text.encode("utf-8")) / best / 1e6, len(enc.ids))
    """
    if let out = runAnchorPython(script, args: [folder.path, file.path]),
       let hf = Double(out.split(separator: " ").first ?? "") {
        let same = out.split(separator: " ").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } == ids.count
        report("tokenizer", "encode \(folder.lastPathComponent) (\(Int(bytes / 1e6)) MB, load \(String(format: "%.2f", loadSecs)) s)",
               value: mbs, unit: "MB/s", ratio: mbs / hf, anchor: String(format: "HF tokenizers %.2f MB/s, same ids: \(same)", hf))
    } else {
        report("tokenizer", "encode \(folder.lastPathComponent) (load \(String(format: "%.2f", loadSecs)) s)", value: mbs, unit: "MB/s",
               ratio: mbs / 1.5, anchor: "HF tokenizers 1.5 MB/s (recorded anchor: no .venv with tokenizers; run make bench-anchors)")
    }
}
