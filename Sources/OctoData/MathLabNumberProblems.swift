// Fractions and percentages, and modular arithmetic: remainders, expressions, powers,
// linear congruences and the Chinese remainder theorem.
import OctoBase

enum LabNumberProblems {
    // MARK: - fraction

    static func fraction(level: Int, rng: inout RNG) -> LabProblem {
        switch level {
        case 1:
            let p = rng.pick([5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 80]), unit = 100 / Rational.gcd(p, 100)
            let n = unit * rng.int(1...max(1, 400 / unit)), ans = p * n / 100
            return LabProblem(family: .fraction, level: 1, kind: "fraction.percent_of", parameters: [p, n],
                              question: rng.pick(["What is $\(p)\\%$ of \(n)?", "Compute \(p)% of \(n).", "Find $\(p)\\%$ of $\(n)$."]),
                              steps: ["$\(p)\\%$ means $\\frac{\(p)}{100}$.", "$\\frac{\(p)}{100} \\times \(n) = \\frac{\(p * n)}{100} = \(ans)$."],
                              check: ["Check: 1% of \(n) is \(Rational(n, 100)?.latex ?? "?"), and \(p) times that is \(ans)."], answer: .number(Rational(ans)))
        case 2, 3:
            let b = rng.int(2...12), d = rng.int(2...12), a = rng.int(1...(b - 1 + (level - 2) * b)), c = rng.int(1...(d - 1 + (level - 2) * d))
            let sub = level == 3 && rng.chance(0.5)
            let l = b / Rational.gcd(b, d) * d
            let n = a * (l / b) + (sub ? -1 : 1) * c * (l / d)
            let ans = Rational(n, l) ?? Rational(0)
            let op = sub ? "-" : "+"
            return LabProblem(family: .fraction, level: level, kind: sub ? "fraction.sub" : "fraction.add", parameters: [a, b, c, d],
                              question: rng.pick(["Compute $\\frac{\(a)}{\(b)} \(op) \\frac{\(c)}{\(d)}$. Express the answer as a fraction in lowest terms.",
                                                  "What is $\\frac{\(a)}{\(b)} \(op) \\frac{\(c)}{\(d)}$? Simplify fully."]),
                              steps: ["The least common denominator of \(b) and \(d) is \(l).",
                                      "$\\frac{\(a)}{\(b)} = \\frac{\(a * (l / b))}{\(l)}$ and $\\frac{\(c)}{\(d)} = \\frac{\(c * (l / d))}{\(l)}$.",
                                      "So the result is $\\frac{\(n)}{\(l)} = \(ans.latex)$."],
                              check: ["Check with cross-multiplication: $\\frac{\(a)\\cdot\(d) \(op) \(c)\\cdot\(b)}{\(b)\\cdot\(d)} = \\frac{\(a * d + (sub ? -1 : 1) * c * b)}{\(b * d)}$, which reduces to $\(ans.latex)$."],
                              answer: .number(ans))
        case 4:
            let p = rng.pick([4, 5, 8, 12, 15, 16, 20, 24, 25, 30, 35, 40, 45, 60, 75]), m = rng.int(3...90)
            let ans = Rational(m * 100, p) ?? Rational(0)
            return LabProblem(family: .fraction, level: 4, kind: "fraction.whole", parameters: [p, m],
                              question: rng.pick(["$\(p)\\%$ of a number is \(m). What is the number?", "If \(p)% of $N$ equals \(m), find $N$."]),
                              steps: ["Write $\\frac{\(p)}{100} N = \(m)$.", "Multiply both sides by $\\frac{100}{\(p)}$: $N = \\frac{\(m * 100)}{\(p)} = \(ans.latex)$."],
                              check: ["Check: $\(p)\\%$ of $\(ans.latex)$ is $\\frac{\(p)}{100} \\cdot \(ans.latex) = \(m)$."], answer: .number(ans))
        default:
            let p = rng.pick([5, 10, 12, 15, 20, 25, 30, 40, 50, 60]), q = rng.pick([5, 10, 15, 20, 25, 30, 40, 50])
            let net = Rational((100 + p) * (100 - q) - 10000, 100) ?? Rational(0)
            return LabProblem(family: .fraction, level: 5, kind: "fraction.net_change", parameters: [p, q],
                              question: "A price is raised by $\(p)\\%$ and the new price is then lowered by $\(q)\\%$. By what percent did the price change overall? (Give a signed number of percent, negative for a decrease.)",
                              steps: ["Start from 100.", "After the rise: $100 \\cdot \\frac{\(100 + p)}{100} = \(100 + p)$.",
                                      "After the cut: $\(100 + p) \\cdot \\frac{\(100 - q)}{100} = \(Rational((100 + p) * (100 - q), 100)?.latex ?? "?")$.",
                                      "The change is $\(net.latex)$ percent."],
                              check: ["Multiply the factors: $(1 + \\frac{\(p)}{100})(1 - \\frac{\(q)}{100}) - 1$, times 100, is again $\(net.latex)$."],
                              answer: .number(net))
        }
    }

    // MARK: - modular

