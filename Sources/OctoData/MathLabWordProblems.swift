// GSM8K-like multi-step word problems: object stories (a chain of operations), shopping,
// work rates and ages. Level = number of steps and size of numbers.
import OctoBase

enum LabWordProblems {
    static func make(level: Int, rng: inout RNG) -> LabProblem {
        switch rng.int(0...3) {
        case 0: return chain(level: level, rng: &rng)
        case 1: return shop(level: level, rng: &rng)
        case 2: return rate(level: level, rng: &rng)
        default: return age(level: level, rng: &rng)
        }
    }

    // MARK: - chain: a quantity changed by level+1 operations

    /// Parameters: [start, (op, a, b)…]; ops 1 add a, 2 subtract a, 3 add a·b (packs),
    /// 4 multiply by a, 5 keep one of a equal groups, 6 remove a percent.
    static func chain(level: Int, rng: inout RNG) -> LabProblem {
        let name = rng.pick(LabWords.names), thing = rng.pick(LabWords.things)
        let (things, _) = thing
        var value = rng.int(4...(12 * level + 8))
        var params = [value]
        var story = ["\(name) has \(value) \(things)."]
        var steps = ["\(name) starts with \(value) \(things)."]
        var trail = [String(value)]
        for _ in 0..<(level + 1) {
            var options = [1, 3]
            if value > 2 { options.append(2) }
            if value <= 300 { options.append(4) }
            let divisors = (2...9).filter { value % $0 == 0 && value / $0 >= 1 }
            if !divisors.isEmpty { options.append(5) }
            let percents = [10, 20, 25, 50, 75].filter { value * $0 % 100 == 0 }
            if !percents.isEmpty { options.append(6) }
            let op = rng.pick(options)
            var a = 0, b = 0
            let before = value
            switch op {
            case 1:
                a = rng.int(2...(6 * level + 6)); value += a
                story.append(rng.pick(["Then \(name) finds \(a) more \(things).", "\(rng.pick(LabWords.relations).capitalizedFirst) gives \(name) \(a) more \(things).",
                                       "At \(rng.pick(LabWords.places)), \(name) gets \(a) more \(things).", "Later, \(a) more \(things) are added to the pile."]))
                steps.append("After getting \(a) more: \(before) + \(a) = \(value).")
            case 2:
                a = rng.int(1...max(1, value - 1)); value -= a
                story.append(rng.pick(["\(name) gives \(a) \(things) to \(rng.pick(LabWords.relations)).", "\(name) uses \(a) of the \(things).",
                                       "Unfortunately, \(a) of the \(things) are lost.", "\(name) sells \(a) \(things) at \(rng.pick(LabWords.places))."]))
                steps.append("After \(a) are gone: \(before) - \(a) = \(value).")
            case 3:
                a = rng.int(2...(level + 3)); b = rng.int(2...(3 * level + 4)); value += a * b
                let box = rng.pick(LabWords.containers)
                story.append(rng.pick(["\(name) buys \(a) \(box) with \(b) \(things) in each.", "Then \(name) receives \(a) \(box) of \(things), each holding \(b)."]))
                steps.append("The \(box) hold \(a) × \(b) = \(a * b) \(things), so now there are \(before) + \(a * b) = \(value).")
            case 4:
                a = rng.int(2...3); value *= a
                story.append(rng.pick(["By the end of the week the number of \(things) has become \(a == 2 ? "twice" : "three times") as large.",
                                       "\(name) manages to \(a == 2 ? "double" : "triple") the collection."]))
                steps.append("\(a == 2 ? "Doubling" : "Tripling") gives \(before) × \(a) = \(value).")
            case 5:
                a = rng.pick(divisors); value /= a
                story.append(rng.pick(["\(name) splits the \(things) equally into \(a) groups and keeps one group.",
                                       "\(name) shares the \(things) equally among \(a) people, counting \(name) as one of them, and keeps one share."]))
                steps.append("One of \(a) equal shares is \(before) ÷ \(a) = \(value).")
            default:
                a = rng.pick(percents); value -= before * a / 100
                story.append(rng.pick(["\(name) gives away \(a)% of the \(things).", "\(a)% of the \(things) are sold at \(rng.pick(LabWords.places))."]))
                steps.append("\(a)% of \(before) is \(before * a / 100), leaving \(before) - \(before * a / 100) = \(value).")
            }
            params += [op, a, b]
            trail.append(String(value))
        }
        let question = story.joined(separator: " ") + " " + rng.pick(["How many \(things) does \(name) have now?",
                                                                        "How many \(things) does \(name) end up with?",
                                                                        "How many \(things) are there at the end?"])
        let check = ["Tracking the count from start to end: " + trail.joined(separator: " → ") + ".",
                     "Each change was applied once, in order, so the final count is \(value)."]
        return LabProblem(family: .word, level: level, kind: "word.chain", parameters: params, question: question,
                          steps: steps + ["So the answer is \(value)."], check: check, answer: .number(Rational(value)))
    }

