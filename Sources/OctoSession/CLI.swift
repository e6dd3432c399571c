// The command line: `octorepl` (REPL or piped cells), `run [--check] FILE`, `-c CODE`,
// `--version`, `--help`, and a table of subcommands the lead can extend (`grade`, …).
// Lives in the OctoSession library so tests drive it in-process; main.swift only supplies the REPL.
import Foundation
import OctoScript
import OctoTensor

/// One subcommand: `octorepl NAME args…`.
public struct CLICommand {
    public let name: String
    public let usage: String
    public let summary: String
    /// Hidden commands (`fuzz`) are left out of `--help`.
    public let hidden: Bool
    /// Runs with the arguments after the name; returns the exit status.
    public let run: ([String], CLIContext) -> Int32

    public init(name: String, usage: String, summary: String, hidden: Bool = false, run: @escaping ([String], CLIContext) -> Int32) {
        self.name = name; self.usage = usage; self.summary = summary; self.hidden = hidden; self.run = run
    }
}

/// Where a command writes and reads.
public struct CLIContext {
    public var write: (String) -> Void
    public var writeError: (String) -> Void
    public var readStandardInput: () -> String
    public init(write: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
                writeError: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
                readStandardInput: @escaping () -> String = { String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }) {
        self.write = write; self.writeError = writeError; self.readStandardInput = readStandardInput
    }
}

/// The octorepl command line.
public enum OctoCLI {
    /// Subcommands; add yours with `OctoCLI.commands.append(CLICommand(…))` before `main`.
    nonisolated(unsafe) public static var commands: [CLICommand] = [runCommand, fuzzCommand, GradeCommand.command]

    /// Runs the command line. `interactive` starts the REPL (used when stdin is a terminal).
    public static func main(_ arguments: [String], context: CLIContext = CLIContext(),
                            stdinIsTerminal: Bool, interactive: () -> Int32) -> Int32 {
        guard let first = arguments.first else {
            return stdinIsTerminal ? interactive() : runPiped(context.readStandardInput(), context)
        }
        switch first {
        case "--version", "-V":
            context.write("octorepl \(octoreplVersion)\n"); return 0
        case "--help", "-h", "help":
            context.write(helpText); return 0
        case "-c":
            guard arguments.count >= 2 else { context.writeError("octorepl: -c needs code\n"); return 2 }
            let session = Session(write: context.write, writeError: context.writeError)
            return session.submit(arguments[1], name: "<-c>") == .failed ? 1 : 0
        case "-":
            return runPiped(context.readStandardInput(), context)
        default:
            if let command = commands.first(where: { $0.name == first }) { return command.run(Array(arguments.dropFirst()), context) }
            let suggestion = closestName(to: first, among: commands.filter { !$0.hidden }.map(\.name))
            context.writeError("octorepl: unknown command '\(first)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? "")\n\n" + helpText)
            return 2
        }
    }

    public static var helpText: String {
        var lines = ["octorepl \(octoreplVersion) — a notebook-style REPL for studying mid-training and RL of language models", "",
                     "usage:", "  octorepl                     start the REPL (reads cells from stdin when it is not a terminal)",
                     "  octorepl -c CODE             run one cell; non-zero exit status on an error"]
        for c in commands where !c.hidden { lines.append("  octorepl \(c.usage.padding(toLength: 19, withPad: " ", startingAt: 0)) \(c.summary)") }
        lines += ["  octorepl --version           print the version", "  octorepl --help              this text", "",
                  "environment: OCTOREPL_HISTORY (history file, default ~/.octorepl_history), NO_COLOR", ""]
        return lines.joined(separator: "\n")
    }

    /// Piped cells: no prompts or colour; stops with status 1 at the first error.
    static func runPiped(_ text: String, _ context: CLIContext) -> Int32 {
        let session = Session(write: context.write, writeError: context.writeError)
        var buffer: [String] = []
        var firstLine = 1
        var lineNumber = 0
        var tracker = CellSplitter.Tracker()  // linear in the cell's length (#19)
        for line in CellSplitter.splitLines(text) {
            lineNumber += 1
            if buffer.isEmpty { firstLine = lineNumber }
            buffer.append(line)
            if buffer.count == 1 && CellSplitter.trimmed(line).hasPrefix(":") || tracker.append(line) {
                let cell = buffer.joined(separator: "\n")
                buffer = []
                tracker = CellSplitter.Tracker()
                if CellSplitter.trimmed(cell).isEmpty { continue }
                var outcome: CellOutcome
                if CellSplitter.trimmed(cell).hasPrefix(":") { outcome = session.submit(cell) }
                else {
                    do { try session.runCell(cell, name: "<stdin>", firstLine: firstLine); outcome = .ok }
                    catch let e as ScriptError { session.report(e); outcome = .failed }
                    catch { outcome = .failed }
                }
                if outcome == .failed { return 1 }
                if outcome == .quit { return 0 }
            }
        }
        if !CellSplitter.trimmed(buffer.joined()).isEmpty {
            context.writeError("<stdin>:\(firstLine): error: input ended inside an open bracket or string\n")
            return 1
        }
        return 0
    }

