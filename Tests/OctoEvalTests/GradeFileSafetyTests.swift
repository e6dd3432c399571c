import Foundation
import XCTest
@testable import OctoEval

/// `grade` never overwrites its input, treats `dir/` as a folder, reads /dev/null sensibly,
/// and reports undecodable lines per line.
final class GradeFileSafetyTests: XCTestCase {
    var dir: URL!
    let cases = "{\"id\": \"a\", \"gold\": \"2\", \"response\": \"#### 2\", \"style\": \"gsm8k\"}\n"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("octograde-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func testOutputEqualToInputIsRefusedAlsoThroughLinks() throws {
        let input = dir.appendingPathComponent("cases.jsonl")
        try Data(cases.utf8).write(to: input)
        let symlink = dir.appendingPathComponent("link.jsonl")
        try FileManager.default.createSymbolicLink(at: symlink, withDestinationURL: input)
        let hardlink = dir.appendingPathComponent("hard.jsonl")
        try FileManager.default.linkItem(at: input, to: hardlink)
        let sneaky = URL(fileURLWithPath: dir.path + "/./sub/../cases.jsonl")
        for out in [input, symlink, hardlink, sneaky] {
            XCTAssertThrowsError(try GradeBatch.run(input: input, output: out)) { error in
                guard case .outputIsInput? = error as? GradeBatchError else { return XCTFail("\(out.path): \(error)") }
            }
        }
        XCTAssertEqual(try String(contentsOf: input, encoding: .utf8), cases, "the cases are untouched")
    }

    func testTrailingSlashMeansAFolder() throws {
        let input = dir.appendingPathComponent("cases.jsonl")
        try Data(cases.utf8).write(to: input)
        let out = URL(fileURLWithPath: dir.path + "/newdir/")
        let summary = try GradeBatch.run(input: input, output: out)
        XCTAssertEqual(summary.correct, 1)
        let written = dir.appendingPathComponent("newdir/cases.pred.jsonl")
        XCTAssertEqual(try GradeBatch.outputFile(for: out, input: input).path, written.path)
        XCTAssertTrue(try String(contentsOf: written, encoding: .utf8).contains("\"correct\": true"))
    }

    func testDevNullIsAnEmptyInputNotAPermissionError() {
        XCTAssertThrowsError(try GradeBatch.run(input: URL(fileURLWithPath: "/dev/null"), output: dir.appendingPathComponent("o.jsonl"))) { error in
            guard case .emptyInput? = error as? GradeBatchError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("nothing to grade"), "\(error)")
        }
        XCTAssertThrowsError(try GradeBatch.run(input: dir, output: dir.appendingPathComponent("o.jsonl"))) { error in
            XCTAssertTrue("\(error)".contains("folder"), "\(error)")
        }
    }

    func testBOMMidFileAndInvalidUTF8AreReportedPerLine() {
        var data = Data([0xEF, 0xBB, 0xBF]) + Data(cases.utf8)  // a BOM on line 1 is fine
        data += Data([0xEF, 0xBB, 0xBF]) + Data(cases.utf8)
        data += Data("{\"id\": \"x\", \"gold\": \"1\", \"response\": \"".utf8) + Data([0xFF, 0xFE]) + Data("\"}\n".utf8)
        data += Data(cases.utf8)
        let (_, summary) = GradeBatch.grade(data: data)
        XCTAssertEqual(summary.lines, 4)
        XCTAssertEqual(summary.graded, 2)
        XCTAssertEqual(summary.malformed.map(\.line), [2, 3])
        XCTAssertTrue(summary.malformed[0].reason.contains("byte-order mark"), "\(summary.malformed)")
        XCTAssertEqual(summary.malformed[1].reason, "not valid UTF-8")
    }
}