    // MARK: - shop: quantities × prices, coupon, percent discount, split, change

    /// Parameters: [q1, p1, q2, p2, q3, p3, coupon, discountPercent, friends, bill].
    static func shop(level: Int, rng: inout RNG) -> LabProblem {
        let name = rng.pick(LabWords.names), place = rng.pick(LabWords.places)
        var items: [(Int, Int, String, String)] = []
        var used = Set<String>()
        for _ in 0..<(level >= 3 ? 3 : 2) {
            var t = rng.pick(LabWords.things)
            while used.contains(t.0) { t = rng.pick(LabWords.things) }
            used.insert(t.0)
            items.append((rng.int(2...(3 + 2 * level)), rng.int(1...(4 + 3 * level)), t.0, t.1))
        }
        let total = items.reduce(0) { $0 + $1.0 * $1.1 }
        var coupon = 0, discount = 0, friends = 1, bill = 0
        var steps = items.map { "\($0.0) \($0.2) at $\($0.1) each cost \($0.0) × \($0.1) = $\($0.0 * $0.1)." }
        steps.append("Together that is $" + items.map { String($0.0 * $0.1) }.joined(separator: " + $") + " = $\(total).")
        var amount = total
        if level == 4 {
            friends = rng.int(2...5)
            coupon = total % friends + friends * rng.int(0...max(0, total / (4 * friends)))
            if coupon == 0 && total > friends { coupon = friends }
            if coupon >= total { coupon = total % friends }
        } else if level == 5 {
            coupon = total % 20 + (total >= 60 ? 20 * rng.int(0...1) : 0)
            if coupon >= total { coupon = 0 }
        } else if level == 3 {
            coupon = rng.int(1...max(1, total / 4))
        }
        if coupon > 0 {
            amount -= coupon
            steps.append("The $\(coupon) coupon brings it to $\(total) - $\(coupon) = $\(amount).")
        }
        let discounts = [5, 10, 15, 20, 25, 30, 40, 50].filter { amount * $0 % 100 == 0 }
        if level == 5 && !discounts.isEmpty {
            discount = rng.pick(discounts)
            let off = amount * discount / 100
            steps.append("A \(discount)% discount takes off $\(amount) × \(discount)/100 = $\(off), so the price is $\(amount - off).")
            amount -= off
        }
        if level == 5 {
            let options = (2...6).filter { amount % $0 == 0 }
            friends = options.isEmpty ? 1 : rng.pick(options)
        }
        if friends > 1 {
            steps.append("Split among \(friends) people, each pays $\(amount) ÷ \(friends) = $\(amount / friends).")
            amount /= friends
        }
        if level == 2 || level == 3 {
            bill = ((amount / 10) + 1) * 10 + 10 * rng.int(0...4)
            steps.append("The change from $\(bill) is $\(bill) - $\(amount) = $\(bill - amount).")
            amount = bill - amount
        }
        let list = items.map { "\($0.0) \($0.2) for $\($0.1) each" }
        var question = "At \(place), \(name) buys " + list.dropLast().joined(separator: ", ") + " and " + (list.last ?? "") + "."
        if coupon > 0 { question += " \(name) has a coupon for $\(coupon) off the total." }
        if discount > 0 { question += " The store then takes \(discount)% off the price after the coupon." }
        if friends > 1 { question += " \(name) and \(friends - 1) friend\(friends > 2 ? "s" : "") split the cost equally." }
        if bill > 0 { question += " \(name) pays with $\(bill) in bills." }
        question += " " + (bill > 0 ? "How much change, in dollars, does \(name) get back?"
                           : friends > 1 ? "How many dollars does each person pay?" : "How many dollars does \(name) spend in all?")
        let q3 = items.count > 2 ? items[2] : (0, 0, "", "")
        let params = [items[0].0, items[0].1, items[1].0, items[1].1, q3.0, q3.1, coupon, discount, friends, bill]
        let check = ["Check the total another way: " + items.map { "\($0.1)·\($0.0)" }.joined(separator: " + ") + " = \(total) dollars.",
                     "Working forward again from $\(total) gives $\(amount)."]
        return LabProblem(family: .word, level: level, kind: "word.shop", parameters: params, question: question,
                          steps: steps + ["So the answer is \(amount)."], check: check, answer: .number(Rational(amount)))
    }

