// The small sample files under examples/data/: lab text corpora as {"text": …} jsonl and the
// lab sets in their public formats. Full sets are generated on demand.
import Foundation

extension MathLab {
    /// Seed of the shipped samples.
    public static let sampleSeed: UInt64 = 2506_20512

    /// File name → contents of every sample file (`lines` documents or problems each).
    public static func sampleFiles(lines: Int = 50) throws -> [(name: String, contents: String)] {
        let lab = MathLab(seed: sampleSeed)
        var files: [(String, String)] = []
        for kind in LabCorpusKind.allCases {
            let name = kind.rawValue.replacingOccurrences(of: ":", with: "_") + ".jsonl"
            let body = lab.documents(kind: kind, count: lines).map { ProblemWriter.textLine($0) }
            files.append((name, body.joined(separator: "\n") + "\n"))
        }
        for spec in benchmarks {
            let problems = try benchmark(spec.name, count: lines)
            let name = spec.name.replacingOccurrences(of: ":", with: "_") + ".jsonl"
            files.append((name, problems.map { ProblemWriter.line($0, format: spec.format) }.joined(separator: "\n") + "\n"))
        }
        return files
    }

    /// Writes `sampleFiles` into `directory` (created if needed).
    /// - Throws: `DataError.unreadable` when a file cannot be written.
    public static func writeSamples(to directory: URL, lines: Int = 50) throws {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, contents) in try sampleFiles(lines: lines) {
            let url = directory.appendingPathComponent(name)
            do { try Data(contents.utf8).write(to: url, options: .atomic) } catch {
                throw DataError.unreadable(path: url.path, reason: "cannot write: \(error)")
            }
        }
    }
}
