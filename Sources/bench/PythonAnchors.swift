// Anchors measured by Python peers in the same run: a script under Sources/bench/anchors run
// with the venv of `make bench-anchors` (VENV=... picks another): torch_anchors.py (PyTorch /
// transformers: training, HF generate) and llamacpp_anchors.py (llama.cpp through
// llama-cpp-python, `make bench-anchors LLAMA=1`). When the venv, the package or the script is
// missing, or the script fails, callers fall back to recorded figures and say "recorded anchor".
import Foundation

enum PythonAnchors {
    /// The venv's python: $VENV/bin/python, else .venv/bin/python in the working directory.
    static var python: String? {
        let venv = ProcessInfo.processInfo.environment["VENV"] ?? ".venv"
        let path = venv + "/bin/python"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Sources/bench/anchors/`name` from the working directory or beside this source file.
    static func script(_ name: String) -> String? {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("anchors/\(name)").path
        return ["Sources/bench/anchors/\(name)", here].first { FileManager.default.fileExists(atPath: $0) }
    }

    private static var cache: [String: [String: Double]] = [:]

    /// PyTorch figures of one group ("decode" or "train"). `again` runs the script once more
    /// (to bracket our timing) and returns each figure's best over this process's runs.
    static func torch(_ group: String, again: Bool = false) -> [String: Double]? { measure("torch_anchors.py", group, again: again) }

    /// llama.cpp batch-1 decode figures (keys llamacpp_s_b1, llamacpp_qwen05_b1); `again` as for `torch`.
    static func llamaCpp(again: Bool = false) -> [String: Double]? { measure("llamacpp_anchors.py", nil, again: again) }

    /// The figures of one script (and group): measured on the first call, then this process's
    /// figures, which `again` measures once more and keeps at their best (every figure is a rate).
    /// Nil with a printed reason when they cannot be measured.
    static func measure(_ name: String, _ group: String?, again: Bool = false) -> [String: Double]? {
        let key = name + " " + (group ?? "")
        if !again, let hit = cache[key] { return hit }
        let label = group.map { "\($0) anchors (\(name))" } ?? "anchors (\(name))"
        guard let py = python, let script = script(name) else {
            print("# \(label): no anchors venv (run `make bench-anchors`): recorded anchors used")
            return nil
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: py)
        p.arguments = [script] + (group.map { [$0] } ?? [])
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        do { try p.run() } catch {
            print("# \(label): cannot run \(py): \(error): recorded anchors used")
            return nil
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let lastLine = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard p.terminationStatus == 0,
              let obj = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any] else {
            let tail = String(decoding: errData, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " | ")
            print("# \(label): \(name) failed (\(tail)): recorded anchors used")
            return nil
        }
        var figures: [String: Double] = [:]
        for (k, v) in obj { if let d = v as? Double { figures[k] = d } else if let i = v as? Int { figures[k] = Double(i) } }
        let versions = obj.compactMap { k, v in (v as? String).map { "\(k) \($0)" } }.sorted().joined(separator: ", ")
        print("# \(label) measured now: \(versions) threads=\(figures["threads"].map { Int($0) } ?? 0)")
        let best = (cache[key] ?? [:]).merging(figures) { max($0, $1) }
        cache[key] = best
        return best
    }
}
