// Surface text of the arithmetic world: question wording, and the documents of its corpora
// (math web pages of high and low quality, QA with short and long chains of thought). Every
// worked example, QA answer and few-shot shot ends with the same line, "The answer is \boxed{N}."
import OctoBase

/// Question wording: a story ("Ava has 7 marbles. She buys 5 more. …") or a bare chain
/// ("Start with 7. Add 5. …"). The wording is surface only.
enum ArithWording {
    static func question(start: Int, ops: [ArithOp], rng: inout RNG) -> String {
        rng.chance(0.35) ? story(start: start, ops: ops, rng: &rng) : bare(start: start, ops: ops, rng: &rng)
    }

    static func story(start: Int, ops: [ArithOp], rng: inout RNG) -> String {
        let name = rng.pick(LabWords.names)
        let thing = rng.pick(LabWords.things).0
        let she = rng.chance(0.5) ? "She" : "He"
        var s = ["\(name) has \(start) \(thing)."]
        for (i, op) in ops.enumerated() {
            let then = i == 0 ? "" : rng.pick(["Then ", "After that, ", "Next, "])
            let who = then.isEmpty ? she : she.lowercased()
            switch op {
            case .add(let k): s.append(then + who + " " + rng.pick(["buys", "finds", "gets", "is given"]) + " \(k) more.")
            case .sub(let k): s.append(then + who + " " + rng.pick(["gives away", "loses", "sells", "uses"]) + " \(k).")
            case .mul(let m):
                let verb = m == 2 ? "doubles the number of \(thing)" : m == 3 ? "triples the number of \(thing)"
                                  : "multiplies the number of \(thing) by \(m)"
                s.append(then + who + " " + verb + ".")
            }
        }
        s.append("How many \(thing) does \(name) have now?")
        return s.joined(separator: " ")
    }

    static func bare(start: Int, ops: [ArithOp], rng: inout RNG) -> String {
        var s = ["Start with \(start)."]
        for op in ops {
            switch op {
            case .add(let k): s.append("Add \(k).")
            case .sub(let k): s.append("Subtract \(k).")
            case .mul(let m): s.append("Multiply by \(m).")
            }
        }
        s.append(rng.pick(["What is the result?", "What number do you get?", "What is the final number?"]))
        return s.joined(separator: " ")
    }
}

/// The documents of the arithmetic corpora.
enum ArithText {
    /// Training problems: levels 1–5, weighted towards short chains.
    static func trainingProblem(rng: inout RNG) -> ArithProblem {
        let level = rng.pick([1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5])
        return ArithProblem.draw(level: level, partition: .training, rng: &rng)
    }

    /// "Question: …\nAnswer: 7 + 5 = 12. 12 - 3 = 9. The answer is \boxed{9}."
    static func qaShort(rng: inout RNG) -> String {
        let p = trainingProblem(rng: &rng)
        return "Question: " + p.question + "\nAnswer: " + p.shortSolution
    }

    /// "Question: …\nAnswer: Let's work through this … The answer is \boxed{9}."
    static func qaLong(rng: inout RNG) -> String {
        let p = trainingProblem(rng: &rng)
        return "Question: " + p.question + "\nAnswer: " + p.longSolution(rng: &rng)
    }

    static let intros = [
        "A chain of operations is solved one operation at a time, from left to right.",
        "Write down the value after every step; most mistakes come from skipping one.",
        "To add a one-digit number to a two-digit number, add the ones first and carry a ten if needed.",
        "To subtract, take away the ones first; if there are not enough ones, borrow a ten.",
        "Multiplying a two-digit number: multiply the tens and the ones separately, then add.",
        "Doubling a number is the same as adding it to itself.",
        "Every answer can be checked by undoing the steps in reverse order.",
    ]
    static let titles = ["Practice: Chains of Operations", "Mental Math, One Step at a Time", "Adding and Subtracting Within 100",
                         "Word Problems With Several Steps", "Times Tables in Everyday Problems"]

    /// A math web page: explanations, fact drills and worked examples (high quality: every
    /// step and every fact right; low quality: boilerplate, skipped steps, wrong facts).
    static func mathWeb(lowQuality low: Bool, rng: inout RNG) -> String {
        var lines: [String] = []
        if low { for _ in 0..<rng.int(1...2) { lines.append(rng.pick(LabWebText.boiler)) } }
        let title = rng.pick(titles)
        lines.append(low ? title.uppercased() : "# " + title)
        var intro = intros
        LabWebText.shuffle(&intro, &rng)
        lines.append(intro.prefix(low ? 1 : rng.int(2...3)).joined(separator: " "))
        lines.append(drill(low: low, rng: &rng))
        for k in 1...rng.int(2...3) {
            let p = trainingProblem(rng: &rng)
            lines.append(rng.pick(["Example \(k).", "**Example \(k)**", "Problem \(k):"]) + " " + p.question)
            lines.append(low ? "Sol: " + p.lowQualitySolution(rng: &rng)
                             : rng.pick(["Solution.", "**Solution.**", "Solution:"]) + " " + p.shortSolution)
            if low && rng.chance(0.3) { lines.append(rng.pick(LabWebText.boiler)) }
        }
        if !low { lines.append(rng.pick(LabWebText.closers)) }
        if low { for _ in 0..<rng.int(1...2) { lines.append(rng.pick(LabWebText.boiler)) } }
        return lines.joined(separator: "\n")
    }

    /// A line of arithmetic facts around one operation ("Facts: 27 + 5 = 32, 28 + 5 = 33, …"),
    /// sometimes with the one-digit split; a low-quality drill gets some facts wrong.
    static func drill(low: Bool, rng: inout RNG) -> String {
        var facts: [String] = []
        let kind = rng.int(0...2)
        let k = kind == 2 ? rng.int(2...3) : rng.int(2...9)
        let op: ArithOp = kind == 0 ? .add(k) : kind == 1 ? .sub(k) : .mul(k)
        let top = kind == 2 ? ArithProblem.maxValue / k - 5 : ArithProblem.maxValue - k - 6
        var x = rng.int((kind == 1 ? k + 1 : 2)...top)
        for _ in 0..<rng.int(4...6) {
            let y = op.apply(x)
            guard y >= 1, y <= ArithProblem.maxValue else { break }
            let shown = low && rng.chance(0.3) ? y + rng.pick([-2, -1, 1, 2, 10]) : y
            facts.append(!low && rng.chance(0.3) ? ArithProblem.expand(x, op) : "\(x) \(op.symbol) = \(shown)")
            x += 1
        }
        return rng.pick(["Facts: ", "Practice: ", "Drill: "]) + facts.joined(separator: ", ") + "."
    }
}
