// Independent recomputation of lab answers from a problem's kind and parameters. The
// generators compute answers with closed forms and step-by-step text; this file gets them
// again another way (brute force, iteration, substitution, a different formula) so a bug
// in one place shows up as a disagreement.

enum LabVerifier {
    /// The answer recomputed from scratch; nil for an unknown kind or bad parameters.
    static func recompute(kind: String, parameters p: [Int]) -> LabAnswer? {
        func at(_ i: Int) -> Int? { i < p.count ? p[i] : nil }
        func r(_ n: Int) -> Rational { Rational(n) }
        func frac(_ n: Int, _ d: Int) -> Rational? { Rational(n, d) }
        switch kind {
        case "word.chain":
            guard var v = at(0).map(r), (p.count - 1) % 3 == 0 else { return nil }
            for i in stride(from: 1, to: p.count, by: 3) {
                let a = p[i + 1], b = p[i + 2]
                switch p[i] {
                case 1: v = v + r(a)
                case 2: v = v - r(a)
                case 3: v = v + r(a) * r(b)
                case 4: v = v * r(a)
                case 5: guard let q = v.divided(by: r(a)) else { return nil }; v = q
                case 6: guard let f = frac(100 - a, 100) else { return nil }; v = v * f
                default: return nil
                }
                guard v.isInteger, v.num >= 0 else { return nil }
            }
            return .number(v)
        case "word.shop":
            guard p.count == 10, p[8] >= 1 else { return nil }
            let total = r(p[0] * p[1]) + r(p[2] * p[3]) + r(p[4] * p[5])
            guard let keep = frac(100 - p[7], 100), let each = ((total - r(p[6])) * keep).divided(by: r(p[8])) else { return nil }
            return .number(p[9] > 0 ? r(p[9]) - each : each)
        case "word.rate":
            guard let mode = at(0) else { return nil }
            switch (mode, p.count) {
            case (1, 3): return .number(r(p[1] * p[2]))
            case (2, 4): return .number(r(p[1] * p[2] * p[3]))
            case (3, 5): return .number(r((p[1] + p[2]) * p[3] * p[4]))
            case (4, 4), (5, 5):
                let head = mode == 5 ? p[3] : 0, target = p[p.count - 1]
                var made = 0, hour = 0
                while made < target && hour < 10_000 { hour += 1; made += hour <= head ? p[1] : p[1] + p[2] }
                return made == target ? .number(r(hour)) : nil
            default: return nil
            }
        case "word.age":
            guard let mode = at(0) else { return nil }
            switch (mode, p.count) {
            case (1, 4): return .number(r(p[1] + p[2] + p[3]))
            case (2, 4): return .number(r((p[2] * p[1] + p[3]) + (p[1] + p[3])))
            case (3, 4): return (0...500).first { y in (y + p[2]) + (y + p[1] + p[2]) == p[3] }.map { .number(r($0)) }
            case (4, 3): return (0...500).first { y in p[1] + p[2] == 2 * (y + p[2]) }.map { .number(r($0)) }
            case (5, 3): return (0...500).first { y in (y + p[1]) % 2 == 0 && (y + p[1]) + y + (y + p[1]) / 2 == p[2] }.map { .number(r($0)) }
            default: return nil
            }
        case "fraction.percent_of":
            guard p.count == 2, let f = frac(p[0], 100) else { return nil }
            return .number(f * r(p[1]))
        case "fraction.add", "fraction.sub":
            guard p.count == 4, let x = frac(p[0], p[1]), let y = frac(p[2], p[3]) else { return nil }
            return .number(kind == "fraction.add" ? x + y : x - y)
        case "fraction.whole":
            guard p.count == 2, let f = frac(p[0], 100), let n = r(p[1]).divided(by: f) else { return nil }
            return .number(n)
        case "fraction.net_change":
            guard p.count == 2, let up = frac(100 + p[0], 100), let down = frac(100 - p[1], 100) else { return nil }
            return .number(r(100) * up * down - r(100))
        case "linear":
            // (a x + b)/c = (d x + e)/f  ⇒  x (a/c − d/f) = e/f − b/c.
            guard p.count == 6, let ac = frac(p[0], p[2]), let df = frac(p[3], p[5]),
                  let ef = frac(p[4], p[5]), let bc = frac(p[1], p[2]), ac != df,
                  let x = (ef - bc).divided(by: ac - df) else { return nil }
            return .number(x)
        case "system":
            // Substitution: x = (c1 − b1 y)/a1 (or swap the equations when a1 = 0).
            guard p.count == 6 else { return nil }
            var (a1, b1, c1, a2, b2, c2) = (p[0], p[1], p[2], p[3], p[4], p[5])
            if a1 == 0 { (a1, b1, c1, a2, b2, c2) = (a2, b2, c2, a1, b1, c1) }
            guard a1 != 0, let k = frac(a2, a1) else { return nil }
            let coef = r(b2) - k * r(b1), rhs = r(c2) - k * r(c1)
            guard let y = rhs.divided(by: coef), let x = (r(c1) - r(b1) * y).divided(by: r(a1)) else { return nil }
            return .pair(x, y)
        case "system.tickets":
            guard p.count == 4 else { return nil }
            return (0...max(0, p[2])).first { a in a * p[0] + (p[2] - a) * p[1] == p[3] }.map { .number(r($0)) }
        case "modular.rem":
            guard p.count == 2, p[1] > 0 else { return nil }
            var n = p[0]
            while n >= p[1] { n -= p[1] }
            return .number(r(n))
        case "modular.expr":
            guard p.count == 4, p[3] > 0 else { return nil }
            return .number(r(((p[0] % p[3]) * (p[1] % p[3]) + p[2] % p[3]) % p[3]))
        case "modular.pow":
            guard p.count == 3, p[2] > 0 else { return nil }
            var v = 1 % p[2]
            for _ in 0..<max(0, p[1]) { v = v * p[0] % p[2] }
            return .number(r(v))
        case "modular.inverse":
            guard p.count == 3, p[2] > 0 else { return nil }
            return (0..<p[2]).first { (p[0] * $0 - p[1]) % p[2] == 0 }.map { .number(r($0)) }
        case "modular.crt":
            guard p.count == 4, p[1] > 0, p[3] > 0 else { return nil }
            return (1...(p[1] * p[3])).first { $0 % p[1] == p[0] && $0 % p[3] == p[2] }.map { .number(r($0)) }
        case "counting.product":
            guard p.count == 3 else { return nil }
            var n = 0
            for _ in 0..<max(0, p[0]) { for _ in 0..<max(0, p[1]) { for _ in 0..<max(0, p[2]) { n += 1 } } }
            return .number(r(n))
        case "counting.choose":
            guard p.count == 2, p[0] >= 0, p[0] <= 20 else { return nil }
            return .number(r((0..<(1 << p[0])).filter { $0.nonzeroBitCount == p[1] }.count))
        case "counting.dice", "counting.three_dice":
            guard p.count == 1 else { return nil }
            let dice = kind == "counting.dice" ? 2 : 3
            var hits = 0, all = 0
            for outcome in 0..<(dice == 2 ? 36 : 216) {
                var o = outcome, sum = 0
                for _ in 0..<dice { sum += o % 6 + 1; o /= 6 }
                all += 1; if sum == p[0] { hits += 1 }
            }
            return frac(hits, all).map { .number($0) }
        case "counting.draw":
            guard p.count == 2 else { return nil }
            let n = p[0] + p[1]
            var good = 0, all = 0
            for i in 0..<n { for j in 0..<n where i != j { all += 1; if i < p[0] && j < p[0] { good += 1 } } }
            return frac(good, all).map { .number($0) }
        case "counting.atleast":
            guard p.count == 1, p[0] >= 1, p[0] <= 6 else { return nil }
            var total = 1
            for _ in 0..<p[0] { total *= 6 }
            var hits = 0
            for outcome in 0..<total {
                var o = outcome, six = false
                for _ in 0..<p[0] { if o % 6 == 5 { six = true }; o /= 6 }
                if six { hits += 1 }
            }
            return frac(hits, total).map { .number($0) }
        case "sequence.next", "sequence.nth", "sequence.sum":
            guard p.count >= 2 else { return nil }
            let n = kind == "sequence.next" ? 5 : (p.count == 3 ? p[2] : 0)
            var term = p[0], sum = 0
            for i in 1...max(1, n) { sum += term; if i < n { term += p[1] } }
            return .number(r(kind == "sequence.sum" ? sum : term))
        case "sequence.geo_nth", "sequence.geo_sum":
            guard p.count == 3, p[2] >= 1 else { return nil }
            var term = p[0], sum = 0
            for i in 1...p[2] { sum += term; if i < p[2] { term *= p[1] } }
            return .number(r(kind == "sequence.geo_sum" ? sum : term))
        case "sequence.two_terms":
            guard p.count == 5, let d = frac(p[3] - p[1], p[2] - p[0]) else { return nil }
            var term = r(p[1]) - d * r(p[0] - 1)
            for _ in 1..<max(1, p[4]) { term = term + d }
            return .number(term)
        default:
            return nil
        }
    }
}
