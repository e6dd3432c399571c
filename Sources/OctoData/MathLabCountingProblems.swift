// Counting and probability (answers as reduced fractions) and arithmetic/geometric sequences.
import OctoBase

enum LabCountingProblems {
    // MARK: - counting

    static func counting(level: Int, rng: inout RNG) -> LabProblem {
        switch level {
        case 1:
            let s = rng.int(2...9), p = rng.int(2...8), h = rng.int(2...5)
            let name = rng.pick(LabWords.names)
            return LabProblem(family: .counting, level: 1, kind: "counting.product", parameters: [s, p, h],
                              question: "\(name) has \(s) shirts, \(p) pairs of pants and \(h) hats. An outfit is one shirt, one pair of pants and one hat. How many different outfits are possible?",
                              steps: ["Each choice is independent, so multiply.", "$\(s) \\times \(p) \\times \(h) = \(s * p * h)$."],
                              check: ["Check: for each of the \(s) shirts there are $\(p) \\times \(h) = \(p * h)$ pant-hat pairs, and $\(s) \\times \(p * h) = \(s * p * h)$."],
                              answer: .number(Rational(s * p * h)))
        case 2:
            let n = rng.int(4...12), k = rng.int(2...(n - 2))
            var c = 1
            for i in 0..<k { c = c * (n - i) / (i + 1) }
            let what = rng.pick(["students for a committee", "books to take on a trip", "toppings for a pizza", "songs for a playlist"])
            return LabProblem(family: .counting, level: 2, kind: "counting.choose", parameters: [n, k],
                              question: "In how many ways can you choose \(k) of \(n) \(what), if the order does not matter?",
                              steps: ["This is $\\binom{\(n)}{\(k)} = \\frac{\(n)!}{\(k)!\\,\(n - k)!}$.", "$\\binom{\(n)}{\(k)} = \(c)$."],
                              check: ["Check with Pascal's rule: $\\binom{\(n)}{\(k)} = \\binom{\(n - 1)}{\(k - 1)} + \\binom{\(n - 1)}{\(k)}$, which also gives \(c)."],
                              answer: .number(Rational(c)))
        case 3:
            let s = rng.int(2...12), ways = 6 - abs(s - 7)
            let ans = Rational(ways, 36) ?? Rational(0)
            return LabProblem(family: .counting, level: 3, kind: "counting.dice", parameters: [s],
                              question: "Two fair six-sided dice are rolled. What is the probability that the sum is \(s)? Express your answer as a common fraction.",
                              steps: ["There are 36 equally likely outcomes.", "The pairs with sum \(s) number $6 - |\(s) - 7| = \(ways)$.", "The probability is $\\frac{\(ways)}{36} = \(ans.latex)$."],
                              check: ["Listing the pairs $(a, \(s) - a)$ with both entries from 1 to 6 again gives \(ways) outcomes."],
                              answer: .number(ans))
        case 4:
            let r = rng.int(2...9), b = rng.int(1...9), n = r + b
            let ans = Rational(r * (r - 1), n * (n - 1)) ?? Rational(0)
            let colour = rng.pick([("red", "blue"), ("green", "yellow"), ("white", "black")])
            return LabProblem(family: .counting, level: 4, kind: "counting.draw", parameters: [r, b],
                              question: "A bag holds \(r) \(colour.0) and \(b) \(colour.1) marbles. Two marbles are drawn at random without replacement. What is the probability that both are \(colour.0)? Express your answer as a common fraction.",
                              steps: ["The first is \(colour.0) with probability $\\frac{\(r)}{\(n)}$.", "Then the second is \(colour.0) with probability $\\frac{\(r - 1)}{\(n - 1)}$.",
                                      "Multiply: $\\frac{\(r * (r - 1))}{\(n * (n - 1))} = \(ans.latex)$."],
                              check: ["Count pairs instead: $\\binom{\(r)}{2} / \\binom{\(n)}{2} = \\frac{\(r * (r - 1) / 2)}{\(n * (n - 1) / 2)} = \(ans.latex)$."],
                              answer: .number(ans))
        default:
            if rng.chance(0.5) {
                let k = rng.int(2...4)
                var five = 1, six = 1
                for _ in 0..<k { five *= 5; six *= 6 }
                let ans = Rational(six - five, six) ?? Rational(0)
                return LabProblem(family: .counting, level: 5, kind: "counting.atleast", parameters: [k],
                                  question: "\(k) fair dice are rolled. What is the probability that at least one shows a 6? Express your answer as a common fraction.",
                                  steps: ["Use the complement: no die shows a 6 with probability $(\\frac{5}{6})^{\(k)} = \\frac{\(five)}{\(six)}$.",
                                          "So the probability is $1 - \\frac{\(five)}{\(six)} = \(ans.latex)$."],
                                  check: ["Count directly: of the \(six) outcomes, \(six - five) have at least one 6."], answer: .number(ans))
            }
            let s = rng.int(3...18)
            var ways = 0
            for a in 1...6 { let rest = s - a; if rest >= 2 && rest <= 12 { ways += 6 - abs(rest - 7) } }
            let ans = Rational(ways, 216) ?? Rational(0)
            return LabProblem(family: .counting, level: 5, kind: "counting.three_dice", parameters: [s],
                              question: "Three fair six-sided dice are rolled. What is the probability that their sum is \(s)? Express your answer as a common fraction.",
                              steps: ["There are $6^3 = 216$ outcomes.", "Fix the first die at $a$; the other two must sum to $\(s) - a$, which happens in $6 - |\(s) - a - 7|$ ways when that sum is between 2 and 12.",
                                      "Adding over $a = 1, …, 6$ gives \(ways) outcomes, so the probability is $\\frac{\(ways)}{216} = \(ans.latex)$."],
                              check: ["By symmetry the sums \(s) and \(21 - s) are equally likely, and both give \(ways) outcomes."], answer: .number(ans))
        }
    }

