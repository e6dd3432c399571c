// pass@k (the unbiased estimator of Chen et al. 2021, "Evaluating Large Language Models
// Trained on Code", arXiv 2107.03374, Fig. 3) and maj@k (majority vote over k samples).

/// pass@k and maj@k over n graded samples of one problem.
public enum PassAtK {
    /// Unbiased pass@k: 1 − C(n−c, k) / C(n, k), computed as 1 − ∏_{i=n−c+1}^{n} (1 − k/i)
    /// so no binomial coefficient is formed (stable for n in the thousands).
    /// - Parameters:
    ///   - n: samples drawn (≥ 1).
    ///   - c: correct samples (0…n).
    ///   - k: the k of pass@k (1…n).
    /// - Returns: the estimate in [0, 1], or nil when the arguments are out of range.
    public static func estimate(n: Int, c: Int, k: Int) -> Double? {
        guard n >= 1, (0...n).contains(c), (1...n).contains(k) else { return nil }
        if c == 0 { return 0 }
        if n - c < k { return 1 }
        var allWrong = 1.0
        for i in (n - c + 1)...n {
            allWrong *= 1 - Double(k) / Double(i)
        }
        return 1 - allWrong
    }

    /// Mean pass@k over problems, each given as (samples, correct); nil if any is out of range.
    public static func mean(_ problems: [(n: Int, c: Int)], k: Int) -> Double? {
        guard !problems.isEmpty else { return nil }
        var total = 0.0
        for p in problems {
            guard let e = estimate(n: p.n, c: p.c, k: k) else { return nil }
            total += e
        }
        return total / Double(problems.count)
    }

    /// maj@k: whether the most common answer among the first `k` samples is correct.
    ///
    /// Answers are grouped by equivalence (`Grader.equivalent`); nil answers do not vote; a tie
    /// goes to the answer that appeared first. No votes at all count as incorrect.
    /// - Parameters:
    ///   - answers: extracted answers of the samples, in sampling order.
    ///   - correct: each sample's verdict (same length as `answers`).
    ///   - k: how many leading samples vote.
    public static func majorityCorrect(answers: [String?], correct: [Bool], k: Int,
                                       grader: Grader = Grader()) -> Bool {
        guard let winner = majorityIndex(answers: answers, k: k, grader: grader),
              winner < correct.count else { return false }
        return correct[winner]
    }

    /// Index of the first sample of the winning answer group among the first `k`, or nil.
    public static func majorityIndex(answers: [String?], k: Int, grader: Grader = Grader()) -> Int? {
        var groups: [(first: Int, representative: String, votes: Int)] = []
        for (i, answer) in answers.prefix(max(0, k)).enumerated() {
            guard let a = answer else { continue }
            if let g = groups.firstIndex(where: { $0.representative == a || grader.equivalent($0.representative, a) }) {
                groups[g].votes += 1
            } else {
                groups.append((i, a, 1))
            }
        }
        var best: (first: Int, votes: Int)?
        for g in groups where best == nil || g.votes > (best?.votes ?? 0) { best = (g.first, g.votes) }
        return best?.first
    }
}
