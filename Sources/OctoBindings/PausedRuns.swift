// Ctrl-C during a training run (phase.run, rl.run) pauses it at a step boundary. Two things
// follow from that, both here:
//  - the run remembers the steps it still owed, so a bare `run()` goes on with exactly those;
//  - the session saves the interrupted cell as the deterministic call that reaches the same
//    state: the same call with `pause_after=K` (K = steps actually run) and a comment, so
//    `octorepl run --check` replays the session, including a later `run()` that continues.
import Foundation

/// Bookkeeping of runs paused by Ctrl-C or `pause_after`.
public enum PausedRuns {
    /// Set by a run binding when Ctrl-C paused it during the current cell: the steps it ran.
    nonisolated(unsafe) public static var lastInterruptedSteps: Int?

    /// Steps an RL run still owes (phases keep theirs in `PhaseBox`), by object identity.
    nonisolated(unsafe) private static var rlRemaining: [ObjectIdentifier: (run: AnyObject, steps: Int)] = [:]

    static func remaining(of run: AnyObject) -> Int? {
        guard let entry = rlRemaining[ObjectIdentifier(run)], entry.run === run else { return nil }
        return entry.steps
    }

    static func setRemaining(_ steps: Int?, of run: AnyObject) {
        rlRemaining = rlRemaining.filter { $0.value.run !== run }
        if let steps, steps > 0 { rlRemaining[ObjectIdentifier(run)] = (run, steps) }
    }

    /// The arguments of a run call: the steps it plans (`planned`), how many to run now
    /// (`pause_after` may cut them), and the bookkeeping after it ran `ran` steps.
    /// - Returns: whether the run stopped early because of Ctrl-C.
    static func finish(planned: Int, ran: Int, interrupted: Bool, store: (Int?) -> Void) -> Bool {
        store(ran < planned ? planned - ran : nil)
        if interrupted { lastInterruptedSteps = ran }
        return interrupted
    }

    /// `source` (one cell) rewritten so that it runs `steps` steps and pauses, with a comment;
    /// nil when the cell is not a single `X.run(...)` call (then it cannot be replayed exactly).
    public static func rewrite(_ source: String, steps: Int) -> String? {
        guard let call = CallRewrite.setArgument("pause_after", to: "\(steps)", inCallOf: ".run", in: source) else { return nil }
        return call + "  # interrupted by Ctrl-C after \(steps) step\(steps == 1 ? "" : "s")"
    }
}

/// Rewrites one-line cells that are a single call, for saving replayable sessions.
public enum CallRewrite {
    /// `source` with `name=value` set among the arguments of its final call, when `source` is
    /// one line that ends with a call of `callee` (e.g. ".run" or "step"); otherwise nil.
    public static func setArgument(_ name: String, to value: String, inCallOf callee: String, in source: String) -> String? {
        let line = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.contains("\n"), !line.contains(";"), line.hasSuffix(")") else { return nil }
        let chars = Array(line)
        var open: Int?
        var i = chars.count - 1, depth = 0
        while i >= 0 {
            if chars[i] == ")" { depth += 1 } else if chars[i] == "(" {
                depth -= 1
                if depth == 0 { open = i; break }
            } else if chars[i] == "\"" || chars[i] == "'" || chars[i] == "#" { return nil }
            i -= 1
        }
        guard let open, open >= callee.count, String(chars[(open - callee.count)..<open]) == callee else { return nil }
        if callee.first?.isLetter == true, open > callee.count {
            let before = chars[open - callee.count - 1]
            guard !(before.isLetter || before.isNumber || before == "_" || before == ".") else { return nil }
        }
        let head = String(chars[..<open])
        let inner = String(chars[(open + 1)..<(chars.count - 1)])
        var args = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        args.removeAll { $0.replacingOccurrences(of: " ", with: "").hasPrefix(name + "=") }
        args.append("\(name)=\(value)")
        return "\(head)(\(args.joined(separator: ", ")))"
    }
}
