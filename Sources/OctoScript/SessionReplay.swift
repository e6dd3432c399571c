// Sessions: the transcript `:save` writes (header, cells, `#=> ` output lines) and the
// batch replay behind `octorepl run [--check]`, which compares printed output line by line.

/// The cells of a session that ran without error, with their printed output.
public struct SessionTranscript {
    public struct Entry: Equatable {
        public var source: String
        public var output: [String]
        public init(source: String, output: [String]) { self.source = source; self.output = output }
    }
    public var entries: [Entry] = []
    public init() {}

    /// The session file: `# octorepl VERSION session`, seed and date, then each cell and its `#=> ` lines.
    /// `width` (columns the views were drawn for) is written when given, so replay draws the same.
    public func render(version: String, seed: Int?, date: String, width: Int? = nil) -> String {
        var lines = ["# octorepl \(version) session", "# seed: \(seed.map(String.init) ?? "none")", "# date: \(date)"]
        if let width { lines.append("# width: \(width)") }
        lines.append("")
        for entry in entries {
            lines.append(entry.source)
            for out in entry.output { lines.append(out.isEmpty ? "#=>" : "#=> " + out) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension SessionTranscript {
    /// The `# width: N` header of a session file (among its first comment lines), if any.
    public static func headerWidth(_ text: String) -> Int? {
        for line in text.split(separator: "\n", maxSplits: 8, omittingEmptySubsequences: false).prefix(8) {
            guard line.hasPrefix("#") else { break }
            if line.hasPrefix("# width:"), let n = Int(line.dropFirst(8).trimmingCharacters(in: .whitespaces)), n >= 20, n <= 1000 { return n }
        }
        return nil
    }
}

/// Outcome of replaying a script.
public struct ReplayResult {
    /// Cells that ran.
    public var cellsRun = 0
    /// The first failure (an error or an output mismatch), already rendered; nil when all passed.
    public var failure: String?
    public var passed: Bool { failure == nil }
}

/// Batch replay of a script, cell by cell.
public enum SessionReplay {
    /// Replays `text`. `execute` runs one cell and returns its printed lines (REPL rules:
    /// the value of a final expression is included); it throws `ScriptError` on failure.
    /// With `check`, each cell's lines must equal its `#=> ` lines (a cell followed by
    /// `# expect error: text` must fail with a message containing text).
    public static func replay(_ text: String, file: String, check: Bool, sources: SourceRegistry?,
                              execute: (CellSplitter.Cell) throws -> [String]) -> ReplayResult {
        var result = ReplayResult()
        for cell in CellSplitter.split(text) {
            result.cellsRun += 1
            let actual: [String]
            do {
                actual = try execute(cell)
            } catch let error as ScriptError {
                if check, let expected = cell.expectedError {
                    if error.message.contains(expected) || error.description.contains(expected) { continue }
                    result.failure = "\(file):\(cell.line): expected an error containing '\(expected)', got:\n\(error.render(sources: sources))"
                    return result
                }
                result.failure = error.render(sources: sources)
                return result
            } catch {
                result.failure = "\(file):\(cell.line): \(error)"
                return result
            }
            if check, let expected = cell.expectedError {
                result.failure = "\(file):\(cell.line): expected an error containing '\(expected)', but the cell succeeded"
                return result
            }
            if check, actual.map(plainText) != cell.expected.map(plainText) {
                result.failure = diff(file: file, cell: cell, actual: actual)
                return result
            }
        }
        return result
    }

    /// `text` with every cell's `#=> ` lines replaced by `outputs[i]` (cells in order), other
    /// lines (comments, blank lines, `# expect error:`) kept: how `run --update` re-records.
    public static func rewrite(_ text: String, outputs: [[String]]) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var after: [Int: [String]] = [:]
        for (cell, out) in zip(CellSplitter.split(text), outputs) {
            let count = cell.source.split(separator: "\n", omittingEmptySubsequences: false).count
            after[cell.line - 1 + count - 1] = out
        }
        var result: [String] = []
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("#=>") { continue }
            result.append(line)
            if let out = after[i] { result += out.map { $0.isEmpty ? "#=>" : "#=> " + $0 } }
        }
        return result.joined(separator: "\n")
    }

    /// A short report of the first differing output line of a cell.
    public static func diff(file: String, cell: CellSplitter.Cell, actual: [String]) -> String {
        let expected = cell.expected
        var k = 0
        while k < min(expected.count, actual.count), expected[k] == actual[k] { k += 1 }
        let firstLine = cell.source.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var lines = ["\(file):\(cell.line): output differs (output line \(k + 1) of the cell `\(firstLine)`)"]
        lines.append("- expected: " + (k < expected.count ? expected[k] : "(nothing more)"))
        lines.append("+ actual:   " + (k < actual.count ? actual[k] : "(nothing more)"))
        lines.append("--- expected")
        lines += expected.map { "#=> " + $0 }
        lines.append("+++ actual")
        lines += actual.map { "#=> " + $0 }
        return lines.joined(separator: "\n")
    }
}

/// `text` without terminal control sequences (ANSI CSI such as colours, OSC, lone ESC):
/// what a session file stores and what `--check` compares, so a session saved from a
/// colour terminal replays against plain output.
public func plainText(_ text: String) -> String {
    guard text.contains("\u{1B}") else { return text }
    var out = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
        guard scalar == "\u{1B}" else { out.append(scalar); continue }
        guard let kind = scalars.next() else { break }
        if kind == "[" {
            // CSI: parameters and intermediates, then a final byte in 0x40...0x7E.
            while let c = scalars.next(), !(c.value >= 0x40 && c.value <= 0x7E) {}
        } else if kind == "]" {
            // OSC: up to BEL or ESC \.
            while let c = scalars.next() {
                if c == "\u{07}" { break }
                if c == "\u{1B}" { _ = scalars.next(); break }
            }
        }
    }
    return String(out)
}

/// Splits printed text into output lines (a final line break does not start a new line).
public func outputLines(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if text.hasSuffix("\n") { lines.removeLast() }
    return lines
}