    static func modular(level: Int, rng: inout RNG) -> LabProblem {
        switch level {
        case 1:
            let m = rng.int(3...15), n = rng.int(m + 1...200), r = n % m
            return LabProblem(family: .modular, level: 1, kind: "modular.rem", parameters: [n, m],
                              question: rng.pick(["What is the remainder when \(n) is divided by \(m)?", "Find $\(n) \\bmod \(m)$."]),
                              steps: ["$\(m) \\times \(n / m) = \(m * (n / m))$.", "$\(n) - \(m * (n / m)) = \(r)$, which is less than \(m)."],
                              check: ["Check: $\(n / m) \\cdot \(m) + \(r) = \(n)$."], answer: .number(Rational(r)))
        case 2:
            let m = rng.int(5...20), a = rng.int(10...200), b = rng.int(10...200), c = rng.int(0...100), r = (a * b + c) % m
            return LabProblem(family: .modular, level: 2, kind: "modular.expr", parameters: [a, b, c, m],
                              question: "What is the remainder when $\(a) \\cdot \(b) + \(c)$ is divided by \(m)?",
                              steps: ["$\(a) \\cdot \(b) + \(c) = \(a * b + c)$.", "$\(a * b + c) = \(m) \\cdot \((a * b + c) / m) + \(r)$, so the remainder is \(r)."],
                              check: ["Reduce first: $\(a) \\equiv \(a % m)$ and $\(b) \\equiv \(b % m)$, so the value is $\(a % m) \\cdot \(b % m) + \(c) \\equiv \(r) \\pmod{\(m)}$."],
                              answer: .number(Rational(r)))
        case 3:
            let m = rng.int(5...23), a = rng.int(2...30), k = rng.int(5...60)
            var result = 1, base = a % m, e = k
            var squares: [String] = []
            var power = 1
            while e > 0 {
                if e & 1 == 1 { result = result * base % m }
                squares.append("$\(a)^{\(power)} \\equiv \(base)$")
                base = base * base % m; e >>= 1; power *= 2
            }
            return LabProblem(family: .modular, level: 3, kind: "modular.pow", parameters: [a, k, m],
                              question: "What is the remainder when $\(a)^{\(k)}$ is divided by \(m)?",
                              steps: ["Use repeated squaring modulo \(m): " + squares.joined(separator: ", ") + ".",
                                      "Multiply the powers that make up \(k) = " + String(k, radix: 2) + " in binary, reducing as we go: the result is \(result)."],
                              check: ["Check by stepping through the powers one at a time; the pattern of remainders repeats, and the \(k)th power lands on \(result)."],
                              answer: .number(Rational(result)))
        case 4:
            var m = 0, a = 0
            repeat { m = rng.int(7...40); a = rng.int(2...(m - 1)) } while Rational.gcd(a, m) != 1
            let b = rng.int(1...(m - 1))
            let inv = inverse(a, m), x = inv * b % m
            return LabProblem(family: .modular, level: 4, kind: "modular.inverse", parameters: [a, b, m],
                              question: "Find the smallest nonnegative integer $x$ with $\(a)x \\equiv \(b) \\pmod{\(m)}$.",
                              steps: ["Since $\\gcd(\(a), \(m)) = 1$, \(a) has an inverse mod \(m).",
                                      "By the extended Euclidean algorithm, $\(a) \\cdot \(inv) \\equiv 1 \\pmod{\(m)}$.",
                                      "So $x \\equiv \(inv) \\cdot \(b) = \(inv * b) \\equiv \(x) \\pmod{\(m)}$."],
                              check: ["Check: $\(a) \\cdot \(x) = \(a * x) = \(m) \\cdot \(a * x / m) + \(b)$."], answer: .number(Rational(x)))
        default:
            var m1 = 0, m2 = 0
            repeat { m1 = rng.int(3...13); m2 = rng.int(3...17) } while Rational.gcd(m1, m2) != 1
            let r1 = rng.int(1...(m1 - 1)), r2 = rng.int(0...(m2 - 1))
            // x = r1 + m1·t with m1·t ≡ r2 − r1 (mod m2).
            let diff = ((r2 - r1) % m2 + m2) % m2
            let t = inverse(m1 % m2, m2) * diff % m2
            let x = r1 + m1 * t
            return LabProblem(family: .modular, level: 5, kind: "modular.crt", parameters: [r1, m1, r2, m2],
                              question: "Find the smallest positive integer $x$ such that $x \\equiv \(r1) \\pmod{\(m1)}$ and $x \\equiv \(r2) \\pmod{\(m2)}$.",
                              steps: ["Write $x = \(r1) + \(m1)t$.", "Then $\(m1)t \\equiv \(r2) - \(r1) \\equiv \(diff) \\pmod{\(m2)}$.",
                                      "The inverse of \(m1 % m2) mod \(m2) gives $t \\equiv \(t)$, so $x = \(r1) + \(m1) \\cdot \(t) = \(x)$."],
                              check: ["Check: $\(x) = \(m1) \\cdot \(x / m1) + \(x % m1)$ and $\(x) = \(m2) \\cdot \(x / m2) + \(x % m2)$."],
                              answer: .number(Rational(x)))
        }
    }

    /// The inverse of a modulo m (gcd 1), by the extended Euclidean algorithm, in 0..<m.
    static func inverse(_ a: Int, _ m: Int) -> Int {
        var (r0, r1, s0, s1) = (m, ((a % m) + m) % m, 0, 1)
        while r1 != 0 { let q = r0 / r1; (r0, r1) = (r1, r0 - q * r1); (s0, s1) = (s1, s0 - q * s1) }
        return ((s0 % m) + m) % m
    }
}