    // MARK: - rate: output per hour over hours and days; time to a target

    /// Parameters by mode (= level): 1 [r1, hours], 2 [r1, hours, days], 3 [r1, r2, hours, days],
    /// 4 [r1, r2, target], 5 [r1, r2, head, target], each after the mode.
    static func rate(level: Int, rng: inout RNG) -> LabProblem {
        let (maker, unit) = rng.pick(LabWords.makers)
        var (maker2, _) = rng.pick(LabWords.makers)
        if maker2 == maker { maker2 = "a second " + String(maker.split(separator: " ").dropFirst().joined(separator: " ")) }
        let r1 = rng.int(2...(4 * level + 6)), r2 = rng.int(2...(4 * level + 6))
        let hours = rng.int(2...(level + 6)), days = rng.int(2...7), head = rng.int(1...3)
        var question: String, steps: [String], answer: Int, params: [Int]
        switch level {
        case 1:
            params = [1, r1, hours]
            answer = r1 * hours
            question = "\(maker.capitalizedFirst) makes \(r1) \(unit) every hour. How many \(unit) are made in \(hours) hours?"
            steps = ["Each hour gives \(r1) \(unit).", "In \(hours) hours: \(r1) × \(hours) = \(answer)."]
        case 2:
            params = [2, r1, hours, days]
            answer = r1 * hours * days
            question = "\(maker.capitalizedFirst) makes \(r1) \(unit) per hour and works \(hours) hours a day. How many \(unit) are made in \(days) days?"
            steps = ["One day gives \(r1) × \(hours) = \(r1 * hours) \(unit).", "Over \(days) days: \(r1 * hours) × \(days) = \(answer)."]
        case 3:
            params = [3, r1, r2, hours, days]
            answer = (r1 + r2) * hours * days
            question = "\(maker.capitalizedFirst) makes \(r1) \(unit) per hour and \(maker2) makes \(r2) per hour. Both work \(hours) hours a day for \(days) days. How many \(unit) do they make together?"
            steps = ["Together they make \(r1) + \(r2) = \(r1 + r2) per hour.", "Per day: \(r1 + r2) × \(hours) = \((r1 + r2) * hours).",
                     "Over \(days) days: \((r1 + r2) * hours) × \(days) = \(answer)."]
        case 4:
            answer = hours
            let target = (r1 + r2) * hours
            params = [4, r1, r2, target]
            question = "\(maker.capitalizedFirst) makes \(r1) \(unit) per hour and \(maker2) makes \(r2) per hour. Working together, how many hours do they need to make \(target) \(unit)?"
            steps = ["Their combined rate is \(r1) + \(r2) = \(r1 + r2) per hour.", "Time needed: \(target) ÷ \(r1 + r2) = \(answer) hours."]
        default:
            answer = head + hours
            let target = r1 * head + (r1 + r2) * hours
            params = [5, r1, r2, head, target]
            question = "\(maker.capitalizedFirst) makes \(r1) \(unit) per hour and starts alone. After \(head) hour\(head > 1 ? "s" : ""), \(maker2), making \(r2) per hour, joins in. How many hours after the start are \(target) \(unit) finished?"
            steps = ["Alone for \(head) hour\(head > 1 ? "s" : ""): \(r1) × \(head) = \(r1 * head) \(unit).", "Left to make: \(target) - \(r1 * head) = \(target - r1 * head).",
                     "Together: \(r1 + r2) per hour, so \(target - r1 * head) ÷ \(r1 + r2) = \(hours) more hours.", "Total time: \(head) + \(hours) = \(answer) hours."]
        }
        let check = ["Check: running the clock forward hour by hour reaches the amount exactly at \(answer)\(level >= 4 ? " hours" : "")."]
        return LabProblem(family: .word, level: level, kind: "word.rate", parameters: params,
                          question: question, steps: steps + ["So the answer is \(answer)."], check: check, answer: .number(Rational(answer)))
    }

