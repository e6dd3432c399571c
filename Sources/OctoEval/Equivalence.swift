// Answer equivalence: normalise both answers, try the cheap rules (same string, choice
// letters, text), then parse to MathExpr trees and compare them structurally (sets order-free,
// tuples and intervals in order with their brackets, equations side by side) with numeric
// leaves compared exactly (mod p) or at random points (Double). Rules: Docs/Grading.md.

import Foundation
import OctoData
import OctoBase

/// Decides whether a predicted answer is equivalent to a gold answer.
enum AnswerEquivalence {
    static func equivalent(gold: String, pred: String, depth: Int = 0) -> Bool {
        // A gold that is a worked solution (a box or a math span inside text): its answer, as
        // Math-Verify parses the gold with the same extraction as the response.
        if depth == 0, isWorkedSolution(gold), let inner = AnswerExtraction.extract(gold), inner != gold,
           equivalent(gold: inner, pred: pred, depth: 1) {
            return true
        }
        let g = AnswerNormalizer.normalize(gold)
        let p = AnswerNormalizer.normalize(pred)
        guard !g.isEmpty, !p.isEmpty else { return false }
        if g == p { return true }
        guard g.utf8.count <= AnswerNormalizer.maxLength, p.utf8.count <= AnswerNormalizer.maxLength else {
            return false
        }
        // Multiple choice: a gold letter is matched by the letter; a gold `(C) 12` also by 12.
        if let goldLetter = AnswerNormalizer.choiceLetter(g, allowValue: true) {
            if let predLetter = AnswerNormalizer.choiceLetter(p, allowValue: true) { return goldLetter == predLetter }
            let goldValue = AnswerNormalizer.stripChoicePrefix(g)
            guard goldValue != g else { return false }
            return equivalent(gold: goldValue, pred: p, depth: depth + 1)
        }
        let value = AnswerNormalizer.stripChoicePrefix(p)
        if value == g { return true }
        // Text answers compare case-insensitively.
        if let gt = AnswerNormalizer.textAnswer(g), let pt = AnswerNormalizer.textAnswer(value), gt == pt {
            return true
        }
        guard let ge = MathParser.parse(g), let pe = MathParser.parse(value) else { return false }
        return ExprComparator.equal(ge, pe)
    }

    /// Text with a box or a `$…$` span inside it, rather than an answer.
    static func isWorkedSolution(_ gold: String) -> Bool {
        let t = AnswerNormalizer.stripDelimiters(gold.trimmingCharacters(in: .whitespacesAndNewlines))
        return t.contains("\\boxed") || t.contains("\\fbox") || t.contains("$")
    }
}

// MARK: - Structural comparison

/// Structural comparison of two answer trees.
enum ExprComparator {
    static let maxDepth = 48
    static let maxListLength = 256

