// Fuzzing the interpreter in-process: random cells from a small grammar plus mutations of
// seed scripts (the golden sessions), each run under a step budget. Checks: no crash (the
// process survives), no hang (each cell finishes within a wall-clock limit), and every
// error carries a location.
import Foundation
import OctoBase

/// What a fuzz run found.
public struct FuzzReport: CustomStringConvertible {
    public var cells = 0
    public var succeeded = 0
    public var failed = 0
    /// Cells that ran longer than the wall-clock limit.
    public var hangs: [String] = []
    /// Errors without a location (each is a defect).
    public var unlocated: [String] = []
    public var seconds = 0.0
    public var description: String {
        "fuzz: \(cells) cells, \(succeeded) ok, \(failed) errors, \(hangs.count) hangs, \(unlocated.count) unlocated errors, \(String(format: "%.1f", seconds)) s"
    }
}

/// The fuzz driver (used by the test suite and by `octorepl fuzz`).
public enum Fuzz {
    /// Runs `cells` cells: half generated, half mutated from `corpus` (when given).
    public static func run(cells: Int, seed: UInt64, corpus: [String], hangSeconds: Double = 2.0,
                           progress: ((Int) -> Void)? = nil, trace: ((Int, String) -> Void)? = nil) -> FuzzReport {
        var rng = RNG(seed: seed)
        var report = FuzzReport()
        let started = Date()
        let limits = InterpreterLimits(maxCallDepth: 150, maxSteps: 20_000, maxCollectionSize: 100_000)
        func fresh() -> Interpreter {
            let interp = Interpreter(limits: limits)
            interp.output = { _ in }
            _ = try? interp.run(prelude, name: "<fuzz prelude>")
            return interp
        }
        var interp = fresh()
        let seeds = corpus.flatMap { CellSplitter.split($0).map(\.source) }
        for n in 0..<cells {
            if n % 200 == 199 { interp = fresh() }
            let source: String
            if !seeds.isEmpty && n % 2 == 1 {
                source = mutate(seeds[Int(rng.next() % UInt64(seeds.count))], &rng)
            } else {
                var g = Generator(rng: rng.split("cell/\(n)"))
                source = g.cell()
            }
            trace?(n, source)
            let t0 = Date()
            do {
                _ = try interp.run(source, name: "<fuzz \(n)>")
                report.succeeded += 1
            } catch let error as ScriptError {
                report.failed += 1
                if error.location == nil { report.unlocated.append("\(error) in: \(source)") }
            } catch {
                report.failed += 1
                report.unlocated.append("non-script error \(error) in: \(source)")
            }
            if Date().timeIntervalSince(t0) > hangSeconds { report.hangs.append(source) }
            report.cells += 1
            if let progress, n % 1_000 == 0 { progress(n) }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Names the generated cells use, so that most of them run.
    static let prelude = "x = 1\ny = 2.5\nxs = [1, 2, 3]\nd = {\"a\": 1}\ns = \"abc\"\ni = 0\nn = 3\nfn f(a, b=1) { a }\nfn g(a, b=2) { b }"

    static let fragments = ["(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "+", "-", "*", "/", "//", "%", "**", "==", "<",
                            "not ", " and ", " or ", " in ", "fn ", "if ", "else ", "for ", "while ", "return ", "break", "\n",
                            "\"", "'", "f\"{", "}\"", "#", "0", "-1", "9223372036854775807", "1e308", "4M", "1.5B", "nil",
                            "x", "xs", "d", "len(", "range(", "print(", "sorted(", "[:", "::-1]", "\"\"\"", "\\", "0.0"]

    /// A random edit of `source`: delete, insert, duplicate or swap pieces.
    static func mutate(_ source: String, _ rng: inout RNG) -> String {
        var chars = Array(source)
        let edits = 1 + Int(rng.next() % 3)
        for _ in 0..<edits {
            let at = chars.isEmpty ? 0 : Int(rng.next() % UInt64(chars.count + 1))
            switch rng.next() % 4 {
            case 0 where !chars.isEmpty:
                let len = min(chars.count - min(at, chars.count), 1 + Int(rng.next() % 4))
                if at < chars.count { chars.removeSubrange(at..<(at + len)) }
            case 1, 0:
                chars.insert(contentsOf: Array(fragments[Int(rng.next() % UInt64(fragments.count))]), at: min(at, chars.count))
            case 2 where chars.count > 2:
                let from = Int(rng.next() % UInt64(chars.count))
                let len = min(chars.count - from, 1 + Int(rng.next() % 12))
                chars.insert(contentsOf: Array(chars[from..<(from + len)]), at: min(at, chars.count))
            default:
                if chars.count > 1 {
                    let a = Int(rng.next() % UInt64(chars.count)), b = Int(rng.next() % UInt64(chars.count))
                    chars.swapAt(a, b)
                }
            }
        }
        return String(chars)
    }

    /// A grammar-based generator of (mostly valid) cells.
    struct Generator {
        var rng: RNG
        let names = ["x", "y", "xs", "d", "s", "i", "n", "f", "g"]

        mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        mutating func chance(_ p: Double) -> Bool { rng.chance(p) }

        mutating func cell() -> String {
            var lines: [String] = []
            for _ in 0..<(1 + Int(rng.next() % 4)) { lines.append(statement(depth: 0)) }
            return lines.joined(separator: "\n")
        }

        mutating func statement(depth: Int) -> String {
            let pad = String(repeating: "  ", count: depth)
            switch depth > 2 ? 0 : rng.next() % 9 {
            case 0, 1: return pad + "\(pick(names)) = \(expr(3))"
            case 2: return pad + "\(pick(names)) \(pick(["+=", "-=", "*="])) \(expr(2))"
            case 3: return pad + "if \(expr(2)) {\n\(statement(depth: depth + 1))\n\(pad)} else {\n\(statement(depth: depth + 1))\n\(pad)}"
            case 4: return pad + "for \(pick(names)) in \(pick(["range(\(rng.next() % 20))", "xs", "s", "d", expr(2)])) {\n\(statement(depth: depth + 1))\n\(pad)}"
            case 5: return pad + "fn \(pick(["f", "g"]))(a, b=\(expr(1))) {\n\(pad)  \(chance(0.5) ? "return " : "")\(expr(3))\n\(pad)}"
            case 6: return pad + "while \(pick(names)) \(pick(["<", ">", "!="])) \(expr(1)) {\n\(pad)  \(pick(names)) += 1\n\(pad)}"
            case 7: return pad + "\(pick(names))[\(expr(1))] = \(expr(2))"
            default: return pad + expr(3)
            }
        }

        mutating func expr(_ depth: Int) -> String {
            if depth <= 0 { return atom() }
            switch rng.next() % 12 {
            case 0, 1: return "\(expr(depth - 1)) \(pick(["+", "-", "*", "/", "//", "%", "**", "==", "<", ">=", "and", "or", "in", "not in"])) \(expr(depth - 1))"
            case 2: return "\(pick(["len", "str", "int", "float", "abs", "sorted", "sum", "min", "max", "type", "list", "repr", "round", "enumerate", "zip", "range", "reversed"]))(\(expr(depth - 1)))"
            case 3: return "[\(expr(depth - 1)), \(expr(depth - 1))]"
            case 4: return "{\(atom()): \(expr(depth - 1))}"
            case 5: return "\(expr(depth - 1))[\(expr(depth - 1))]"
            case 6: return "\(expr(depth - 1))[\(chance(0.5) ? atom() : ""):\(chance(0.5) ? atom() : "")\(chance(0.3) ? ":-1" : "")]"
            case 7: return "f\"{\(expr(depth - 1))}\(chance(0.5) ? "{\(pick(names)):.2f}" : "")\""
            case 8: return "\(pick(names)).\(pick(["append", "pop", "keys", "items", "split", "join", "get", "upper", "count", "sort"]))(\(chance(0.5) ? expr(depth - 1) : ""))"
            case 9: return "\(pick(["f", "g"]))(\(expr(depth - 1))\(chance(0.3) ? ", b=\(expr(depth - 1))" : ""))"
            case 10: return "(\(expr(depth - 1)) if \(expr(depth - 1)) else \(expr(depth - 1)))"
            default: return "\(pick(["-", "not ", ""]))\(expr(depth - 1))"
            }
        }

        mutating func atom() -> String {
            switch rng.next() % 10 {
            case 0: return String(Int(rng.next() % 10))
            case 1: return pick(["0", "-1", "4M", "1.5B", "1e3", "9223372036854775807", "0.5", "2.5e-3"])
            case 2: return pick(["\"abc\"", "\"\"", "\"a b c\"", "\"\\n\""])
            case 3: return pick(["true", "false", "nil"])
            case 4: return "[]"
            default: return pick(names)
            }
        }
    }
}
