// MathParser: normalised LaTeX answer → MathExpr. A lexer over UTF-8 bytes, then recursive
// descent with a depth cap (deep nesting fails cleanly instead of overflowing the stack).
//
//   list     := item ((',' | ';') item)*            several items → .set
//   item     := relation ('\cup' relation)*
//   relation := expr (('=' | '<' | '\le' | …) expr)*
//   expr     := term (('+' | '-') term)*
//   term     := unary (('*' | '\cdot' | '\times' | '/' | '\div') unary | implicit-factor)*
//   unary    := '-' unary | '+' unary | power
//   power    := postfix ('^' script)?
//   postfix  := atom ('!' | '%' | '_' script)*
//   atom     := number [mixed \frac] | letter | '(' list ')' | '[' list ')' | '{' list '}'
//             | '\{' list '\}' | '|' expr '|' | \frac a b | \sqrt[n] a | \binom a b | \pi | \infty
//             | \sin … atom | \alpha …

import OctoData

/// Parses normalised answers into `MathExpr` trees.
struct MathParser {
    enum Token: Equatable {
        case number(String)
        case letter(Character)
        case command(String)
        case op(Character)
    }

    struct Failure: Error {}

    static let maxDepth = 400
    static let maxTokens = 4000

    /// The tree of a normalised answer, or nil when it is not a formula this parser reads.
    static func parse(_ s: String) -> MathExpr? {
        guard let tokens = lex(s), !tokens.isEmpty else { return nil }
        var p = MathParser(tokens: tokens)
        guard let items = try? p.items(until: []), p.index == p.tokens.count, !items.isEmpty else { return nil }
        return items.count == 1 ? items[0] : .set(items)
    }

    // MARK: - Lexer