    static func equal(_ g: MathExpr, _ p: MathExpr, depth: Int = 0) -> Bool {
        guard depth < maxDepth else { return false }
        let eq = { (a: MathExpr, b: MathExpr) in equal(a, b, depth: depth + 1) }
        if g.isIntervalSetLike || p.isIntervalSetLike,
           let gi = intervals(of: g), let pi = intervals(of: p) {
            return matchAll(gi, pi, eq)
        }
        let (g, p) = (g.collapsedAssignment.foldingMatrices, p.collapsedAssignment.foldingMatrices)
        switch (g, p) {
        case (.matrix(let a), .matrix(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.count == $1.count && zip($0, $1).allSatisfy(eq) }
        case (.set(let a), .set(let b)), (.union(let a), .union(let b)):
            return matchAll(a, b, eq)
        case (.set(let a), .bracketed("(", ")", let b)), (.bracketed("(", ")", let b), .set(let a)):
            return setMatchesAscendingTuple(a, b, eq)
        case (.set(let a), _) where a.count == 1:
            return eq(a[0], p)
        case (_, .set(let b)) where b.count == 1:
            return eq(g, b[0])
        case (.bracketed(let o1, let c1, let a), .bracketed(let o2, let c2, let b)):
            return o1 == o2 && c1 == c2 && a.count == b.count && zip(a, b).allSatisfy(eq)
        case (.relation(let gs, let gr), .relation(let ps, let pr)):
            return relationsEqual(gs, gr, ps, pr, eq)
        case (.relation(let sides, let rels), _):
            if let v = g.assignedValue { return eq(v, p) }
            // A chain `2 = \zzz = y = 0`: its last side (Math-Verify falls back to the last equation).
            if sides.count >= 3, rels.allSatisfy({ $0 == .equal }), let last = sides.last, last.symbols.isEmpty {
                return eq(last, p)
            }
            return false
        case (_, .relation(let sides, let rels)):
            // An equation stated as the answer (`x = 5`, `m+n = 557`): its last side.
            if rels.allSatisfy({ $0 == .equal }), let last = sides.last { return eq(g, last) }
            return false
        default:
            guard g.isScalar, p.isScalar else { return false }
            return NumericComparison.equal(g, p)
        }
    }

    /// A set against a tuple `(a, b)` (Math-Verify reads a pair as an open interval and
    /// compares it with the set's sorted elements): equal when the tuple lists the set's
    /// elements in increasing order.
    static func setMatchesAscendingTuple(_ set: [MathExpr], _ tuple: [MathExpr],
                                         _ eq: (MathExpr, MathExpr) -> Bool) -> Bool {
        guard set.count == tuple.count, set.count >= 2 else { return false }
        let ev = DoubleEvaluator(env: [:], percent: .plain)
        let values = tuple.compactMap { ev.eval($0) }
        guard values.count == tuple.count, zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else { return false }
        return matchAll(set, tuple, eq)
    }

    /// Order-free matching of two lists of the same length.
    static func matchAll(_ a: [MathExpr], _ b: [MathExpr], _ eq: (MathExpr, MathExpr) -> Bool) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count <= maxListLength else { return a == b }   // quadratic matching: bounded

        var used = [Bool](repeating: false, count: b.count)
        for x in a {
            guard let k = b.indices.first(where: { !used[$0] && eq(x, b[$0]) }) else { return false }
            used[k] = true
        }
        return true
    }

    /// Equations compare side by side (either way round) or as `lhs − rhs`; other chains pairwise.
    static func relationsEqual(_ gs: [MathExpr], _ gr: [MathRelation], _ ps: [MathExpr], _ pr: [MathRelation],
                               _ eq: (MathExpr, MathExpr) -> Bool) -> Bool {
        guard gs.count == ps.count else { return false }
        if gr == pr, zip(gs, ps).allSatisfy(eq) { return true }
        if gr == pr.map(\.flipped), zip(gs, ps.reversed()).allSatisfy(eq) { return true }
        guard gs.count == 2, gs.allSatisfy(\.isScalar), ps.allSatisfy(\.isScalar) else { return false }
        let dg = MathExpr.sum([gs[0], .negate(gs[1])])
        let dp = MathExpr.sum([ps[0], .negate(ps[1])])
        if gr == [.equal], pr == [.equal] {
            if eq(gs[0], ps[1]) && eq(gs[1], ps[0]) { return true }
            // The same equation scaled (`3x+6y-9=0` / `y=-\frac12x+\frac32`): lhs − rhs proportional.
            return NumericComparison.equal(dg, dp) || NumericComparison.equal(dg, .negate(dp))
                || NumericComparison.proportional(dg, dp)
        }
        // Inequalities: `y < 2` / `-y > -2` — the same lhs − rhs, or its negation with the
        // relation flipped (Math-Verify's rule).
        if gr == pr { return NumericComparison.equal(dg, dp) }
        if gr == pr.map(\.flipped) { return NumericComparison.equal(dg, .negate(dp)) }
        return false
    }

    // MARK: - Intervals from inequalities