    // MARK: - sequence

    static func sequence(level: Int, rng: inout RNG) -> LabProblem {
        let a = rng.int(-10...20), d = LabAlgebraProblems.nonzero(-9...9, &rng)
        switch level {
        case 1:
            let terms = (0..<4).map { String(a + $0 * d) }.joined(separator: ", ")
            return LabProblem(family: .sequence, level: 1, kind: "sequence.next", parameters: [a, d],
                              question: "What is the next number in the sequence \(terms), …?",
                              steps: ["Each term changes by \(d).", "The next term is $\(a + 3 * d) + (\(d)) = \(a + 4 * d)$."],
                              check: ["Check: the differences are all \(d), so the pattern continues to \(a + 4 * d)."], answer: .number(Rational(a + 4 * d)))
        case 2:
            let n = rng.int(8...60)
            return LabProblem(family: .sequence, level: 2, kind: "sequence.nth", parameters: [a, d, n],
                              question: "An arithmetic sequence starts \(a), \(a + d), \(a + 2 * d), … What is its \(LabFormat.ordinal(n)) term?",
                              steps: ["The common difference is \(d).", "$a_{\(n)} = \(a) + (\(n) - 1)(\(d)) = \(a + (n - 1) * d)$."],
                              check: ["Check: the \(LabFormat.ordinal(n)) term is \(n - 1) steps of \(d) after the first, \(a) + \((n - 1) * d) = \(a + (n - 1) * d)."],
                              answer: .number(Rational(a + (n - 1) * d)))
        case 3:
            let n = rng.int(5...40), sum = n * (2 * a + (n - 1) * d) / 2
            return LabProblem(family: .sequence, level: 3, kind: "sequence.sum", parameters: [a, d, n],
                              question: "Find the sum of the first \(n) terms of the arithmetic sequence \(a), \(a + d), \(a + 2 * d), …",
                              steps: ["The last term is $\(a) + \(n - 1)(\(d)) = \(a + (n - 1) * d)$.", "The sum is $\\frac{\(n)}{2}(\(a) + \(a + (n - 1) * d)) = \(sum)$."],
                              check: ["Pair the first and last terms: each pair sums to \(2 * a + (n - 1) * d), and there are $\\frac{\(n)}{2}$ pairs, giving \(sum)."],
                              answer: .number(Rational(sum)))
        case 4:
            let g = LabAlgebraProblems.nonzero(-5...9, &rng), r = rng.pick([-3, -2, 2, 3, 4]), n = rng.int(4...8), wantSum = rng.chance(0.5)
            var power = 1
            for _ in 0..<(n - 1) { power *= r }
            let nth = g * power, total = g * (power * r - 1) / (r - 1)
            let shown = "\(g), \(g * r), \(g * r * r)"
            return LabProblem(family: .sequence, level: 4, kind: wantSum ? "sequence.geo_sum" : "sequence.geo_nth", parameters: [g, r, n],
                              question: wantSum ? "Find the sum of the first \(n) terms of the geometric sequence \(shown), …"
                                                : "What is the \(LabFormat.ordinal(n)) term of the geometric sequence \(shown), …?",
                              steps: wantSum ? ["The ratio is \(r).", "$S_{\(n)} = \(g) \\cdot \\frac{(\(r))^{\(n)} - 1}{\(r) - 1} = \(total)$."]
                                             : ["The ratio is \(r).", "$a_{\(n)} = \(g) \\cdot (\(r))^{\(n - 1)} = \(nth)$."],
                              check: ["Check by writing out the terms and \(wantSum ? "adding them" : "counting to the \(LabFormat.ordinal(n))"): the result is \(wantSum ? total : nth)."],
                              answer: .number(Rational(wantSum ? total : nth)))
        default:
            let p = rng.int(2...8), q = p + rng.int(2...9), t = q + rng.int(3...20)
            let ap = rng.int(-20...30), aq = rng.int(-20...60)
            let step = Rational(aq - ap, q - p) ?? Rational(0)
            let at = Rational(ap) + step * Rational(t - p)
            return LabProblem(family: .sequence, level: 5, kind: "sequence.two_terms", parameters: [p, ap, q, aq, t],
                              question: "In an arithmetic sequence the \(LabFormat.ordinal(p)) term is \(ap) and the \(LabFormat.ordinal(q)) term is \(aq). What is the \(LabFormat.ordinal(t)) term?",
                              steps: ["From term \(p) to term \(q) there are \(q - p) steps, so $d = \\frac{\(aq) - (\(ap))}{\(q - p)} = \(step.latex)$.",
                                      "The \(LabFormat.ordinal(t)) term is $\(ap) + (\(t) - \(p)) \\cdot \(step.latex) = \(at.latex)$."],
                              check: ["Check from the other given term: $\(aq) + (\(t) - \(q)) \\cdot \(step.latex) = \(at.latex)$."], answer: .number(at))
        }
    }
}
