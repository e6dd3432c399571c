// Evaluating MathExpr trees: exactly modulo a large prime (rational functions, huge powers
// like 2^{2019}, polynomial identities by Schwartz–Zippel), exactly over Int rationals (for
// exponents), and in Double at points (√, π, trig). Symbols take seeded random values.

import Foundation

/// How `x%` is read: as x, or as x/100 (both are tried; Math-Verify accepts either).
enum PercentReading: CaseIterable { case plain, hundredth }

// MARK: - Modular (exact)

/// Exact evaluation modulo the Mersenne prime 2⁶¹ − 1. Returns nil for what has no residue
/// (π, √, trig, ∞, non-integer exponents, division by zero).
struct ModularEvaluator {
    static let prime: UInt64 = (1 << 61) - 1
    var env: [String: UInt64]
    var percent: PercentReading

    static func add(_ a: UInt64, _ b: UInt64) -> UInt64 { let s = a + b; return s >= prime ? s - prime : s }
    static func neg(_ a: UInt64) -> UInt64 { a == 0 ? 0 : prime - a }
    static func mul(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (hi, lo) = a.multipliedFullWidth(by: b)
        return prime.dividingFullWidth((hi, lo)).remainder
    }
    static func pow(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
        var result: UInt64 = 1, b = base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = mul(result, b) }
            b = mul(b, b); e >>= 1
        }
        return result
    }
    static func inverse(_ a: UInt64) -> UInt64? { a == 0 ? nil : pow(a, prime - 2) }

    func eval(_ e: MathExpr) -> UInt64? {
        typealias M = ModularEvaluator
        switch e {
        case .number(let mantissa, let exponent, _):
            var v: UInt64 = 0
            for d in mantissa.utf8 { v = M.add(M.mul(v, 10), UInt64(d &- 48) % M.prime) }
            let scale = M.pow(10, UInt64(abs(exponent)))
            if exponent >= 0 { return M.mul(v, scale) }
            guard let inv = M.inverse(scale) else { return nil }
            return M.mul(v, inv)
        case .symbol(let name): return env[name]
        case .sum(let terms):
            var s: UInt64 = 0
            for t in terms { guard let v = eval(t) else { return nil }; s = M.add(s, v) }
            return s
        case .product(let factors):
            var p: UInt64 = 1
            for f in factors { guard let v = eval(f) else { return nil }; p = M.mul(p, v) }
            return p
        case .negate(let a): return eval(a).map(M.neg)
        case .quotient(let a, let b):
            guard let x = eval(a), let y = eval(b), let inv = M.inverse(y) else { return nil }
            return M.mul(x, inv)
        case .power(let base, let exponent):
            guard let n = RationalValue.of(exponent)?.integer, abs(n) <= 1 << 40, let x = eval(base) else { return nil }
            if n >= 0 { return M.pow(x, UInt64(n)) }
            return M.inverse(x).map { M.pow($0, UInt64(-n)) }
        case .factorial(let a):
            guard let n = RationalValue.of(a)?.integer, (0...100_000).contains(n) else { return nil }
            var f: UInt64 = 1
            if n >= 2 { for k in 2...n { f = M.mul(f, UInt64(k)) } }
            return f
        case .percent(let a):
            guard let x = eval(a) else { return nil }
            guard percent == .hundredth, let inv = M.inverse(100) else { return x }
            return M.mul(x, inv)
        case .pi, .infinity, .root, .function, .bracketed, .set, .union, .relation, .matrix:
            return nil
        }
    }
}

// MARK: - Exact rationals (Int, overflow-checked)

/// A small exact rational; nil from any operation that would overflow.
struct RationalValue: Equatable {
    var numerator: Int
    var denominator: Int   // > 0, reduced

    init?(_ n: Int, _ d: Int) {
        guard d != 0, n != Int.min, d != Int.min else { return nil }
        let g = RationalValue.gcd(abs(n), abs(d))
        numerator = (d < 0 ? -n : n) / g
        denominator = abs(d) / g
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? max(a, 1) : gcd(b, a % b) }

    var integer: Int? { denominator == 1 ? numerator : nil }

    static func mul(_ a: Int, _ b: Int) -> Int? {
        let (r, o) = a.multipliedReportingOverflow(by: b); return o ? nil : r
    }
    static func add(_ a: Int, _ b: Int) -> Int? {
        let (r, o) = a.addingReportingOverflow(b); return o ? nil : r
    }

