// Small helpers the OctoThinker miniature needs: lab problem sets at chosen levels and
// families (easy RL prompts for toy models, drawn from the lab's reserved RL or evaluation
// partition, so they never occur in training text), and `eprint` for timings that must not
// be part of a replayed session's checked output.
import Foundation
import OctoData
import OctoEval
import OctoBase

enum StudyBindings {
    static func register(in r: Registry) {
        r.function("lab_problems", params: [
            Param("n", .int, doc: "how many (distinct while the space allows)"),
            Param("levels", .list, default: .makeList([.int(1), .int(2)]), doc: "difficulty levels 1–5"),
            Param("families", .optional(.list), default: .null,
                  doc: "word, fraction, linear, system, modular, counting, sequence (default: all)"),
            Param("split", .choice(["rl", "eval"]), default: "rl", doc: "rl (the RL prompt partition) or eval (the evaluation partition)"),
            Param("seed", .int, default: 0, doc: "stream seed (sets are a pure function of it)"),
        ], doc: "Lab problems at chosen levels and families from a reserved partition (disjoint from all lab training text).") { a, _ in
            let n = a.intArg("n")
            guard n >= 0, n <= 100_000 else { throw a.error("lab_problems: n must be in 0...100000, got \(n)") }
            guard let levels = a["levels"].intList, !levels.isEmpty, levels.allSatisfy({ (1...5).contains($0) }) else {
                throw a.error("lab_problems: levels must be a non-empty list of ints in 1...5")
            }
            var families = LabFamily.allCases
            if let names = a["families"].listItems {
                families = try names.map { v in
                    guard let s = v.stringValue, let f = LabFamily(rawValue: s) else {
                        throw a.error("lab_problems: unknown family \(v.repr); families: \(LabFamily.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return f
                }
                guard !families.isEmpty else { throw a.error("lab_problems: families must not be empty") }
            }
            let splitName = a.stringArg("split")
            let partition: LabPartition
            switch splitName {
            case "rl": partition = .rlPrompts
            case "eval": partition = .evaluation
            default: throw a.error("lab_problems: split must be rl or eval, got \"\(splitName)\"")
            }
            var rng = RNG(seed: UInt64(bitPattern: Int64(a.intArg("seed"))), stream: "lab_problems:\(splitName)")
            var seen = Set<String>(), out: [Problem] = []
            // Small spaces (level 1 of some families) may run out of distinct problems: after
            // many rejections in a row a repeat is accepted rather than looping for ever.
            var rejections = 0
            while out.count < n {
                let level = levels[Int(rng.next() % UInt64(levels.count))]
                let p = LabProblemFactory.draw(families: families, levels: level...level, partition: partition, rng: &rng) { p in
                    if !seen.contains(p.canonicalKey) || rejections > 2_000 { return true }
                    rejections += 1
                    return false
                }
                rejections = 0
                seen.insert(p.canonicalKey)
                let word = p.family == .word
                out.append(Problem(id: "lab-\(splitName)-\(out.count + 1)", prompt: p.question,
                                   gold: word ? p.answer.plain : p.answer.latex, source: "lab:\(splitName)",
                                   solution: (p.steps + ["The final answer is $\\boxed{\(p.answer.latex)}$."]).joined(separator: "\n"),
                                   level: p.level))
            }
            return .makeList(out.map { DataBindings.problemType.wrap(ProblemBox($0)) })
        }
        r.function("verdict", params: [
            Param("arm", .list, doc: "the arm's metric, one value per seed"),
            Param("baseline", .list, doc: "the compared arm's metric, same seeds in the same order"),
            Param("expect", .choice(["greater", "less"]), default: "greater", doc: "greater or less: the direction the finding claims"),
        ], doc: "The study's verdict rule: reproduced only if every seed's paired difference points the expected way and the mean is ≥ 2 standard errors.") { a, _ in
            guard let dir = FindingDirection(rawValue: a.stringArg("expect")) else { throw a.error("verdict: expect must be greater or less") }
            let arm = try PlotBindings.numbers(a["arm"], "verdict: arm", a)
            let baseline = try PlotBindings.numbers(a["baseline"], "verdict: baseline", a)
            let v = try bridge("verdict") { try FindingVerdict(arm: arm, baseline: baseline, expect: dir) }
            return .record([("differences", .floats(v.differences)), ("mean", .float(v.mean)), ("se", .float(v.standardError)),
                            ("z", v.zScore.map { .float($0) } ?? .null), ("verdict", .string(v.verdict)), ("reason", .string(v.reason))])
        }
        r.function("save_text", params: [Param("text", .string), Param("path", .string),
                                         Param("append", .bool, default: false, doc: "add to the end of an existing file (still written whole, atomically)")],
                   doc: "Writes text to a file atomically (temp file + rename), creating its folder: generated reports.") { a, _ in
            let path = a.stringArg("path")
            guard !path.isEmpty, !path.hasSuffix("/") else { throw a.error("save_text: path must name a file, got \"\(path)\"") }
            let url = URL(fileURLWithPath: path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                var data = Data((a.stringArg("text")).utf8)
                if a.boolArg("append"), let old = FileManager.default.contents(atPath: path) { data = old + data }
                try data.write(to: url, options: .atomic)
            } catch {
                throw a.error("save_text: cannot write \(path): \((error as NSError).localizedDescription)", kind: .io)
            }
            return .null
        }
        r.function("eprint", params: [Param("sep", .string, default: " ")], variadic: Param("values"),
                   doc: "Prints to standard error (not part of a session's checked output): timings, notes.") { a, _ in
            let text = a.rest.map(\.str).joined(separator: a.stringArg("sep")) + "\n"
            FileHandle.standardError.write(Data(text.utf8))
            return .null
        }
    }
}
