import XCTest
@testable import OctoData

/// The files in examples/data are what the lab writes for `MathLab.sampleSeed`; set
/// OCTO_WRITE_SAMPLES=1 to rewrite them.
final class SampleFilesTests: XCTestCase {
    func testShippedSamplesMatchTheLabAndLoad() throws {
        if ProcessInfo.processInfo.environment["OCTO_WRITE_SAMPLES"] == "1" {
            try MathLab.writeSamples(to: TestPaths.examples)
        }
        let files = try MathLab.sampleFiles()
        XCTAssertEqual(files.count, LabCorpusKind.allCases.count + MathLab.benchmarks.count)
        for (name, contents) in files {
            let url = TestPaths.examples.appendingPathComponent(name)
            let shipped = try String(contentsOf: url, encoding: .utf8)
            XCTAssertEqual(shipped, contents, "\(name) differs from the lab output; rerun with OCTO_WRITE_SAMPLES=1")
        }
        for kind in LabCorpusKind.allCases {
            let url = TestPaths.examples.appendingPathComponent(kind.rawValue.replacingOccurrences(of: ":", with: "_") + ".jsonl")
            let (texts, report) = try TextCorpus(url: url, policy: .fail).readTexts()
            XCTAssertEqual(texts, MathLab(seed: MathLab.sampleSeed).documents(kind: kind, count: 50))
            XCTAssertTrue(report.issues.isEmpty)
        }
        for spec in MathLab.benchmarks {
            let url = TestPaths.examples.appendingPathComponent(spec.name.replacingOccurrences(of: ":", with: "_") + ".jsonl")
            let set = try ProblemLoader.load(url, policy: .fail)
            XCTAssertEqual(set.format, spec.format, spec.name)
            let expected = try MathLab.benchmark(spec.name, count: 50)
            let golds = expected.map { spec.format == .olympiad ? "$\($0.gold)$" : $0.gold }
            XCTAssertEqual(set.problems.map(\.gold), golds, spec.name)
            XCTAssertEqual(set.problems.map(\.prompt), expected.map(\.prompt), spec.name)
        }
    }
}