    /// The intervals a union, an interval, an inequality or a list of inequalities stands for.
    static func intervals(of e: MathExpr) -> [MathExpr]? {
        switch e {
        case .bracketed(_, _, let items) where items.count == 2: return [e]
        case .union(let parts), .set(let parts):
            var out: [MathExpr] = []
            for part in parts {
                guard let sub = intervals(of: part) else { return nil }
                out.append(contentsOf: sub)
            }
            return out.isEmpty ? nil : out
        case .relation(let sides, let rels): return inequalityInterval(sides, rels).map { [$0] }
        default: return nil
        }
    }

    /// `x \le 3` → (−∞, 3]; `-6 \le x < -1` → [−6, −1); `3 < x` → (3, ∞).
    static func inequalityInterval(_ sides: [MathExpr], _ rels: [MathRelation]) -> MathExpr? {
        let ordering: Set<MathRelation> = [.less, .lessOrEqual, .greater, .greaterOrEqual]
        guard rels.allSatisfy(ordering.contains) else { return nil }
        let minusInfinity = MathExpr.negate(.infinity)
        func openBracket(_ r: MathRelation) -> Character { r == .less || r == .greater ? "(" : "[" }
        func closeBracket(_ r: MathRelation) -> Character { r == .less || r == .greater ? ")" : "]" }
        if sides.count == 2 {
            var rel = rels[0], bound = sides[1]
            if sides[0].symbolName == nil {
                guard sides[1].symbolName != nil else { return nil }
                rel = rel.flipped; bound = sides[0]
            }
            switch rel {
            case .less, .lessOrEqual: return .bracketed(open: "(", close: closeBracket(rel), [minusInfinity, bound])
            default: return .bracketed(open: openBracket(rel), close: ")", [bound, .infinity])
            }
        }
        guard sides.count == 3, sides[1].symbolName != nil else { return nil }
        let upward: Set<MathRelation> = [.less, .lessOrEqual]
        if upward.contains(rels[0]) && upward.contains(rels[1]) {
            return .bracketed(open: openBracket(rels[0]), close: closeBracket(rels[1]), [sides[0], sides[2]])
        }
        if !upward.contains(rels[0]) && !upward.contains(rels[1]) {
            return .bracketed(open: openBracket(rels[1].flipped), close: closeBracket(rels[0].flipped),
                              [sides[2], sides[0]])
        }
        return nil
    }
}

extension MathExpr {
    /// A union, an inequality, or a list of inequalities: compared as a set of intervals.
    var isIntervalSetLike: Bool {
        switch self {
        case .union: return true
        case .relation(_, let rels): return !rels.contains(.equal) && !rels.contains(.notEqual)
        case .set(let items): return items.contains { if case .relation = $0 { return $0.isIntervalSetLike }; return false }
        default: return false
        }
    }
}

// MARK: - Numbers

/// Equality of scalar trees: exact modulo a prime where possible, else Double at random points.
enum NumericComparison {
    static func equal(_ a: MathExpr, _ b: MathExpr) -> Bool {
        let readings: [PercentReading] = a.hasPercent || b.hasPercent ? [.plain, .hundredth] : [.plain]
        return readings.contains { scalarEqual(a, b, $0) }
    }

    static func scalarEqual(_ a: MathExpr, _ b: MathExpr, _ reading: PercentReading) -> Bool {
        let names = a.symbols.union(b.symbols).sorted()
        let decimal = a.hasDecimal || b.hasDecimal
        var rng = RNG(seed: 0x0C70_E7A1)
        if !a.hasInfinity && !b.hasInfinity, let same = modularEqual(a, b, names, reading, &rng) {
            if same { return true }
            guard names.isEmpty, decimal else { return false }
        }
        if names.isEmpty {
            let ev = DoubleEvaluator(env: [:], percent: reading)
            guard let x = ev.eval(a), let y = ev.eval(b) else { return false }
            if x.isInfinite || y.isInfinite { return x == y && a.hasInfinity && b.hasInfinity }
            return (decimal && roundedEqual(x, y)) || close(x, y)
        }
        var agreeing = 0
        for _ in 0..<8 {
            var env: [String: Double] = [:]
            for n in names { env[n] = 0.5 + Double(rng.next() % 1_000_000) / 500_000 }
            let ev = DoubleEvaluator(env: env, percent: reading)
            guard let x = ev.eval(a), let y = ev.eval(b), x.isFinite, y.isFinite else { continue }
            guard close(x, y) else { return false }
            agreeing += 1
        }
        return agreeing >= 3
    }

