// When is a cell complete? The REPL shows `...` while brackets, braces or a triple-quoted
// string are open; batch replay splits a script into cells by the same rule.

/// Decides cell completeness with the lexer and splits scripts into cells.
public enum CellSplitter {
    /// False while `(`/`[`/`{` or a `"""` string are still open (the REPL then asks for more).
    /// A cell with any other lexing error counts as complete, so the error is shown at once.
    public static func isComplete(_ source: String) -> Bool {
        var lexer = Lexer(source, file: "<input>")
        var depth = 0
        while true {
            do {
                let token = try lexer.next()
                switch token.kind {
                case .op("("), .op("["), .op("{"): depth += 1
                case .op(")"), .op("]"), .op("}"): depth -= 1
                case .eof: return depth <= 0 && !source.hasSuffix("\\\n") && !source.hasSuffix("\\")
                default: break
                }
            } catch let error as ScriptError {
                return !error.message.hasPrefix("unterminated triple-quoted")
            } catch {
                return true
            }
        }
    }

    /// One cell of a script: its source, first line, and the `#=> ` lines after it.
    public struct Cell: Equatable {
        public var source: String
        public var line: Int
        /// Expected output lines (`#=> text`), in order.
        public var expected: [String]
        /// Text of a `# expect error: …` line after the cell, when present.
        public var expectedError: String?
    }

    /// Splits a script into cells: a cell ends at a line where it is complete, unless the
    /// next line continues an `if` (`elif`/`else`). Comment and blank lines between cells
    /// are dropped; `#=> ` lines attach to the cell above.
    public static func split(_ text: String) -> [Cell] {
        let lines = splitLines(text)
        var cells: [Cell] = []
        var current: [String] = []
        var start = 0
        var i = 0
        func isContinuation(_ line: String) -> Bool {
            let t = line.drop { $0 == " " || $0 == "\t" }
            return t.hasPrefix("elif ") || t.hasPrefix("elif(") || t.hasPrefix("else ") || t.hasPrefix("else{") || t == "else"
        }
        // Completeness is tracked line by line (bracket depth of each new line lexed alone), so
        // a long cell costs linear time; only inside a triple-quoted string, which a single
        // line cannot lex, is the whole cell re-lexed.
        var tracker = Tracker()
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if current.isEmpty {
                if trimmed.hasPrefix("#=>"), !cells.isEmpty {
                    var out = String(trimmed.dropFirst(3))
                    if out.hasPrefix(" ") { out.removeFirst() }
                    cells[cells.count - 1].expected.append(out)
                    i += 1; continue
                }
                if trimmed.hasPrefix("# expect error:"), !cells.isEmpty {
                    cells[cells.count - 1].expectedError = String(trimmed.dropFirst("# expect error:".count)).trimmedSpaces()
                    i += 1; continue
                }
                if trimmed.isEmpty || trimmed.hasPrefix("#") { i += 1; continue }
                start = i
            }
            current.append(line)
            i += 1
            let complete = tracker.append(line)
            if complete {
                var j = i
                while j < lines.count, lines[j].drop(while: { $0 == " " }).isEmpty { j += 1 }
                if j < lines.count, isContinuation(lines[j]) { continue }
                cells.append(Cell(source: current.joined(separator: "\n"), line: start + 1, expected: [], expectedError: nil))
                current = []
                tracker = Tracker()
            }
        }
        if !current.isEmpty { cells.append(Cell(source: current.joined(separator: "\n"), line: start + 1, expected: [], expectedError: nil)) }
        return cells
    }

    /// `text` split at each `\n`, on UTF-8 bytes (`String.split` walks grapheme clusters,
    /// which made splitting a 100 MB script take seconds).
    public static func splitLines(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 10 {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self))
            return lines
        }
    }

    /// `text` without leading and trailing ASCII blanks and line breaks, trimmed on UTF-8
    /// bytes (cheap for a cell of any size, unlike Foundation's `trimmingCharacters`).
    public static func trimmed(_ text: String) -> Substring {
        let u = text.utf8
        func blank(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi, blank(u[lo]) { lo = u.index(after: lo) }
        while hi > lo, blank(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        return text[lo..<hi]
    }

    /// Completeness of a cell typed or piped line by line, in time linear in its length:
    /// each new line is lexed alone for its bracket depth; only inside a triple-quoted string
    /// (which one line cannot lex) is the whole cell re-lexed with `isComplete`.
    public struct Tracker {
        private var lines: [String] = []
        private var depth = 0
        private var relexWhole = false

        public init() {}

        /// Adds the next line; true when the cell is complete after it (start a new Tracker then).
        public mutating func append(_ line: String) -> Bool {
            lines.append(line)
            if relexWhole { return CellSplitter.isComplete(lines.joined(separator: "\n") + "\n") }
            switch CellSplitter.bracketDelta(line) {
            case .delta(let d):
                depth += d
                return depth <= 0 && !line.hasSuffix("\\")
            case .opensTripleString:
                relexWhole = true
                return CellSplitter.isComplete(lines.joined(separator: "\n") + "\n")
            case .lexError:
                return true
            }
        }
    }

    enum LineLex { case delta(Int), opensTripleString, lexError }

    /// Opening minus closing brackets of one line lexed on its own.
    static func bracketDelta(_ line: String) -> LineLex {
        var lexer = Lexer(line + "\n", file: "<input>")
        var delta = 0
        while true {
            do {
                let token = try lexer.next()
                switch token.kind {
                case .op("("), .op("["), .op("{"): delta += 1
                case .op(")"), .op("]"), .op("}"): delta -= 1
                case .eof: return .delta(delta)
                default: break
                }
            } catch let error as ScriptError {
                return error.message.hasPrefix("unterminated triple-quoted") ? .opensTripleString : .lexError
            } catch {
                return .lexError
            }
        }
    }
}