    static func + (a: RationalValue, b: RationalValue) -> RationalValue? {
        guard let x = mul(a.numerator, b.denominator), let y = mul(b.numerator, a.denominator),
              let n = add(x, y), let d = mul(a.denominator, b.denominator) else { return nil }
        return RationalValue(n, d)
    }
    static func * (a: RationalValue, b: RationalValue) -> RationalValue? {
        guard let n = mul(a.numerator, b.numerator), let d = mul(a.denominator, b.denominator) else { return nil }
        return RationalValue(n, d)
    }

    /// The exact value of a constant tree of integers, decimals, + − × ÷ and integer powers.
    static func of(_ e: MathExpr) -> RationalValue? {
        switch e {
        case .number(let mantissa, let exponent, _):
            guard mantissa.count <= 18, var n = Int(mantissa), abs(exponent) <= 18 else { return nil }
            var d = 1
            for _ in 0..<abs(exponent) {
                if exponent > 0 { guard let m = mul(n, 10) else { return nil }; n = m } else { d *= 10 }
            }
            return RationalValue(n, d)
        case .negate(let a): return of(a).flatMap { RationalValue(-$0.numerator, $0.denominator) }
        case .sum(let terms):
            var s = RationalValue(0, 1)
            for t in terms { guard let a = s, let v = of(t) else { return nil }; s = a + v }
            return s
        case .product(let factors):
            var p = RationalValue(1, 1)
            for f in factors { guard let a = p, let v = of(f) else { return nil }; p = a * v }
            return p
        case .quotient(let a, let b):
            guard let x = of(a), let y = of(b), y.numerator != 0,
                  let inv = RationalValue(y.denominator, y.numerator) else { return nil }
            return x * inv
        case .power(let a, let b):
            guard let x = of(a), let n = of(b)?.integer, abs(n) <= 64 else { return nil }
            var r = RationalValue(1, 1)
            for _ in 0..<abs(n) { guard let acc = r else { return nil }; r = acc * x }
            guard let value = r else { return nil }
            if n >= 0 { return value }
            return RationalValue(value.denominator, value.numerator)
        default:
            return nil
        }
    }
}

// MARK: - Double

/// Floating-point evaluation at a point; nil where undefined (√ of a negative, unknown symbol).
struct DoubleEvaluator {
    var env: [String: Double]
    var percent: PercentReading

    func eval(_ e: MathExpr) -> Double? {
        switch e {
        case .number(let mantissa, let exponent, _):
            return Double(mantissa + "e" + String(exponent))
        case .symbol(let name): return env[name]
        case .pi: return Double.pi
        case .infinity: return Double.infinity
        case .sum(let terms):
            var s = 0.0
            for t in terms { guard let v = eval(t) else { return nil }; s += v }
            return s
        case .product(let factors):
            var p = 1.0
            for f in factors { guard let v = eval(f) else { return nil }; p *= v }
            return p
        case .negate(let a): return eval(a).map { -$0 }
        case .quotient(let a, let b):
            guard let x = eval(a), let y = eval(b), y != 0 else { return nil }
            return x / y
        case .power(let a, let b):
            guard let x = eval(a), let y = eval(b) else { return nil }
            let r = Foundation.pow(x, y)
            return r.isNaN ? nil : r
        case .root(let a, let index):
            guard let x = eval(a) else { return nil }
            let n = index.flatMap(eval) ?? 2
            if x < 0 {
                guard n.rounded() == n, abs(n) < 1e9, Int(n) % 2 != 0 else { return nil }
                return -Foundation.pow(-x, 1 / n)
            }
            return n == 2 ? x.squareRoot() : Foundation.pow(x, 1 / n)
        case .factorial(let a):
            guard let x = eval(a), x >= 0 else { return nil }
            return tgamma(x + 1)
        case .percent(let a):
            guard let x = eval(a) else { return nil }
            return percent == .hundredth ? x / 100 : x
        case .function(let name, let a):
            guard let x = eval(a) else { return nil }
            let r = DoubleEvaluator.apply(name, x)
            return r.isNaN ? nil : r
        case .bracketed, .set, .union, .relation, .matrix:
            return nil
        }
    }

    static func apply(_ name: String, _ x: Double) -> Double {
        switch name {
        case "sin": return sin(x)
        case "cos": return cos(x)
        case "tan": return tan(x)
        case "sec": return 1 / cos(x)
        case "csc": return 1 / sin(x)
        case "cot": return 1 / tan(x)
        case "arcsin": return asin(x)
        case "arccos": return acos(x)
        case "arctan": return atan(x)
        case "sinh": return sinh(x)
        case "cosh": return cosh(x)
        case "tanh": return tanh(x)
        case "ln", "log": return x > 0 ? Foundation.log(x) : .nan
        case "exp": return Foundation.exp(x)
        case "abs": return abs(x)
        default: return .nan
        }
    }
}
