// Rule rewards: the grader's verdict mapped through RewardConfig, plus optional format and
// length terms. A custom judge (toy tasks) replaces the grader's verdict only.
import OctoEval
import OctoData

/// An answer and whether it is right.
public struct Verdict: Equatable, Sendable {
    public var answer: String?
    public var correct: Bool
    public init(answer: String?, correct: Bool) { self.answer = answer; self.correct = correct }
}

/// Decides a response's answer and correctness: (problem, response text, response ids).
public typealias AnswerJudge = (_ problem: Problem, _ response: String, _ ids: [Int]) -> Verdict

/// Reward computation from a config and a judge.
public struct RewardModel {
    public var config: RewardConfig
    public var maxTokens: Int
    public var judge: AnswerJudge

    public init(config: RewardConfig, maxTokens: Int, judge: @escaping AnswerJudge) {
        self.config = config; self.maxTokens = maxTokens; self.judge = judge
    }

    /// The grader under `style` as a judge.
    public static func graderJudge(style: GradingStyle) -> AnswerJudge {
        let grader = Grader()
        return { problem, text, _ in
            let g = grader.grade(gold: problem.gold, response: text, style: style)
            return Verdict(answer: g.pred, correct: g.correct)
        }
    }

    /// The verdict and reward terms of one response.
    public func score(problem: Problem, text: String, ids: [Int], truncated: Bool) -> (Verdict, RewardTerms) {
        let v = judge(problem, text, ids)
        var correctness = v.answer == nil ? config.noAnswer : (v.correct ? config.correct : config.wrong)
        if truncated, let t = config.truncated { correctness = t }
        let format = config.format != 0 && AnswerExtraction.boxed(in: text) != nil ? config.format : 0
        let length = config.lengthPenalty != 0 ? -config.lengthPenalty * Double(ids.count) / Double(max(maxTokens, 1)) : 0
        return (v, RewardTerms(correctness: correctness, format: format, length: length))
    }
}
