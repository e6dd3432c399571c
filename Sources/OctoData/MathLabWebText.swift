// Web-like math pages (stands in for MegaMath-Web-Pro) and a weaker variant (stands in for a
// lower-quality math corpus): expository paragraphs, worked examples, markup and site noise.
import OctoBase

enum LabWebText {
    static let titles: [LabFamily: [String]] = [
        .word: ["Solving Multi-Step Word Problems", "Word Problems, One Step at a Time", "Everyday Math: Shopping, Rates and Ages", "How to Read a Word Problem"],
        .fraction: ["Fractions and Percentages Explained", "Adding Fractions With Unlike Denominators", "Percent Problems Made Simple", "Working With Percent Change"],
        .linear: ["How to Solve Linear Equations", "Linear Equations: A Step-by-Step Guide", "Clearing Denominators in Equations", "Balancing Equations"],
        .system: ["Systems of Two Linear Equations", "Elimination and Substitution", "Solving 2x2 Systems", "Two Equations, Two Unknowns"],
        .modular: ["An Introduction to Modular Arithmetic", "Remainders and Congruences", "Fast Powers Modulo n", "The Chinese Remainder Theorem in Practice"],
        .counting: ["Counting Principles and Probability", "Combinations Without Tears", "Dice, Marbles and Probability", "Complementary Counting"],
        .sequence: ["Arithmetic and Geometric Sequences", "Finding the nth Term", "Sums of Sequences", "Patterns in Number Sequences"],
    ]
    static let intros: [LabFamily: [String]] = [
        .word: ["A word problem hides a short calculation inside a story.", "The first job is to decide which quantities change and in what order.",
                "It helps to write one line per step, with the operation and its result.", "Units matter: dollars, hours and items should never be mixed in one sum.",
                "Many mistakes come from reading too fast and missing a step in the story."],
        .fraction: ["To add fractions we first rewrite them over a common denominator.", "A percent is a fraction with denominator 100.",
                    "The least common denominator keeps the numbers small.", "A percent change is always measured against the value before the change.",
                    "Two percent changes in a row do not simply add."],
        .linear: ["A linear equation has the unknown only to the first power.", "Whatever we do to one side of an equation we must do to the other.",
                  "Denominators are easiest to remove at the very start, by multiplying through.", "Collect the unknown on one side and the constants on the other.",
                  "Every answer can be checked by substituting it back into the original equation."],
        .system: ["A system of two linear equations usually has exactly one solution.", "Elimination multiplies the equations so that one unknown cancels.",
                  "Substitution solves one equation for one unknown and plugs it into the other.", "When the determinant is zero, the lines are parallel or the same.",
                  "Cramer's rule writes the solution as a ratio of determinants."],
        .modular: ["Two integers are congruent modulo n when they leave the same remainder.", "We may reduce every factor modulo n before multiplying.",
                   "Repeated squaring computes large powers with few multiplications.", "A number has an inverse modulo n exactly when it is coprime to n.",
                   "When the moduli are coprime, the Chinese remainder theorem guarantees a unique solution."],
        .counting: ["When choices are independent, the counts multiply.", "A combination counts selections where order does not matter.",
                    "Probability is the number of favourable outcomes over the number of equally likely outcomes.",
                    "Sometimes it is easier to count the complement and subtract.", "Drawing without replacement changes the odds for the second draw."],
        .sequence: ["An arithmetic sequence adds the same difference each time.", "A geometric sequence multiplies by the same ratio each time.",
                    "The nth term of an arithmetic sequence is a + (n - 1)d.", "Pairing the first and last terms gives a quick formula for arithmetic sums.",
                    "Two known terms are enough to pin down an arithmetic sequence."],
    ]
    static let connectives = ["Let us look at an example.", "Here is a typical problem.", "Consider the following.", "Try this one before reading the solution.",
                              "The next example is a little harder.", "Here is one from last week's homework.", "This one shows up a lot on tests."]
    static let closers = ["With practice these steps become automatic.", "Work through the practice set below to check your understanding.",
                          "If you get stuck, go back to the definitions at the top of the page.", "Questions? Leave a comment below.",
                          "Next time we will look at harder variations of these problems."]
    static let boiler = ["Home | Lessons | Worksheets | About | Contact", "This site uses cookies to improve your experience. Accept",
                         "Advertisement", "Click here to download the free worksheet (PDF)", "Subscribe to our newsletter!",
                         "Related posts: Fractions 101 · Algebra basics · Test prep tips", "Copyright © All rights reserved.",
                         "&nbsp;", "<div class=\"ad-banner\"></div>", "Skip to content", "Loading...", "Print this page"]

