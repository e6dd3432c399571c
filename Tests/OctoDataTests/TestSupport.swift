import Foundation
import XCTest

/// Paths and scratch directories shared by the OctoData tests.
enum TestPaths {
    /// The package root (two levels above this file's folder).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ name: String) -> URL { root.appendingPathComponent("Tests/Fixtures/data/\(name)") }
    static let examples = root.appendingPathComponent("examples/data")

    /// A fresh temporary directory.
    static func scratch(_ name: String = #function) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("octodata-\(ProcessInfo.processInfo.processIdentifier)-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
