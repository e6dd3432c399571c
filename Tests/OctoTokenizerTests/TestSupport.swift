import Foundation
import XCTest
@testable import OctoTokenizer

/// Paths and JSON helpers shared by the OctoTokenizer tests.
enum TestSupport {
    /// The package root: this file is Tests/OctoTokenizerTests/TestSupport.swift.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures/tokenizers").appendingPathComponent(name)
    }

    /// ../shared/fixtures/real-tokenizers/<name>, or nil (with a SKIPPED line) when absent.
    static func realTokenizer(_ name: String) -> URL? {
        let url = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/fixtures/real-tokenizers").appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("tokenizer.json").path) else {
            print("SKIPPED: real tokenizer \(url.path) not found")
            return nil
        }
        return url
    }

    static func loadJSON(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TokenizerError.wrongType(file: url.path, field: "(top level)", expected: "an object")
        }
        return object
    }

    static func ints(_ value: Any?) -> [Int]? {
        (value as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue }
    }
}
