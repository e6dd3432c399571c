// Linear equations (levels 1–5, fractional coefficients and answers at 4–5) and 2×2 linear
// systems (sum/difference, a ticket word problem, integer and rational solutions).
import OctoBase

enum LabAlgebraProblems {
    // MARK: - linear: (a·x + b)/c = (d·x + e)/f

    /// Parameters: [a, b, c, d, e, f]; the answer is the unique x.
    static func linear(level: Int, rng: inout RNG) -> LabProblem {
        let v = rng.pick(LabWords.letters)
        var a = 0, b = 0, c = 1, d = 0, e = 0, f = 1
        let span = 4 + 3 * level
        repeat {
            a = nonzero(-span...span, &rng); b = rng.int(-span * 2...span * 2)
            switch level {
            case 1: a = abs(a); let x = rng.int(1...12); e = a * x + b
            case 2: let x = rng.int(-12...12); e = a * x + b
            case 3: d = nonzero(-span...span, &rng); let x = rng.int(-15...15); e = a * x + b - d * x
            case 4: c = rng.int(2...9); e = rng.int(-span...span)
            default: c = rng.int(2...9); f = rng.int(2...9); d = nonzero(-span...span, &rng); e = rng.int(-span * 2...span * 2)
            }
        } while f * a == c * d
        let coef = f * a - c * d, rhs = c * e - f * b
        let x = Rational(rhs, coef) ?? Rational(0)
        let left = LabFormat.linear(a, v, b), right = LabFormat.linear(d, v, e)
        let lhs = c == 1 ? left : "\\frac{\(left)}{\(c)}", rhsText = f == 1 ? right : "\\frac{\(right)}{\(f)}"
        let eq = "\(lhs) = \(rhsText)"
        let question = rng.pick(["Solve for $\(v)$: $\(eq)$.", "Find $\(v)$ if $\(eq)$.", "What value of $\(v)$ satisfies $\(eq)$?"])
        var steps: [String] = []
        if c != 1 || f != 1 { steps.append("Clear the denominators by multiplying both sides by \(c * f): $\(f)(\(left)) = \(c)(\(right))$.") }
        steps.append("Expand: $\(LabFormat.linear(f * a, v, f * b)) = \(LabFormat.linear(c * d, v, c * e))$.")
        if c * d != 0 { steps.append("Move the $\(v)$ terms to the left: $\(LabFormat.linear(coef, v, f * b)) = \(c * e)$.") }
        steps.append("Subtract \(f * b) from both sides: $\(LabFormat.linear(coef, v, 0)) = \(rhs)$.")
        steps.append("Divide by \(coef): $\(v) = \(x.latex)$.")
        let lv = (Rational(a) * x + Rational(b)).divided(by: Rational(c)) ?? Rational(0)
        let check = ["Substitute $\(v) = \(x.latex)$ back in: the left side is $\(lv.latex)$ and the right side is $\(lv.latex)$ too, so it checks out."]
        return LabProblem(family: .linear, level: level, kind: "linear", parameters: [a, b, c, d, e, f], question: question,
                          steps: steps, check: check, answer: .number(x))
    }

    // MARK: - system: a1·x + b1·y = c1, a2·x + b2·y = c2

