// Runs a Python script of the repository with the project venv (.venv, see `make verl-check`),
// and tells whether that venv has a module — for the checks against verl itself.
import Foundation
import XCTest

enum VenvPython {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var python: URL { root.appendingPathComponent(".venv/bin/python3") }

    /// The built `octorepl` next to the test bundle (swift build builds both), else in .build/release.
    static var octorepl: URL? {
        var candidates: [URL] = []
        var dir = Bundle(for: Marker.self).bundleURL
        for _ in 0..<3 { dir = dir.deletingLastPathComponent(); candidates.append(dir.appendingPathComponent("octorepl")) }
        candidates.append(root.appendingPathComponent(".build/release/octorepl"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Skips (with a printed line saying how to enable it) unless the venv imports `module`.
    static func require(_ module: String, for what: String) throws {
        let ok = FileManager.default.isExecutableFile(atPath: python.path) && (try? run(["-c", "import \(module)"]))?.status == 0
        if !ok {
            let line = "SKIP \(what): \(module) is not installed in .venv (run `make verl-check`)"
            print(line)
            throw XCTSkip(line)
        }
    }

    /// Runs the venv python with `args`; returns the exit status and stdout+stderr.
    static func run(_ args: [String], cwd: URL? = nil) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = python
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        let pipe = Pipe()
        p.standardOutput = pipe; p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private final class Marker {}
}