    static func lex(_ s: String) -> [Token]? {
        let b = Array(s.utf8)
        var out: [Token] = []
        var i = 0
        while i < b.count {
            guard out.count <= maxTokens else { return nil }
            let c = b[i]
            if LatexScan.isSpace(c) { i += 1; continue }
            if LatexScan.isDigit(c) || (c == UInt8(ascii: ".") && i + 1 < b.count && LatexScan.isDigit(b[i + 1])) {
                var j = i
                while j < b.count, LatexScan.isDigit(b[j]) { j += 1 }
                if j + 1 < b.count, b[j] == UInt8(ascii: "."), LatexScan.isDigit(b[j + 1]) {
                    j += 1
                    while j < b.count, LatexScan.isDigit(b[j]) { j += 1 }
                }
                // Scientific notation `2.5e6`, `3E-4` (not `2e^x`).
                if j < b.count, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") {
                    var k = j + 1
                    if k < b.count, b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-") { k += 1 }
                    if k < b.count, LatexScan.isDigit(b[k]) {
                        while k < b.count, LatexScan.isDigit(b[k]) { k += 1 }
                        j = k
                    }
                }
                out.append(.number(LatexScan.text(b, i, j)))
                i = j
            } else if LatexScan.isLetter(c) {
                out.append(.letter(Character(Unicode.Scalar(c)))); i += 1
            } else if c == UInt8(ascii: "\\") {
                var j = i + 1
                while j < b.count, LatexScan.isLetter(b[j]) { j += 1 }
                if j == i + 1 {
                    guard j < b.count, b[j] < 128 else { return nil }
                    out.append(.command(String(Character(Unicode.Scalar(b[j]))))); i = j + 1
                } else {
                    out.append(.command(LatexScan.text(b, i + 1, j))); i = j
                }
            } else if c < 128 {
                out.append(.op(Character(Unicode.Scalar(c)))); i += 1
            } else {
                return nil
            }
        }
        return out
    }

    // MARK: - Parser state

    var tokens: [Token]
    var index = 0
    var depth = 0

    var current: Token? { index < tokens.count ? tokens[index] : nil }

    mutating func advance() { index += 1 }

    mutating func accept(_ t: Token) -> Bool {
        if current == t { advance(); return true }
        return false
    }

    mutating func expect(_ t: Token) throws { guard accept(t) else { throw Failure() } }

    mutating func enter() throws {
        depth += 1
        guard depth <= MathParser.maxDepth else { throw Failure() }
    }

    // MARK: - Lists and relations

    /// Items separated by `,`/`;` up to (not including) one of `closers` or the end.
    mutating func items(until closers: [Token]) throws -> [MathExpr] {
        var out: [MathExpr] = []
        if let t = current, closers.contains(t) { return out }
        out.append(try item())
        while accept(.op(",")) || accept(.op(";")) {
            out.append(try item())
        }
        if let t = current, !closers.contains(t) { throw Failure() }
        return out
    }

    mutating func item() throws -> MathExpr {
        var parts = [try relation()]
        while accept(.command("cup")) { parts.append(try relation()) }
        return parts.count == 1 ? parts[0] : .union(parts)
    }

    mutating func relation() throws -> MathExpr {
        var sides = [try expr()]
        var rels: [MathRelation] = []
        while let r = relationToken() {
            advance()
            rels.append(r)
            sides.append(try expr())
        }
        return rels.isEmpty ? sides[0] : .relation(sides, rels)
    }

    func relationToken() -> MathRelation? {
        switch current {
        case .op("="): return .equal
        case .op("<"): return .less
        case .op(">"): return .greater
        case .command("le"): return .lessOrEqual
        case .command("ge"): return .greaterOrEqual
        case .command("ne"): return .notEqual
        default: return nil
        }
    }

    // MARK: - Arithmetic

    mutating func expr() throws -> MathExpr {
        try enter(); defer { depth -= 1 }
        var terms = [try term()]
        while true {
            if accept(.op("+")) { terms.append(try term()) }
            else if accept(.op("-")) { terms.append(.negate(try term())) }
            else { break }
        }
        return terms.count == 1 ? terms[0] : .sum(terms)
    }

    mutating func term() throws -> MathExpr {
        var factors = [try unary()]
        while true {
            if accept(.op("*")) || accept(.command("cdot")) || accept(.command("times")) {
                factors.append(try unary())
            } else if accept(.op("/")) || accept(.command("div")) || accept(.op(":")) {
                let d = try unary()
                factors = [.quotient(factors.count == 1 ? factors[0] : .product(factors), d)]
            } else if startsImplicitFactor() {
                factors.append(try power())
            } else { break }
        }
        return factors.count == 1 ? factors[0] : .product(factors)
    }

    func startsImplicitFactor() -> Bool {
        switch current {
        case .number, .letter, .op("("), .op("{"): return true
        case .command(let name): return !MathParser.nonAtomCommands.contains(name)
        default: return false
        }
    }

    static let nonAtomCommands: Set<String> = [
        "cdot", "times", "div", "cup", "cap", "le", "ge", "ne", "pm", "mp", "{", "}", "in", ",", "%",
        "mrow", "mcol",
    ]

    mutating func unary() throws -> MathExpr {
        try enter(); defer { depth -= 1 }
        if accept(.op("-")) { return .negate(try unary()) }
        if accept(.op("+")) { return try unary() }
        return try power()
    }

    mutating func power() throws -> MathExpr {
        let base = try postfix()
        if accept(.op("^")) { return .power(base, try script()) }
        return base
    }

    mutating func postfix() throws -> MathExpr {
        var a = try atom()
        while true {
            if accept(.op("!")) { a = .factorial(a) }
            else if accept(.op("%")) { a = .percent(a) }
            else if accept(.op("_")) {
                let sub = try script()
                if case .symbol(let name) = a { a = .symbol(name + "_" + String(describing: sub)) }
                // A subscript on a number is a base (`1011_2`): dropped, as Math-Verify does.
            } else { break }
        }
        return a
    }

    /// The argument of `^`, `_`, `\frac`, `\sqrt`: a `{…}` group or one token. A bare number is
    /// taken whole (`2^10`, `\sqrt 10`, as Math-Verify reads them) except in `\frac57`, `\binom52`,
    /// where `singleDigit` splits it as TeX does.
    mutating func script(singleDigit: Bool = false) throws -> MathExpr {
        try enter(); defer { depth -= 1 }
        if accept(.op("{")) {
            let inner = try items(until: [.op("}")])
            try expect(.op("}"))
            guard !inner.isEmpty else { throw Failure() }
            return inner.count == 1 ? inner[0] : .set(inner)
        }
        if accept(.op("-")) { return .negate(try script()) }
        if singleDigit, case .number(let raw) = current, raw.count > 1, raw.allSatisfy(\.isNumber) {
            tokens[index] = .number(String(raw.dropFirst()))
            return MathParser.number(String(raw.prefix(1)))
        }
        return try atom()
    }

    // MARK: - Atoms

    mutating func atom() throws -> MathExpr {
        try enter(); defer { depth -= 1 }
        guard let t = current else { throw Failure() }
        advance()
        switch t {
        case .number(let raw):
            if raw.allSatisfy(\.isNumber), let mixed = try mixedFraction(whole: raw) { return mixed }
            return MathParser.number(raw)
        case .letter(let c):
            return .symbol(String(c))
        case .op("("), .op("["):
            let inner = try items(until: [.op(")"), .op("]")])
            guard case .op(let close)? = current else { throw Failure() }
            advance()
            let open: Character = t == .op("(") ? "(" : "["
            let matched = (open == "(" && close == ")") || (open == "[" && close == "]")
            if inner.count == 1 && matched { return inner[0] }
            guard !inner.isEmpty else { throw Failure() }
            return .bracketed(open: open, close: close, inner)
        case .op("{"):
            let inner = try items(until: [.op("}")])
            try expect(.op("}"))
            guard !inner.isEmpty else { throw Failure() }
            return inner.count == 1 ? inner[0] : .set(inner)
        case .op("|"):
            let inner = try expr()
            try expect(.op("|"))
            return .function("abs", inner)
        case .command(let name):
            return try commandAtom(name)
        default:
            throw Failure()
        }
    }

    /// `2\frac{1}{2}` is the mixed number 5/2 (integer parts only), as Math-Verify reads it.
    mutating func mixedFraction(whole: String) throws -> MathExpr? {
        guard current == .command("frac") else { return nil }
        let save = index, saveTokens = tokens
        advance()
        if let a = try? script(singleDigit: true), let b = try? script(singleDigit: true),
           a.isIntegerLiteral, b.isIntegerLiteral {
            return .sum([MathParser.number(whole), .quotient(a, b)])
        }
        index = save; tokens = saveTokens
        return nil
    }

    mutating func commandAtom(_ name: String) throws -> MathExpr {
        switch name {
        case "frac":
            let num = try script(singleDigit: true)
            return .quotient(num, try script(singleDigit: true))
        case "binom":
            let n = try script(singleDigit: true), k = try script(singleDigit: true)
            return .quotient(.factorial(n), .product([.factorial(k), .factorial(.sum([n, .negate(k)]))]))
        case "sqrt":
            var index: MathExpr?
            if accept(.op("[")) {
                let inner = try items(until: [.op("]")])
                try expect(.op("]"))
                guard inner.count == 1 else { throw Failure() }
                index = inner[0]
            }
            return .root(try script(), index: index)
        case "matrix": return try matrix()
        case "pi": return .pi
        case "infty": return .infinity
        case "{":
            let inner = try items(until: [.command("}")])
            try expect(.command("}"))
            return .set(inner)
        case _ where MathParser.functions.contains(name):
            var exponent: MathExpr?
            var logBase: MathExpr?
            if accept(.op("^")) { exponent = try script() }
            if name == "log", accept(.op("_")) { logBase = try script() }
            let argument = try power()
            // `\exp(x)` is `e^x` (with `e` a symbol, so `e^{2}` / `\exp(2)` agree as Math-Verify's E).
            var value = name == "exp" ? MathExpr.power(.symbol("e"), argument) : MathExpr.function(name, argument)
            if let base = logBase { value = .quotient(.function("ln", argument), .function("ln", base)) }
            if let e = exponent { value = .power(value, e) }
            return value
        case _ where MathParser.nonAtomCommands.contains(name):
            throw Failure()
        default:
            return .symbol("\\" + name)   // \alpha, \theta, …
        }
    }

    /// `\matrix{a \mcol b \mrow c \mcol d}` (what the normaliser makes of matrix
    /// environments): rows of entries; empty rows (a trailing `\\`) are dropped.
    mutating func matrix() throws -> MathExpr {
        try expect(.op("{"))
        var rows: [[MathExpr]] = []
        var row: [MathExpr] = []
        while true {
            guard current != nil else { throw Failure() }
            if accept(.op("}")) { break }
            if accept(.command("mrow")) {
                if !row.isEmpty { rows.append(row) }
                row = []
                continue
            }
            if accept(.command("mcol")) { continue }
            row.append(try relation())
        }
        if !row.isEmpty { rows.append(row) }
        guard let width = rows.first?.count, rows.allSatisfy({ $0.count == width }) else { throw Failure() }
        return .matrix(rows)
    }

    static let functions: Set<String> = [
        "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh",
        "tanh", "ln", "log", "exp",
    ]

    /// `"12.50"` → 1250 × 10⁻², `"2.5e6"` → 25 × 10⁵.
    static func number(_ raw: String) -> MathExpr {
        var digits = ""
        var exponent = 0
        var isDecimal = false
        var afterPoint = false
        var expText = ""
        var inExp = false
        for c in raw {
            if inExp { expText.append(c); continue }
            if c == "." { afterPoint = true; isDecimal = true; continue }
            if c == "e" || c == "E" { inExp = true; isDecimal = true; continue }
            digits.append(c)
            if afterPoint { exponent -= 1 }
        }
        exponent += max(-1_000_000, min(1_000_000, Int(expText) ?? 0))
        let trimmed = digits.drop { $0 == "0" }
        return .number(mantissa: trimmed.isEmpty ? "0" : String(trimmed), exponent: exponent, isDecimal: isDecimal)
    }
}

extension MathExpr {
    /// Whether the tree is a plain integer literal (`7`, not `7.0`).
    var isIntegerLiteral: Bool {
        if case .number(_, let e, false) = self { return e == 0 }
        return false
    }
}
