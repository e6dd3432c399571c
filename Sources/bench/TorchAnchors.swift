// Anchors measured by PyTorch / transformers in the same run: Sources/bench/anchors/torch_anchors.py run
// with the venv of `make bench-anchors` (VENV=... picks another). When no such venv exists,
// or the script fails, the callers fall back to recorded figures and say "recorded anchor".
import Foundation

enum TorchAnchors {
    /// The venv's python: $VENV/bin/python, else .venv/bin/python in the working directory.
    static var python: String? {
        let venv = ProcessInfo.processInfo.environment["VENV"] ?? ".venv"
        let path = venv + "/bin/python"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Sources/bench/anchors/torch_anchors.py from the working directory or beside this source file.
    static var script: String? {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("anchors/torch_anchors.py").path
        return ["Sources/bench/anchors/torch_anchors.py", here].first { FileManager.default.fileExists(atPath: $0) }
    }

    private static var cache: [String: [String: Double]] = [:]

    /// The figures of one group ("decode" or "train"), measured once per process; nil with a
    /// printed reason when they cannot be measured.
    static func measure(_ group: String) -> [String: Double]? {
        if let hit = cache[group] { return hit }
        guard let py = python, let script = script else {
            print("# \(group) anchors: no venv with torch (run `make bench-anchors`): recorded anchors used")
            return nil
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: py)
        p.arguments = [script, group]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        do { try p.run() } catch {
            print("# \(group) anchors: cannot run \(py): \(error): recorded anchors used")
            return nil
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let lastLine = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard p.terminationStatus == 0,
              let obj = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any] else {
            let tail = String(decoding: errData, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " | ")
            print("# \(group) anchors: torch_anchors.py failed (\(tail)): recorded anchors used")
            return nil
        }
        var figures: [String: Double] = [:]
        for (k, v) in obj { if let d = v as? Double { figures[k] = d } else if let i = v as? Int { figures[k] = Double(i) } }
        print("# \(group) anchors measured now: PyTorch \(obj["torch"] as? String ?? "?") threads=\(figures["threads"].map { Int($0) } ?? 0)")
        cache[group] = figures
        return figures
    }
}
