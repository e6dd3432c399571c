// MathExpr: the small expression tree answers are parsed into (by MathParser) and compared
// on (by AnswerEquivalence). Numbers keep their digits, so values are exact.

/// A relation between the sides of a `.relation` chain.
enum MathRelation: Equatable, Sendable {
    case equal, less, lessOrEqual, greater, greaterOrEqual, notEqual

    /// The same relation read right to left (`a < b` ⇔ `b > a`).
    var flipped: MathRelation {
        switch self {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        default: return self
        }
    }
}

/// A parsed answer.
indirect enum MathExpr: Equatable, Sendable {
    /// `mantissa × 10^exponent`, mantissa a digit string; `isDecimal` when written with a point
    /// or an exponent (Math-Verify's Float: compared after rounding to 6 places).
    case number(mantissa: String, exponent: Int, isDecimal: Bool)
    case symbol(String)
    case pi
    case infinity
    case sum([MathExpr])
    case product([MathExpr])
    case negate(MathExpr)
    case quotient(MathExpr, MathExpr)
    case power(MathExpr, MathExpr)
    /// `\sqrt[index]{radicand}`; index nil for the square root.
    case root(MathExpr, index: MathExpr?)
    /// `\sin`, `\ln`, `abs`, …
    case function(String, MathExpr)
    case factorial(MathExpr)
    /// `x%`: compared both as x and as x/100.
    case percent(MathExpr)
    /// A tuple or interval: `(a, b)`, `[a, b)`; bracket kinds are part of the value.
    case bracketed(open: Character, close: Character, [MathExpr])
    /// `\{a, b\}` or a bare list `a, b`: compared order-free.
    case set([MathExpr])
    /// `A \cup B`.
    case union([MathExpr])
    /// `a = b`, `a < x \le b`: `sides.count == relations.count + 1`.
    case relation([MathExpr], [MathRelation])
    /// `\begin{pmatrix}…\end{pmatrix}` (and bmatrix, matrix, array): rows of entries.
    case matrix([[MathExpr]])

    static func integer(_ n: Int) -> MathExpr {
        n < 0 ? .negate(.number(mantissa: String(-n), exponent: 0, isDecimal: false))
              : .number(mantissa: String(n), exponent: 0, isDecimal: false)
    }

    // MARK: - Queries

    /// Whether the tree is a plain scalar (no tuple, set, union or relation).
    var isScalar: Bool {
        switch self {
        case .bracketed, .set, .union, .relation, .matrix: return false
        default: return true
        }
    }

    /// The child expressions.
    var children: [MathExpr] {
        switch self {
        case .number, .symbol, .pi, .infinity: return []
        case .sum(let a), .product(let a), .set(let a), .union(let a), .bracketed(_, _, let a): return a
        case .relation(let a, _): return a
        case .matrix(let rows): return rows.flatMap { $0 }
        case .negate(let a), .function(_, let a), .factorial(let a), .percent(let a): return [a]
        case .quotient(let a, let b), .power(let a, let b): return [a, b]
        case .root(let a, let i): return i.map { [a, $0] } ?? [a]
        }
    }

    /// Whether any node satisfies `test` (iterative walk, no recursion).
    func contains(where test: (MathExpr) -> Bool) -> Bool {
        var stack = [self]
        while let node = stack.popLast() {
            if test(node) { return true }
            stack.append(contentsOf: node.children)
        }
        return false
    }

    /// Names of the free symbols.
    var symbols: Set<String> {
        var out: Set<String> = []
        var stack = [self]
        while let node = stack.popLast() {
            if case .symbol(let name) = node { out.insert(name) }
            stack.append(contentsOf: node.children)
        }
        return out
    }

    var hasDecimal: Bool {
        contains { if case .number(_, _, true) = $0 { return true }; return false }
    }
    var hasPercent: Bool { contains { if case .percent = $0 { return true }; return false } }
    var hasInfinity: Bool { contains { $0 == .infinity } }

    /// A symbol, or symbols combined by products, quotients or a tuple (no number).
    var isSymbolsOnly: Bool {
        switch self {
        case .symbol: return true
        case .product(let a), .bracketed(_, _, let a): return !a.isEmpty && a.allSatisfy(\.isSymbolsOnly)
        case .quotient(let a, let b): return a.isSymbolsOnly && b.isSymbolsOnly
        default: return false
        }
    }

    /// The symbol name when the tree is a single symbol.
    var symbolName: String? {
        if case .symbol(let name) = self { return name }
        return nil
    }

    /// `x = 8 + 2 = 10` → `x = 10`: a chain of equations whose first side is a symbol keeps its
    /// first and last sides (Math-Verify's assignment rule); anything else unchanged.
    var collapsedAssignment: MathExpr {
        guard case .relation(let sides, let rels) = self, sides.count > 2, rels.allSatisfy({ $0 == .equal }),
              let first = sides.first, let last = sides.last, first.symbolName != nil else { return self }
        return .relation([first, last], [.equal])
    }

    /// The value an equation states: `x = 5` → 5 (a single symbol on the left), `5 = x` → 5,
    /// and a worked chain of constants `6 \cdot 7 = 42` → 42 (its last side).
    var assignedValue: MathExpr? {
        guard case .relation(let sides, let rels) = self, rels.allSatisfy({ $0 == .equal }),
              let first = sides.first, let last = sides.last else { return nil }
        // Math-Verify's assignment: a left side made of symbols only (`(p,q) = (3,2)`,
        // `AB = 4`, `\frac{NO}{BO} = …`, `V_1 : V_2 = 11:21`).
        if sides.count == 2, first.isSymbolsOnly { return last }
        guard sides.allSatisfy(\.isScalar) else { return nil }
        if sides.count == 2, first.symbolName != nil { return last }
        if sides.count == 2, last.symbolName != nil, first.symbolName == nil { return first }
        if sides.allSatisfy({ $0.symbols.isEmpty }) { return last }
        if first.symbolName != nil, sides.dropFirst().allSatisfy({ $0.symbols.isEmpty }) { return last }
        return nil
    }
}