    // MARK: - age

    /// Parameters: [mode, …] per mode (see verifier).
    static func age(level: Int, rng: inout RNG) -> LabProblem {
        let a = rng.pick(LabWords.names)
        var b = rng.pick(LabWords.names); if b == a { b = "Ola" }
        var c = rng.pick(LabWords.names); if c == a || c == b { c = "Pim" }
        var y = rng.int(3...(8 + 6 * level))
        if level == 5 { y += y % 2 }
        let n = rng.int(2...10), k = rng.int(2...(5 + 3 * level))
        var params: [Int], question: String, steps: [String], answer: Int
        switch level {
        case 1:
            answer = y + k + n; params = [1, y, k, n]
            question = "\(b) is \(y) years old. \(a) is \(k) years older than \(b). How old will \(a) be in \(n) years?"
            steps = ["\(a) is \(y) + \(k) = \(y + k) now.", "In \(n) years: \(y + k) + \(n) = \(answer)."]
        case 2:
            let m = rng.int(2...4)
            answer = m * y + y + 2 * n; params = [2, y, m, n]
            question = "\(b) is \(y) years old and \(a) is \(m) times as old. What will the sum of their ages be in \(n) years?"
            steps = ["\(a) is \(m) × \(y) = \(m * y) now.", "In \(n) years they are \(m * y + n) and \(y + n).", "Sum: \(m * y + n) + \(y + n) = \(answer)."]
        case 3:
            let s = 2 * y + k + 2 * n
            answer = y; params = [3, k, n, s]
            question = "\(a) is \(k) years older than \(b). In \(n) years, the sum of their ages will be \(s). How old is \(b) now?"
            steps = ["Let \(b)'s age be x, so \(a) is x + \(k).", "In \(n) years: (x + \(n)) + (x + \(k) + \(n)) = \(s).",
                     "So 2x + \(k + 2 * n) = \(s), 2x = \(s - k - 2 * n), x = \(y)."]
        case 4:
            let now = 2 * (y + n) - n
            answer = y; params = [4, now, n]
            question = "\(a) is \(now) years old. In \(n) years, \(a) will be twice as old as \(b) will be then. How old is \(b) now?"
            steps = ["In \(n) years \(a) will be \(now) + \(n) = \(now + n).", "Then \(b) will be \(now + n) ÷ 2 = \((now + n) / 2).",
                     "So \(b) is now \((now + n) / 2) - \(n) = \(y)."]
        default:
            let kk = 2 * k
            let older = y + kk
            let s = older + y + older / 2
            answer = y; params = [5, kk, s]
            question = "\(a) is \(kk) years older than \(b), and \(c) is half as old as \(a). Their ages add up to \(s). How old is \(b)?"
            steps = ["Let \(b) be x. Then \(a) is x + \(kk) and \(c) is (x + \(kk))/2.", "x + (x + \(kk)) + (x + \(kk))/2 = \(s).",
                     "Multiply by 2: 5x + \(3 * kk) = \(2 * s), so 5x = \(2 * s - 3 * kk) and x = \(y)."]
        }
        let check = ["Check by plugging back in: with \(b) at the age found, every statement in the problem holds."]
        return LabProblem(family: .word, level: level, kind: "word.age", parameters: params, question: question,
                          steps: steps + ["So the answer is \(answer)."], check: check, answer: .number(Rational(answer)))
    }
}

extension String {
    /// The string with its first letter upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
