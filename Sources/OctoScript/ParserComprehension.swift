// List comprehensions: `[element for x in xs if cond for y in ys …]`, parsed after the
// element once `for` shows it is one. The comprehension gets its own scope (its loop
// variables are its locals); the first iterable belongs to the enclosing scope, as in Python.

extension Parser {
    /// The clauses after `element` up to (not including) the closing `]`.
    /// - Parameters:
    ///   - usesFrom: the enclosing scope's pending-use count before `element` was parsed.
    ///   - open: the `[` token, for messages.
    mutating func parseComprehension(_ element: Expr, usesFrom: Int, open: Token) throws -> Expr {
        let outer = scope
        let elementUses = usesFrom..<outer.pendingCount
        let inner = ParserScope(isGlobal: false)
        var clauses: [Comprehension.Clause] = []
        var first = true
        while true {
            let t = peek()
            if t.isKeyword(.for) {
                advance()
                let names = try parseNameList(expected: "a variable name after 'for' in the comprehension")
                guard matchKeyword(.in) else {
                    throw ScriptError(.syntax, "expected 'in' after the variable of the comprehension opened at \(open.location.short), got \(peek().kind.display)", at: peek().location)
                }
                // The first iterable is read in the enclosing scope; later ones inside.
                if !first { scopes.append(inner) }
                let iterable = try parseExpression(1)
                if !first { scopes.removeLast() }
                if first { inner.adopt(elementUses, from: outer); first = false }
                for ref in names { inner.declare(ref.name); inner.use(ref) }
                let target: Target = names.count == 1 ? .name(names[0]) : .unpack(names.map { .name($0) }, names[0].location)
                clauses.append(.forIn(target, iterable))
            } else if t.isKeyword(.if) {
                advance()
                scopes.append(inner)
                let condition = try parseExpression(1)
                scopes.removeLast()
                clauses.append(.condition(condition))
            } else {
                break
            }
        }
        let close = peek()
        guard close.isOp("]") else {
            throw ScriptError(.syntax, "expected 'for', 'if' or ']' to close the comprehension opened at \(open.location.short), got \(close.kind.display)", at: close.location)
        }
        inner.close(into: outer)
        return .comprehension(Comprehension(element: element, clauses: clauses, location: open.location, localNames: inner.names))
    }
}