    static let runCommand = CLICommand(name: "run", usage: "run [--check] FILE", summary: "replay a script; --check compares outputs with its #=> lines (run --update FILE rewrites them)") { args, context in
        let check = args.contains("--check")
        if args.contains("--update") { return update(args.filter { $0 != "--update" }, context) }
        let files = args.filter { !$0.hasPrefix("--") }
        var steps: Int? = nil
        if let s = args.first(where: { $0.hasPrefix("--steps=") }) { steps = Int(s.dropFirst("--steps=".count)) }
        guard files.count == 1, let path = files.first else { context.writeError("usage: octorepl run [--check] [--steps=N] FILE\n"); return 2 }
        guard let data = FileManager.default.contents(atPath: path) else { context.writeError("octorepl: cannot read \(path)\n"); return 2 }
        // --check runs get a step budget so a runaway cell fails instead of hanging.
        let limits = InterpreterLimits(maxSteps: steps ?? (check ? 50_000_000 : nil))
        let session = Session(limits: limits, write: context.write, writeError: context.writeError)
        let result = session.replay(String(decoding: data, as: UTF8.self), file: path, check: check, quiet: check)
        if let failure = result.failure {
            context.writeError(failure + "\n")
            return 1
        }
        if check { context.write("ok: \(path) (\(result.cellsRun) cell\(result.cellsRun == 1 ? "" : "s") match)\n") }
        return 0
    }

    /// `run --update FILE`: replays FILE and rewrites its `#=> ` lines with the outputs of this run.
    static func update(_ args: [String], _ context: CLIContext) -> Int32 {
        guard let path = args.first(where: { !$0.hasPrefix("--") }), let data = FileManager.default.contents(atPath: path) else {
            context.writeError("usage: octorepl run --update FILE\n"); return 2
        }
        let text = String(decoding: data, as: UTF8.self)
        var outputs: [[String]] = []
        var printed = ""
        let session = Session(limits: InterpreterLimits(), write: { printed += $0 }, writeError: context.writeError)
        // Views as wide as the file's `# width:` header, as `run --check` draws them.
        let result = session.replaying(text) {
            SessionReplay.replay(text, file: path, check: false, sources: session.interpreter.sources) { cell in
                printed = ""
                let source = String(CellSplitter.trimmed(cell.source))
                if source.hasPrefix(":") { _ = session.magic(source); outputs.append([]); return [] }
                let lines = try session.runCell(cell.source, name: path, firstLine: cell.line)
                outputs.append(lines)
                return lines
            }
        }
        if let failure = result.failure { context.writeError(failure + "\n"); return 1 }
        let rewritten = withKernelsHeader(SessionReplay.rewrite(text, outputs: outputs))
        do { try Data(rewritten.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            context.writeError("octorepl: cannot write \(path): \(error.localizedDescription)\n"); return 1
        }
        context.write("updated: \(path) (\(outputs.count) cells)\n")
        return 0
    }

    /// The header line that says which kernels recorded a file's outputs (`Threads.kernelSignature`):
    /// another signature may round differently, so a golden file names the machine it holds for.
    static var kernelsHeader: String { "# kernels: " + Threads.kernelSignature }

    /// `text` with its `# kernels:` header line set to this machine's: replaced where the leading
    /// comment block has one, else inserted after its `# seed:` line (or first line).
    static func withKernelsHeader(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.prefix { $0.hasPrefix("#") && !$0.hasPrefix("#=>") }.count
        if let i = lines[..<header].firstIndex(where: { $0.hasPrefix("# kernels:") }) {
            lines[i] = kernelsHeader
        } else if header > 0 {
            let seed = lines[..<header].firstIndex { $0.hasPrefix("# seed:") } ?? 0
            lines.insert(kernelsHeader, at: seed + 1)
        } else {
            return text
        }
        return lines.joined(separator: "\n")
    }

    static let fuzzCommand = CLICommand(name: "fuzz", usage: "fuzz [--cells N] [--seed S] [FILES]", summary: "fuzz the interpreter", hidden: true) { args, context in
        var cells = 1_000_000, seed: UInt64 = 1, trace = false
        var files: [String] = []
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--cells" where i + 1 < args.count: cells = Int(args[i + 1]) ?? cells; i += 1
            case "--seed" where i + 1 < args.count: seed = UInt64(args[i + 1]) ?? seed; i += 1
            case "--trace": trace = true
            default: files.append(args[i])
            }
            i += 1
        }
        let corpus = files.compactMap { FileManager.default.contents(atPath: $0).map { String(decoding: $0, as: UTF8.self) } }
        let report = Fuzz.run(cells: cells, seed: seed, corpus: corpus, progress: { n in if n % 50_000 == 0 { context.writeError("  \(n) cells…\n") } },
                              trace: trace ? { n, source in context.writeError("--- cell \(n)\n\(source)\n") } : nil)
        context.write(report.description + "\n")
        for h in report.hangs.prefix(5) { context.write("hang: \(h)\n") }
        for u in report.unlocated.prefix(5) { context.write("unlocated: \(u)\n") }
        return report.hangs.isEmpty && report.unlocated.isEmpty ? 0 : 1
    }
}
