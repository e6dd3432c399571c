import Foundation
import XCTest
@testable import OctoBindings
import OctoSession

/// `load(path)` takes a .gguf by its extension; a bad .gguf is a located script error.
final class GGUFBindingTests: XCTestCase {
    func run(_ cells: [String]) throws -> String {
        var out = ""
        let session = Session(write: { out += $0 }, writeError: { out += $0 })
        for cell in cells { try session.runCell(cell) }
        return out
    }

    func testLoadDispatchesOnTheGGUFExtension() throws {
        let path = inspectPackageRoot.appendingPathComponent("Tests/Fixtures/gguf/tiny-qwen2.gguf").path
        let out = try run(["m = load(\"\(path)\")", "print(m)", "print(m.tokenizer)"])
        XCTAssertTrue(out.contains("<Model qwen2 2x64 heads=4/2"), out)
        XCTAssertTrue(out.contains("<Tokenizer qwen2 vocab=500>"), out)
    }

    func testBadGGUFIsALocatedError() throws {
        let path = NSTemporaryDirectory() + "octo-bad-\(getpid()).gguf"
        try Data("GGUF\u{3}\0\0\0".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try run(["load(\"\(path)\")"])) { error in
            XCTAssertTrue("\(error)".contains("\(path): truncated: tensor_count at offset 8"), "\(error)")
        }
    }
}