    static func document(lowQuality low: Bool, rng: inout RNG) -> String {
        let family = rng.pick(LabFamily.allCases)
        var lines: [String] = []
        if low { for _ in 0..<rng.int(1...3) { lines.append(rng.pick(boiler)) } }
        let title = rng.pick(titles[family] ?? ["Math Notes"])
        lines.append(low ? title.uppercased() : (rng.chance(0.5) ? "# " + title : title))
        if rng.chance(low ? 0.8 : 0.5) {
            lines.append("Posted by \(rng.pick(LabWords.users)) on \(rng.pick(LabWords.months)) \(rng.int(1...28)), \(rng.int(2009...2024))")
        }
        var intro = intros[family] ?? []
        shuffle(&intro, &rng)
        lines.append(intro.prefix(low ? 2 : rng.int(3...4)).joined(separator: " "))
        let examples = low ? rng.int(1...2) : rng.int(1...3)
        for k in 1...examples {
            let p = LabProblemFactory.draw(families: [family], partition: .training, rng: &rng)
            lines.append(rng.pick(connectives))
            lines.append(rng.pick(["Example \(k).", "**Example \(k)**", "Problem \(k):", "Q\(k)."]) + " " + p.question)
            lines.append(contentsOf: solution(p, low: low, rng: &rng))
            if low && rng.chance(0.3) { lines.append(rng.pick(boiler)) }
        }
        if !low || rng.chance(0.3) { lines.append(rng.pick(closers)) }
        if rng.chance(0.6) {
            lines.append(rng.pick(["Share this:", "Share this: Twitter · Facebook · Email", "Like this post? Share it!"]))
        }
        if rng.chance(0.4) { lines.append("Tags: \(family.rawValue), math, \(rng.pick(["homework", "algebra", "practice", "exam prep", "tutorial"]))") }
        if low {
            for _ in 0..<rng.int(1...3) { lines.append(rng.pick(boiler)) }
            if rng.chance(0.5) { lines.append("\(rng.int(0...40)) comments") }
        } else if rng.chance(0.3) {
            lines.append("\(rng.int(1...12)) comments")
        }
        return lines.joined(separator: "\n")
    }

    /// The worked solution of an example: all steps (high quality) or a few, sometimes with
    /// a wrong number or no final answer (low quality).
    static func solution(_ p: LabProblem, low: Bool, rng: inout RNG) -> [String] {
        var steps = p.steps.filter { !$0.hasPrefix("So the answer is") }
        var out: [String] = []
        if low {
            if steps.count > 2 { steps = [steps[0], steps[steps.count - 1]] }
            if rng.chance(0.3), !steps.isEmpty { let i = rng.int(0...(steps.count - 1)); steps[i] = LabText.corrupt(steps[i], rng: &rng) }
            if rng.chance(0.15) { steps.removeLast() }
            out.append((rng.chance(0.5) ? "Sol: " : "") + steps.joined(separator: " "))
            if rng.chance(0.8) { out.append("Ans = \(p.answer.plain)") }
        } else {
            out.append(rng.pick(["Solution.", "**Solution.**", "Solution:"]))
            out.append(contentsOf: steps)
            out.append(rng.pick(["Therefore the answer is $\(p.answer.latex)$.", "So the answer is $\(p.answer.latex)$.", "The final answer is $\(p.answer.latex)$."]))
        }
        return out
    }

    static func shuffle<T>(_ a: inout [T], _ rng: inout RNG) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
    }
}

/// Text helpers for the lab renderers.
enum LabText {
    /// `s` with its last integer changed (a plausible arithmetic slip).
    static func corrupt(_ s: String, rng: inout RNG) -> String {
        var chars = Array(s)
        guard let end = chars.lastIndex(where: \.isNumber) else { return s + " (?)" }
        var start = end
        while start > 0 && chars[start - 1].isNumber { start -= 1 }
        let value = Int(String(chars[start...end])) ?? 0
        let wrong = value + rng.int(1...9) * (rng.chance(0.5) || value < 10 ? 1 : -1)
        chars.replaceSubrange(start...end, with: Array(String(wrong)))
        return String(chars)
    }
}
