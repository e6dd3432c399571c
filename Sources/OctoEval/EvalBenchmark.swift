// EvalBenchmark: the problems of one benchmark, the grading style they are judged under and
// where their few-shot examples come from (lab training problems, the published exemplars,
// or the caller's own list).

import Foundation
import OctoData

/// Where a benchmark's few-shot examples come from.
public enum ShotSource: Sendable {
    /// The published exemplars (`FewShotExample.gsm8kStandard` / `.minervaStandard`), in order.
    case standard
    /// MathLab training problems of these families and levels, rendered with a worked answer;
    /// the pool and the draw are fixed by the evaluation seed.
    case lab(families: [LabFamily], levels: ClosedRange<Int>)
    /// The caller's examples (drawn by seed), used as given for every template.
    case custom([FewShotExample])

    /// Size of the lab pool shots are drawn from.
    static let labPoolSize = 64

    /// `count` shots for a few-shot `template` (none for zero-shot templates).
    public func shots(for template: PromptTemplate, count: Int, seed: UInt64) -> [FewShotExample] {
        guard template.defaultShots > 0, count > 0 else { return [] }
        switch self {
        case .standard:
            let pool = template == .gsm8kFewShot ? FewShotExample.gsm8kStandard : FewShotExample.minervaStandard
            return Array(pool.prefix(count))
        case .lab(let families, let levels):
            let problems = MathLab(seed: seed).trainingProblems(count: max(ShotSource.labPoolSize, count), families: families, levels: levels)
            let pool = problems.map { ShotSource.render($0, for: template) }
            return PromptTemplate.selectShots(from: pool, count: count, seed: seed)
        case .custom(let pool):
            return PromptTemplate.selectShots(from: pool, count: count, seed: seed)
        }
    }

    /// A lab problem as a worked example: GSM style ("… The answer is 18.") or Minerva style
    /// (steps, `\boxed{}`, then the "Final Answer:" line).
    public static func render(_ p: LabProblem, for template: PromptTemplate) -> FewShotExample {
        let steps = p.steps.filter { !$0.hasPrefix("So the answer is") }
        if template == .gsm8kFewShot {
            return FewShotExample(question: p.question, answer: (steps + ["The answer is \(p.answer.plain)."]).joined(separator: " "))
        }
        let solution = (steps + ["So the answer is $\\boxed{\(p.answer.latex)}$."]).joined(separator: " ")
        return .minerva(question: p.question, solution: solution, finalAnswer: p.answer.latex)
    }
}

/// One benchmark of an evaluation: its problems, grading style and shot source.
public struct EvalBenchmark: Sendable {
    /// The name rows and samples carry ("lab:gsm", "gsm8k_test.jsonl", …).
    public var name: String
    public var problems: [Problem]
    /// Answer conventions; also picks the few-shot format (gsm8k → GSM8K 8-shot, else Minerva).
    public var style: GradingStyle
    public var shotSource: ShotSource

    public init(name: String, problems: [Problem], style: GradingStyle, shotSource: ShotSource = .standard) {
        self.name = name; self.problems = problems; self.style = style; self.shotSource = shotSource
    }

    /// A lab benchmark ("lab:gsm", "lab:math", …), the first `limit` problems; shots come from
    /// MathLab training problems of the same families and levels.
    /// - Throws: `DataError.unknownName` listing the lab sets.
    public static func lab(_ name: String, limit: Int? = nil) throws -> EvalBenchmark {
        let spec = try MathLab.benchmarkSpec(name)
        let problems = try MathLab.benchmark(spec.name, count: limit.map { min($0, spec.defaultCount) })
        return EvalBenchmark(name: spec.name, problems: problems, style: style(of: spec.format),
                             shotSource: .lab(families: spec.families, levels: spec.levels))
    }

    /// A benchmark file in a public format (GSM8K, MATH, AMC23, OlympiadBench, MATH8K jsonl);
    /// shots are the published exemplars.
    /// - Throws: the loader's errors (unreadable file, unknown format, bad lines).
    public static func file(_ url: URL, limit: Int? = nil) throws -> EvalBenchmark {
        let set = try ProblemLoader.load(url)
        let problems = limit.map { Array(set.problems.prefix(max(0, $0))) } ?? set.problems
        return EvalBenchmark(name: url.lastPathComponent, problems: problems, style: style(of: set.format))
    }

    /// An arithmetic-world set ("arith:gsm", …), the first `limit` problems, graded in the math
    /// style (the answer line is `\boxed{N}`); shots are training-partition chains written with
    /// the short solution, so few-shot prompts show the corpora's one answer format.
    /// - Throws: `DataError.unknownName` listing the sets.
    public static func arith(_ name: String, limit: Int? = nil) throws -> EvalBenchmark {
        let spec = try ArithBenchmarks.spec(name)
        let problems = try ArithBenchmarks.problems(spec.name, count: limit.map { min($0, spec.defaultCount) })
        let pool = ArithBenchmarks.shots(count: ShotSource.labPoolSize, seed: 0).map { FewShotExample(question: $0.question, answer: $0.answer) }
        return EvalBenchmark(name: spec.name, problems: problems, style: .math, shotSource: .custom(pool))
    }

    /// A lab set name ("lab:…", "arith:…") or a jsonl path.
    public static func named(_ name: String, limit: Int? = nil) throws -> EvalBenchmark {
        if name.hasPrefix("arith:") { return try arith(name, limit: limit) }
        return name.hasPrefix("lab:") ? try lab(name, limit: limit) : try file(URL(fileURLWithPath: name), limit: limit)
    }

    /// The grading style of a problem file format.
    public static func style(of format: ProblemFormat) -> GradingStyle {
        switch format {
        case .gsm8k: return .gsm8k
        case .math, .math8k: return .math
        case .amc: return .amc
        case .olympiad: return .olympiad
        }
    }
}