    /// Exact verdict mod p at three random points, or nil if either side has no residue.
    static func modularEqual(_ a: MathExpr, _ b: MathExpr, _ names: [String], _ reading: PercentReading,
                             _ rng: inout RNG) -> Bool? {
        for _ in 0..<(names.isEmpty ? 1 : 3) {
            var env: [String: UInt64] = [:]
            for n in names { env[n] = rng.next() % ModularEvaluator.prime }
            let ev = ModularEvaluator(env: env, percent: reading)
            guard let x = ev.eval(a), let y = ev.eval(b) else { return nil }
            if x != y { return false }
        }
        return true
    }

    /// Whether `b = c·a` for one nonzero constant c (at seeded random points), with symbols.
    static func proportional(_ a: MathExpr, _ b: MathExpr) -> Bool {
        let names = a.symbols.union(b.symbols).sorted()
        guard !names.isEmpty else { return false }
        var rng = RNG(seed: 0x0C70_E7A2)
        var ratio: Double?
        var agreeing = 0
        for _ in 0..<8 {
            var env: [String: Double] = [:]
            for n in names { env[n] = 0.5 + Double(rng.next() % 1_000_000) / 500_000 }
            let ev = DoubleEvaluator(env: env, percent: .plain)
            guard let x = ev.eval(a), let y = ev.eval(b), x.isFinite, y.isFinite, abs(x) > 1e-12 else { continue }
            let r = y / x
            if let r0 = ratio { guard close(r, r0) else { return false } } else { ratio = r }
            agreeing += 1
        }
        guard let r = ratio, abs(r) > 1e-12 else { return false }
        return agreeing >= 3
    }

    /// Math-Verify's float rule: equal after rounding both to 6 decimal places.
    static func roundedEqual(_ x: Double, _ y: Double) -> Bool {
        guard max(abs(x), abs(y)) < 1e9 else { return close(x, y) }
        return (x * 1e6).rounded() == (y * 1e6).rounded()
    }

    static func close(_ x: Double, _ y: Double) -> Bool {
        abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
    }
}

// MARK: - Matrix arithmetic

extension MathExpr {
    /// `A + B` and `A B` / `A \cdot B` of matrices with fitting shapes (and scalar multiples)
    /// as one matrix, so a response may state its answer as an unevaluated sum or product.
    var foldingMatrices: MathExpr {
        switch self {
        case .sum(let terms):
            guard terms.count <= 16, case .matrix(var acc)? = terms.first?.foldingMatrices else { return self }
            for t in terms.dropFirst() {
                guard case .matrix(let m) = t.foldingMatrices, m.count == acc.count,
                      zip(m, acc).allSatisfy({ $0.count == $1.count }) else { return self }
                acc = zip(acc, m).map { zip($0, $1).map { MathExpr.sum([$0, $1]) } }
            }
            return .matrix(acc)
        case .product(let factors):
            guard factors.count <= 16, factors.contains(where: { if case .matrix = $0 { return true }; return false })
            else { return self }
            var scalars: [MathExpr] = []
            var acc: [[MathExpr]]?
            for f in factors {
                if case .matrix(let m) = f.foldingMatrices {
                    guard let a = acc else { acc = m; continue }
                    guard let width = a.first?.count, width == m.count, let cols = m.first?.count,
                          a.count * cols * width <= 4096 else { return self }
                    acc = a.map { row in (0..<cols).map { j in MathExpr.sum((0..<width).map { k in .product([row[k], m[k][j]]) }) } }
                } else if f.isScalar {
                    scalars.append(f)
                } else { return self }
            }
            guard let result = acc else { return self }
            return .matrix(scalars.isEmpty ? result : result.map { $0.map { .product(scalars + [$0]) } })
        default:
            return self
        }
    }
}
