// Expressions: a Pratt parser. Binding powers, loosest first:
//   a if c else b (1) · or (2) · and (3) · not (4, prefix) · comparisons, in, not in (5, chained)
//   + - (6) · * / // % (7) · unary - + (8) · ** (9, right) · call, index, attribute (postfix)

extension Parser {
    /// Parses an expression whose operators bind tighter than `minPower`.
    mutating func parseExpression(_ minPower: Int = 0) throws -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maxNesting { throw ScriptError(.syntax, "expression nested too deeply", at: peek().location) }
        var left = try parsePrefix()
        // Arithmetic, `and` and `or` operators seen so far, applied to `left` from left to
        // right: a run of any length becomes one flat node (see `Expr.chain`), so the loop
        // never builds a tree as deep as the run is long.
        var links: [ChainLink] = []
        while true {
            let token = peek()
            switch token.kind {
            case .keyword(.if) where minPower < 1:
                // `a if c else b` only where a statement-level `if` cannot start.
                left = Parser.fold(left, &links)
                advance()
                let condition = try parseExpression(1)
                guard matchKeyword(.else) else {
                    throw ScriptError(.syntax, "expected 'else' in the conditional expression started at \(token.location.short), got \(peek().kind.display)", at: peek().location)
                }
                let otherwise = try parseExpression(0)
                left = .conditional(left, condition, otherwise, token.location)
            case .keyword(.or) where minPower < 2:
                advance()
                links.append(ChainLink(kind: .or, operand: try parseExpression(2), location: token.location))
            case .keyword(.and) where minPower < 3:
                advance()
                links.append(ChainLink(kind: .and, operand: try parseExpression(3), location: token.location))
            case _ where minPower < 5 && comparison(at: 0) != nil:
                left = Parser.fold(left, &links)
                var ops: [CompareOp] = []
                var operands = [left]
                var locations: [SourceLocation] = []
                while let op = comparison(at: 0) {
                    let at = advance().location
                    if op == .notIn { advance() }
                    ops.append(op); locations.append(at)
                    operands.append(try parseExpression(5))
                }
                left = .compare(ops, operands, locations)
            case .op(let o) where minPower < 6 && (o == "+" || o == "-"):
                advance()
                links.append(ChainLink(kind: .binary(o == "+" ? .add : .sub), operand: try parseExpression(6), location: token.location))
            case .op(let o) where minPower < 7 && (o == "*" || o == "/" || o == "//" || o == "%"):
                advance()
                let op: BinaryOp = o == "*" ? .mul : o == "/" ? .div : o == "//" ? .floorDiv : .mod
                links.append(ChainLink(kind: .binary(op), operand: try parseExpression(7), location: token.location))
            case .op("**") where minPower < 9:
                advance()
                links.append(ChainLink(kind: .binary(.pow), operand: try parseExpression(7), location: token.location))
            default:
                return Parser.fold(left, &links)
            }
        }
    }

    /// `left` with `links` applied (a plain binary, `and` or `or` node for one link, a flat
    /// chain for more); empties `links`.
    static func fold(_ left: Expr, _ links: inout [ChainLink]) -> Expr {
        defer { links = [] }
        guard let only = links.first else { return left }
        if links.count > 1 { return .chain(left, links, only.location) }
        switch only.kind {
        case .binary(let op): return .binary(op, left, only.operand, only.location)
        case .and: return .and(left, only.operand, only.location)
        case .or: return .or(left, only.operand, only.location)
        }
    }

    private mutating func comparison(at ahead: Int) -> CompareOp? {
        let t = peek(ahead)
        switch t.kind {
        case .op(let o): return CompareOp(rawValue: o)
        case .keyword(.in): return .in
        case .keyword(.not): return peek(ahead + 1).isKeyword(.in) ? .notIn : nil
        default: return nil
        }
    }

    private mutating func parsePrefix() throws -> Expr {
        let token = peek()
        switch token.kind {
        case .keyword(.not):
            advance()
            return .not(try parseExpression(4), token.location)
        case .op("-"):
            advance()
            let operand = try parseExpression(8)
            if case .literal(.int(let v), _) = operand, v != Int.min { return .literal(.int(-v), token.location) }
            if case .literal(.float(let v), _) = operand { return .literal(.float(-v), token.location) }
            return .negate(operand, token.location)
        case .op("+"):
            advance()
            return .plus(try parseExpression(8), token.location)
        default:
            return try parsePostfix(try parsePrimary())
        }
    }

    private mutating func parsePostfix(_ base: Expr) throws -> Expr {
        var expr = base
        // Each call, index or attribute wraps the expression once more, so a chain counts
        // towards the nesting limit (`x.a.a.a…` millions long is refused, not a deep tree).
        let outer = nesting
        defer { nesting = outer }
        while true {
            let token = peek()
            if token.isOp("(") || token.isOp("[") || token.isOp(".") {
                nesting += 1
                if nesting > Parser.maxNesting {
                    throw ScriptError(.syntax, "expression nested too deeply (more than \(Parser.maxNesting) calls, indexes and attributes in a chain)", at: token.location)
                }
            }
            if token.isOp("(") {
                expr = try parseCall(expr, open: advance())
            } else if token.isOp("[") {
                expr = try parseSubscript(expr, open: advance())
            } else if token.isOp(".") {
                advance()
                let t = peek()
                guard case .identifier(let name) = t.kind else {
                    throw ScriptError(.syntax, "expected an attribute name after '.', got \(t.kind.display)", at: t.location)
                }
                advance()
                expr = .attribute(expr, name, t.location)
            } else {
                return expr
            }
        }
    }

    private mutating func parseCall(_ callee: Expr, open: Token) throws -> Expr {
        ignoreNewlines.append(true)
        var args: [CallArgument] = []
        var sawKeyword = false
        while !peek().isOp(")") {
            let t = peek()
            if case .identifier(let name) = t.kind, peek(1).isOp("=") {
                advance(); advance()
                if args.contains(where: { $0.name == name }) { throw ScriptError(.syntax, "keyword argument '\(name)' repeated", at: t.location) }
                args.append(CallArgument(name: name, value: try parseExpression(), location: t.location))
                sawKeyword = true
            } else {
                if case .eof = t.kind { break }
                let value = try parseExpression()
                if sawKeyword { throw ScriptError(.syntax, "positional argument after keyword arguments", at: t.location) }
                args.append(CallArgument(name: nil, value: value, location: t.location))
            }
            if !match(",") { break }
        }
        let close = peek()
        guard close.isOp(")") else {
            throw ScriptError(.syntax, "expected ')' to close the call opened at \(open.location.short), got \(close.kind.display)", at: close.location)
        }
        ignoreNewlines.removeLast()
        advance()
        return .call(callee, args, open.location)
    }

    private mutating func parseSubscript(_ base: Expr, open: Token) throws -> Expr {
        ignoreNewlines.append(true)
        var parts: [Expr?] = [nil]
        var colons = 0
        while true {
            let t = peek()
            if t.isOp("]") { break }
            if t.isOp(":") {
                advance(); colons += 1; parts.append(nil)
                if colons > 2 { throw ScriptError(.syntax, "a slice takes at most two ':'", at: t.location) }
                continue
            }
            if parts[parts.count - 1] != nil {
                throw ScriptError(.syntax, "expected ']' to close the index opened at \(open.location.short), got \(t.kind.display)", at: t.location)
            }
            if case .eof = t.kind { break }
            parts[parts.count - 1] = try parseExpression()
        }
        let close = peek()
        guard close.isOp("]") else {
            throw ScriptError(.syntax, "expected ']' to close the index opened at \(open.location.short), got \(close.kind.display)", at: close.location)
        }
        ignoreNewlines.removeLast()
        advance()
        if colons == 0 {
            guard let index = parts[0] else { throw ScriptError(.syntax, "expected an index inside '[]'", at: close.location) }
            return .index(base, index, open.location)
        }
        return .slice(base, parts[0], parts.count > 1 ? parts[1] : nil, parts.count > 2 ? parts[2] : nil, open.location)
    }

    private mutating func parsePrimary() throws -> Expr {
        let token = peek()
        switch token.kind {
        case .int(let v): advance(); return .literal(.int(v), token.location)
        case .float(let v): advance(); return .literal(.float(v), token.location)
        case .string(let s): advance(); return .literal(.string(s), token.location)
        case .fstring(let body): advance(); return try parseFString(body, at: token.location)
        case .keyword(.true): advance(); return .literal(.bool(true), token.location)
        case .keyword(.false): advance(); return .literal(.bool(false), token.location)
        case .keyword(.nil): advance(); return .literal(.null, token.location)
        case .identifier(let name):
            advance()
            let ref = NameRef(name, token.location)
            scope.use(ref)
            return .name(ref)
        case .keyword(.fn):
            advance()
            return .function(try parseFunctionRest(name: "<anonymous>", at: token.location))
        case .op("("):
            advance()
            ignoreNewlines.append(true)
            if peek().isOp(")") { ignoreNewlines.removeLast(); advance(); return .list([], token.location) }
            let inner = try parseExpressionList()
            let close = peek()
            guard close.isOp(")") else {
                throw ScriptError(.syntax, "expected ')' to close the '(' opened at \(token.location.short), got \(close.kind.display)", at: close.location)
            }
            ignoreNewlines.removeLast()
            advance()
            return inner
        case .op("["):
            advance()
            ignoreNewlines.append(true)
            var items: [Expr] = []
            while !peek().isOp("]") {
                if case .eof = peek().kind { break }
                let usesBefore = scope.pendingCount
                items.append(try parseExpression())
                if items.count == 1, peek().isKeyword(.for) {
                    let comprehension = try parseComprehension(items[0], usesFrom: usesBefore, open: token)
                    ignoreNewlines.removeLast()
                    advance()
                    return comprehension
                }
                if !match(",") { break }
            }
            let close = peek()
            guard close.isOp("]") else {
                throw ScriptError(.syntax, "expected ']' to close the list opened at \(token.location.short), got \(close.kind.display)", at: close.location)
            }
            ignoreNewlines.removeLast()
            advance()
            return .list(items, token.location)
        case .op("{"):
            advance()
            ignoreNewlines.append(true)
            var pairs: [(Expr, Expr)] = []
            while !peek().isOp("}") {
                if case .eof = peek().kind { break }
                let key = try parseExpression()
                _ = try expect(":", "between a key and its value in the dict opened at \(token.location.short)")
                pairs.append((key, try parseExpression()))
                if !match(",") { break }
            }
            let close = peek()
            guard close.isOp("}") else {
                throw ScriptError(.syntax, "expected '}' to close the dict opened at \(token.location.short), got \(close.kind.display)", at: close.location)
            }
            ignoreNewlines.removeLast()
            advance()
            return .dict(pairs, token.location)
        default:
            throw ScriptError(.syntax, "expected an expression, got \(token.kind.display)", at: token.location)
        }
    }
}
