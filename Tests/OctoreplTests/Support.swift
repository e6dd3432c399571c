import Foundation
import XCTest
@testable import OctoBindings
@testable import OctoSession

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built octorepl binary: next to the test bundle, else in .build/{debug,release}.
func octoreplBinary() -> String? {
    var dirs = [URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent(),
                Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
    dirs += ["debug", "release"].map { packageRoot.appendingPathComponent(".build/\($0)") }
    for dir in dirs {
        let path = dir.appendingPathComponent("octorepl").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// Runs the CLI in-process; returns (status, stdout, stderr).
func runCLI(_ args: [String], stdin: String = "", terminal: Bool = false) -> (Int32, String, String) {
    var out = "", err = ""
    let context = CLIContext(write: { out += $0 }, writeError: { err += $0 }, readStandardInput: { stdin })
    let status = ScriptThread.run { OctoCLI.main(args, context: context, stdinIsTerminal: terminal, interactive: { 99 }) }
    return (status, out, err)
}

/// Runs the real binary with stdin text; returns (status, stdout, stderr).
func runBinary(_ path: String, _ args: [String], stdin: String = "", env: [String: String] = [:]) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = args
    var environment = ProcessInfo.processInfo.environment
    for (k, v) in env { environment[k] = v }
    process.environment = environment
    let input = Pipe(), output = Pipe(), error = Pipe()
    process.standardInput = input; process.standardOutput = output; process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}
