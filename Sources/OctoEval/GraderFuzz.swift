// GraderFuzz: random LaTeX-ish responses and golds through extraction and equivalence, for
// the fuzz test (20k cases) and `bench grade-fuzz` (100k). Time per case is bounded by the
// grader's own budgets, not by a clock: answers ≤ AnswerExtraction.maxAnswerBytes, parsing ≤
// MathParser.maxTokens tokens and maxDepth levels, comparison ≤ ExprComparator.maxDepth and
// maxListLength; every scan is linear in the response.

import OctoData
import OctoBase

/// What a fuzz run saw.
public struct GraderFuzzReport: Sendable, Equatable, CustomStringConvertible {
    /// Responses graded.
    public var cases = 0
    /// Responses with an extracted answer.
    public var answered = 0
    /// Responses graded correct against their random gold.
    public var correct = 0
    /// Longest response, in bytes.
    public var longestResponse = 0
    /// Longest extracted answer, in bytes (≤ AnswerExtraction.maxAnswerBytes).
    public var longestAnswer = 0
    /// Cases whose second grading differed from the first (must be 0: grading is pure).
    public var nondeterministic = 0

    public var description: String {
        "grader fuzz: \(cases) cases, \(answered) answered, \(correct) correct, longest response \(longestResponse) B, "
            + "longest answer \(longestAnswer) B, \(nondeterministic) nondeterministic"
    }
}

/// Random-LaTeX fuzzing of the grader.
public enum GraderFuzz {
    /// Grades `cases` random responses (seeded: the same seed gives the same report).
    public static func run(cases: Int, seed: UInt64) -> GraderFuzzReport {
        var rng = RNG(seed: seed)
        let grader = Grader()
        var report = GraderFuzzReport()
        for k in 0..<cases {
            let response = randomText(&rng, pieces: Int(rng.next() % 120))
            let gold = randomText(&rng, pieces: 1 + Int(rng.next() % 6))
            let style = GradingStyle.allCases[Int(rng.next() % UInt64(GradingStyle.allCases.count))]
            let r = grader.grade(gold: gold, response: response, style: style)
            report.cases += 1
            report.longestResponse = max(report.longestResponse, response.utf8.count)
            if let p = r.pred {
                report.answered += 1
                report.longestAnswer = max(report.longestAnswer, p.utf8.count)
            }
            if r.correct { report.correct += 1 }
            if k % 16 == 0, grader.grade(gold: gold, response: response, style: style) != r { report.nondeterministic += 1 }
        }
        return report
    }

    /// Fragments responses are made of: answer cues, delimiters, LaTeX commands, numbers,
    /// unbalanced braces, huge exponents, matrices, percent words.
    static let pieces: [String] = [
        "\\boxed{", "\\fbox{", "}", "{", "$", "$$", "\\[", "\\]", "\\(", "\\)", "**", "####", "<answer>", "</answer>",
        "The answer is ", "Final Answer: The final answer is ", "answer: ", " i.e. ", " e.g. ", " etc. ", ". ", ", ", "\n",
        "\\frac{", "\\dfrac", "\\sqrt", "\\sqrt[", "]", "[", "(", ")", "^", "_", "\\pi", "\\infty", "\\le", "\\ge", "<", ">",
        "=", "+", "-", "\\cdot", "\\times", "/", "!", "%", "\\%", " percent", " pct", "^\\circ", "\\text{", "\\cup",
        "\\begin{pmatrix}", "\\end{pmatrix}", "\\begin{bmatrix}", "\\end{bmatrix}", "&", "\\\\", "\\left(", "\\right)",
        "\\{", "\\}", "x", "y", "n", " and ", " or ", "\\sin", "\\log_", "\\binom", "e", "i", "10^{99999999}",
        "999999999999999999999", "0.5", "1,234", "3", "7", "42", "-", ".", "\\approx", "\\pm", "1011_2", "A", "(B)",
    ]

    static func randomText(_ rng: inout RNG, pieces count: Int) -> String {
        var s = ""
        for _ in 0..<count {
            s += pieces[Int(rng.next() % UInt64(pieces.count))]
            if rng.next() % 4 == 0 { s += String(rng.next() % 1000) }
            if rng.next() % 5 == 0 { s += " " }
        }
        return s
    }
}