    /// Parameters "system": [a1, b1, c1, a2, b2, c2]; "system.tickets": [adult, child, tickets, revenue].
    static func system(level: Int, rng: inout RNG) -> LabProblem {
        if level == 2 { return tickets(rng: &rng) }
        var a1 = 1, b1 = 1, a2 = 1, b2 = -1, x = Rational(0), y = Rational(0), c1 = 0, c2 = 0
        let span = 2 + 2 * level
        repeat {
            if level > 1 {
                a1 = nonzero(-span...span, &rng); b1 = nonzero(-span...span, &rng)
                a2 = nonzero(-span...span, &rng); b2 = nonzero(-span...span, &rng)
            }
            if level == 1 { a1 = 1; b1 = 1; a2 = 1; b2 = -1 }
            if level <= 4 {
                let xi = rng.int(-10...10), yi = rng.int(-10...10)
                x = Rational(xi); y = Rational(yi)
                c1 = a1 * xi + b1 * yi; c2 = a2 * xi + b2 * yi
                if level == 1 { x = Rational(abs(xi) + abs(yi) + 1); y = Rational(abs(xi)); c1 = x.num + y.num; c2 = x.num - y.num }
            } else {
                c1 = rng.int(-20...20); c2 = rng.int(-20...20)
            }
        } while a1 * b2 - a2 * b1 == 0
        let det = a1 * b2 - a2 * b1
        if level >= 5 {
            x = Rational(c1 * b2 - c2 * b1, det) ?? Rational(0); y = Rational(a1 * c2 - a2 * c1, det) ?? Rational(0)
        }
        let e1 = "\(LabFormat.linear2(a1, b1)) = \(c1)", e2 = "\(LabFormat.linear2(a2, b2)) = \(c2)"
        let question = level == 1
            ? "Two numbers add up to \(c1) and their difference is \(c2). What are the numbers? Give the answer as $(x, y)$ with $x$ the larger."
            : rng.pick(["Solve the system $\(e1)$ and $\(e2)$. Give the answer as an ordered pair $(x, y)$.",
                        "Find the ordered pair $(x, y)$ that satisfies both $\(e1)$ and $\(e2)$."])
        let steps = [
            "Multiply the first equation by \(a2) and the second by \(a1) so the $x$ terms match.",
            "Subtracting eliminates $x$: $(\(b1 * a2) - \(b2 * a1))y = \(c1 * a2) - \(c2 * a1)$, so $\(-det)y = \(c1 * a2 - c2 * a1)$ and $y = \(y.latex)$.",
            "Put $y$ back into the first equation and solve: $x = \(x.latex)$.",
        ]
        let check = ["Check with Cramer's rule: the determinant is \(det), $x = \\frac{\(c1 * b2 - c2 * b1)}{\(det)} = \(x.latex)$ and $y = \\frac{\(a1 * c2 - a2 * c1)}{\(det)} = \(y.latex)$."]
        return LabProblem(family: .system, level: level, kind: "system", parameters: [a1, b1, c1, a2, b2, c2], question: question,
                          steps: steps, check: check, answer: .pair(x, y))
    }

    static func tickets(rng: inout RNG) -> LabProblem {
        let adult = rng.int(6...20), child = rng.int(2...(adult - 1)), adults = rng.int(5...60), children = rng.int(5...60)
        let total = adults + children, revenue = adults * adult + children * child
        let event = rng.pick(["a school play", "a concert", "the science fair", "a football match", "a puppet show"])
        let question = "Tickets for \(event) cost $\(adult) for adults and $\(child) for children. \(total) tickets were sold for a total of $\(revenue). How many adult tickets were sold?"
        let steps = ["Let $a$ be adult tickets; then $\(total) - a$ are children's tickets.",
                     "$\(adult)a + \(child)(\(total) - a) = \(revenue)$, so $\(adult - child)a = \(revenue - child * total)$.",
                     "$a = \(revenue - child * total) / \(adult - child) = \(adults)$."]
        let check = ["Check: \(adults) adult tickets bring $\(adults * adult) and \(children) child tickets bring $\(children * child), which add to $\(revenue)."]
        return LabProblem(family: .system, level: 2, kind: "system.tickets", parameters: [adult, child, total, revenue], question: question,
                          steps: steps + ["So the answer is \(adults)."], check: check, answer: .number(Rational(adults)))
    }

    static func nonzero(_ range: ClosedRange<Int>, _ rng: inout RNG) -> Int {
        var v = 0
        while v == 0 { v = rng.int(range) }
        return v
    }
}

/// Small LaTeX formatting helpers shared by the lab generators.
enum LabFormat {
    /// `a·v + b` written as people write it: "3x - 5", "-x + 2", "7", "0".
    static func linear(_ a: Int, _ v: String, _ b: Int) -> String {
        var s = ""
        if a != 0 { s = (a == 1 ? "" : a == -1 ? "-" : String(a)) + v }
        if b != 0 { s += s.isEmpty ? String(b) : (b > 0 ? " + \(b)" : " - \(-b)") }
        return s.isEmpty ? "0" : s
    }

    /// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ….
    static func ordinal(_ n: Int) -> String {
        let tens = n % 100, ones = n % 10
        let suffix = (11...13).contains(tens) ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th"
        return "\(n)\(suffix)"
    }

    /// `a·x + b·y`.
    static func linear2(_ a: Int, _ b: Int) -> String {
        let first = a == 1 ? "x" : a == -1 ? "-x" : "\(a)x"
        let second = abs(b) == 1 ? "y" : "\(abs(b))y"
        return first + (b > 0 ? " + " : " - ") + second
    }
}
