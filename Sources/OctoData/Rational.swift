// Exact rational numbers for the lab's answers (numerator/denominator in lowest terms).

/// An exact fraction in lowest terms with a positive denominator.
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Numerator (carries the sign).
    public let num: Int
    /// Denominator, always ≥ 1.
    public let den: Int

    /// An integer.
    public init(_ n: Int) { num = n; den = 1 }

    /// `n / d` reduced; nil when `d == 0`.
    public init?(_ n: Int, _ d: Int) {
        guard d != 0 else { return nil }
        let g = Rational.gcd(abs(n), abs(d))
        let s = d < 0 ? -1 : 1
        num = s * n / max(g, 1); den = s * d / max(g, 1)
    }

    private init(reduced n: Int, _ d: Int) { num = n; den = d }

    public static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (abs(a), abs(b))
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// Whether the value is a whole number.
    public var isInteger: Bool { den == 1 }

    public static func + (a: Rational, b: Rational) -> Rational {
        Rational(a.num * b.den + b.num * a.den, a.den * b.den) ?? Rational(0)
    }
    public static func - (a: Rational, b: Rational) -> Rational { a + Rational(reduced: -b.num, b.den) }
    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.num * b.num, a.den * b.den) ?? Rational(0)
    }
    /// `a / b`, nil when b is zero.
    public func divided(by b: Rational) -> Rational? { Rational(num * b.den, den * b.num) }

    public static func < (a: Rational, b: Rational) -> Bool { a.num * b.den < b.num * a.den }

    /// "3", "-3", "\frac{3}{4}", "-\frac{3}{4}".
    public var latex: String {
        if den == 1 { return String(num) }
        return (num < 0 ? "-" : "") + "\\frac{\(abs(num))}{\(den)}"
    }

    /// "3", "-3/4".
    public var description: String { den == 1 ? String(num) : "\(num)/\(den)" }
}

/// A lab problem's exact answer: one number or an ordered pair.
public enum LabAnswer: Hashable, Sendable {
    case number(Rational)
    case pair(Rational, Rational)

    /// LaTeX as MATH stores answers: `\frac{3}{4}`, `(2, -1)`.
    public var latex: String {
        switch self {
        case .number(let r): return r.latex
        case .pair(let a, let b): return "(\(a.latex), \(b.latex))"
        }
    }

    /// Plain text: `3/4`, `(2, -1)`.
    public var plain: String {
        switch self {
        case .number(let r): return r.description
        case .pair(let a, let b): return "(\(a), \(b))"
        }
    }

    /// Whether the answer is one whole number (GSM-style).
    public var isInteger: Bool { if case .number(let r) = self { return r.isInteger } else { return false } }
}
