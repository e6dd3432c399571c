import XCTest
@testable import OctoBindings
@testable import OctoSession

/// Runs every ```octo block of Docs/Language.md in a fresh session and checks its `#=> ` lines.
final class DocTests: XCTestCase {
    func testLanguageReferenceExamplesRun() throws {
        let path = packageRoot.appendingPathComponent("Docs/Language.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var blocks: [(Int, String)] = []
        var current: [String]? = nil
        var start = 0
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil, line == "```octo" { current = []; start = i + 2; continue }
            if current != nil, line == "```" { blocks.append((start, current?.joined(separator: "\n") ?? "")); current = nil; continue }
            current?.append(String(line))
        }
        XCTAssertGreaterThanOrEqual(blocks.count, 9)
        for (line, block) in blocks {
            let session = Session(write: { _ in }, writeError: { _ in })
            let result = session.replay(block, file: "Docs/Language.md block at line \(line)", check: true, quiet: true)
            XCTAssertNil(result.failure, result.failure ?? "")
        }
    }
}
