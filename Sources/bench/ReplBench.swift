// repl: start-up of `octorepl -c '1'` and interpreter speed against CPython 3 running the
// same programs in the same run.
import Foundation

/// Wall seconds of one run of an executable (best of `reps`), or nil when it cannot run.
func timeProcess(_ exe: String, _ args: [String], reps: Int = 3) -> Double? {
    var best = Double.infinity
    for _ in 0..<reps {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let t0 = DispatchTime.now().uptimeNanoseconds
        do { try p.run() } catch { return nil }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    return best
}

func benchRepl() throws {
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("octorepl").path
    guard FileManager.default.isExecutableFile(atPath: exe) else { print("repl: octorepl binary not found next to bench"); return }
    let python = "/usr/bin/env"
    if let start = timeProcess(exe, ["-c", "1"], reps: 5), let py = timeProcess(python, ["python3", "-c", "1"], reps: 5) {
        report("repl", "start-up octorepl -c '1' (goal < 0.1 s)", value: start * 1000, unit: "ms", ratio: py / start,
               anchor: String(format: "python3 -c 1 %.0f ms", py * 1000))
    }
    let programs: [(String, String, String)] = [
        ("fib(25)", "fn fib(n) { if n < 2 { return n }\n return fib(n - 1) + fib(n - 2) }\nprint(fib(25))",
         "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(25))"),
        ("1M loop with dict/list work", "d = {}\nxs = []\nfor i in range(1000000) {\n  d[i % 100] = i\n  if i % 1000 == 0 { xs.append(i) }\n}\nprint(len(d), len(xs))",
         "d = {}\nxs = []\nfor i in range(1000000):\n    d[i % 100] = i\n    if i % 1000 == 0: xs.append(i)\nprint(len(d), len(xs))"),
    ]
    for (name, octo, py) in programs {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("octo-bench-\(abs(name.hashValue)).octo")
        try octo.write(to: file, atomically: true, encoding: .utf8)
        guard let t = timeProcess(exe, ["run", file.path], reps: 2), let tp = timeProcess(python, ["python3", "-c", py], reps: 2) else {
            print("repl \(name): could not run"); continue
        }
        report("repl", "interpreter \(name)", value: t, unit: "s", ratio: tp / t, anchor: String(format: "CPython 3 %.3f s", tp))
    }
}
