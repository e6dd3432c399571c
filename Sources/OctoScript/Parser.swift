// The parser: tokens → statements. Statements here; expressions in ParserExpressions.swift.
// Newlines end statements, except inside (), [] and dict literals.

/// Parses one cell or file of OctoScript.
public struct Parser {
    var tokens: [Token]
    var position = 0
    /// Whether newlines are skipped: true inside brackets, false inside blocks.
    var ignoreNewlines: [Bool] = [false]
    var scopes: [ParserScope]
    var nesting = 0
    let file: String
    static let maxNesting = 150

    init(tokens: [Token], file: String) {
        self.tokens = tokens; self.file = file
        self.scopes = [ParserScope(isGlobal: true)]
    }

    /// Parses a whole cell or file into statements.
    /// - Throws: `ScriptError` (kind `.syntax`) at the first token that does not fit, saying what was expected.
    /// `firstLine` is the line number of the source's first line (a cell inside a file).
    public static func parse(_ source: String, file: String, firstLine: Int = 1) throws -> [Stmt] {
        var parser = Parser(tokens: try Lexer.tokenize(source, file: file, line: max(1, firstLine)), file: file)
        return try parser.parseProgram()
    }

    mutating func parseProgram() throws -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            skipSeparators()
            if case .eof = peek().kind { break }
            statements.append(try parseStatement())
            try endOfStatement()
        }
        scopes.last?.close(into: nil)
        return statements
    }

    // MARK: - Token access

    mutating func peek(_ ahead: Int = 0) -> Token {
        var i = position
        var left = ahead
        while i < tokens.count {
            if case .newline = tokens[i].kind, ignoreNewlines.last == true { i += 1; continue }
            if left == 0 { return tokens[i] }
            left -= 1; i += 1
        }
        return tokens.last ?? Token(.eof, SourceLocation(file: file, line: 1, column: 1))
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek()
        while position < tokens.count {
            if case .newline = tokens[position].kind, ignoreNewlines.last == true { position += 1; continue }
            break
        }
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    mutating func match(_ op: String) -> Bool {
        if peek().isOp(op) { advance(); return true }
        return false
    }

    mutating func matchKeyword(_ k: Keyword) -> Bool {
        if peek().isKeyword(k) { advance(); return true }
        return false
    }

    mutating func expect(_ op: String, _ why: String) throws -> Token {
        let token = peek()
        guard token.isOp(op) else { throw ScriptError(.syntax, "expected '\(op)' \(why), got \(token.kind.display)", at: token.location) }
        return advance()
    }

    mutating func skipSeparators() {
        while true {
            let t = tokens[min(position, tokens.count - 1)]
            if case .newline = t.kind { position += 1; continue }
            if t.isOp(";") { position += 1; continue }
            break
        }
    }

    mutating func endOfStatement() throws {
        let t = tokens[min(position, tokens.count - 1)]
        switch t.kind {
        case .newline, .eof: return
        case .op(";"), .op("}"): return
        default: throw ScriptError(.syntax, "expected end of line after the statement, got \(t.kind.display)", at: t.location)
        }
    }

    var scope: ParserScope { scopes[scopes.count - 1] }

    // MARK: - Statements

    mutating func parseStatement() throws -> Stmt {
        let token = peek()
        switch token.kind {
        case .keyword(.fn):
            if case .identifier(let name) = peek(1).kind {
                advance(); advance()
                let ref = NameRef(name, token.location)
                scope.declare(name)
                scope.use(ref)
                let decl = try parseFunctionRest(name: name, at: token.location)
                return .function(decl, ref)
            }
        case .keyword(.if): return try parseIf()
        case .keyword(.while):
            advance()
            let condition = try parseExpression()
            let body = try parseLoopBody("while", at: token.location)
            return .whileLoop(condition, body, token.location)
        case .keyword(.for):
            advance()
            let target = try parseForTarget()
            guard matchKeyword(.in) else {
                throw ScriptError(.syntax, "expected 'in' after the loop variable, got \(peek().kind.display)", at: peek().location)
            }
            let iterable = try parseExpression()
            let body = try parseLoopBody("for", at: token.location)
            return .forLoop(target, iterable, body, token.location)
        case .keyword(.return):
            advance()
            if scopes.count < 2 { throw ScriptError(.syntax, "'return' outside a function", at: token.location) }
            switch peek().kind {
            case .newline, .eof, .op(";"), .op("}"): return .returnValue(nil, token.location)
            default: return .returnValue(try parseExpressionList(), token.location)
            }
        case .keyword(.break), .keyword(.continue):
            advance()
            if scope.loopDepth == 0 { throw ScriptError(.syntax, "'\(token.isKeyword(.break) ? "break" : "continue")' outside a loop", at: token.location) }
            return token.isKeyword(.break) ? .breakLoop(token.location) : .continueLoop(token.location)
        default: break
        }
        let first = try parseExpressionList()
        let next = peek()
        if next.isOp("=") {
            advance()
            let target = try makeTarget(first)
            let value = try parseExpressionList()
            return .assign(target, value, next.location)
        }
        if case .op(let o) = next.kind, o.count >= 2, o.hasSuffix("="), let op = BinaryOp(rawValue: String(o.dropLast())) {
            advance()
            let target = try makeTarget(first)
            if case .unpack = target { throw ScriptError(.syntax, "'\(o)' needs a single target", at: next.location) }
            return .augAssign(target, op, try parseExpression(), next.location)
        }
        return .expr(first)
    }

    /// `a, b, c` as a list expression (a single expression stays itself).
    mutating func parseExpressionList() throws -> Expr {
        let first = try parseExpression()
        guard peek().isOp(",") else { return first }
        var items = [first]
        while match(",") {
            if case .op("=") = peek().kind { break }
            if case .newline = peek().kind { break }
            items.append(try parseExpression())
        }
        return .list(items, first.location)
    }

    mutating func makeTarget(_ expr: Expr) throws -> Target {
        switch expr {
        case .name(let ref):
            scope.declare(ref.name)
            return .name(ref)
        case .index(let base, let index, let loc): return .index(base, index, loc)
        case .attribute(let base, let name, let loc): return .attribute(base, name, loc)
        case .list(let items, let loc) where !items.isEmpty:
            return .unpack(try items.map { try makeTarget($0) }, loc)
        default:
            throw ScriptError(.syntax, "cannot assign to this expression (expected a name, x[i] or x.attr)", at: expr.location)
        }
    }

    mutating func parseForTarget() throws -> Target {
        let refs = try parseNameList(expected: "a loop variable name")
        for ref in refs { scope.declare(ref.name); scope.use(ref) }
        let targets = refs.map { Target.name($0) }
        return targets.count == 1 ? targets[0] : .unpack(targets, peek().location)
    }

    /// `x` or `k, v`: one or more names separated by commas (loop and comprehension targets).
    mutating func parseNameList(expected what: String) throws -> [NameRef] {
        var names: [NameRef] = []
        repeat {
            let t = peek()
            guard case .identifier(let name) = t.kind else {
                throw ScriptError(.syntax, "expected \(what), got \(t.kind.display)", at: t.location)
            }
            advance()
            names.append(NameRef(name, t.location))
        } while match(",")
        return names
    }

    mutating func parseLoopBody(_ what: String, at location: SourceLocation) throws -> [Stmt] {
        scope.loopDepth += 1
        defer { scope.loopDepth -= 1 }
        return try parseBlock(what, at: location)
    }

    mutating func parseIf() throws -> Stmt {
        let start = advance()
        var branches: [(Expr, [Stmt])] = []
        branches.append((try parseExpression(), try parseBlock("if", at: start.location)))
        var elseBody: [Stmt]? = nil
        while true {
            // `elif`/`else` may start the next line in a script.
            var look = position
            while look < tokens.count, case .newline = tokens[look].kind { look += 1 }
            guard look < tokens.count else { break }
            let t = tokens[look]
            if t.isKeyword(.elif) {
                position = look; advance()
                branches.append((try parseExpression(), try parseBlock("elif", at: t.location)))
            } else if t.isKeyword(.else) {
                position = look; advance()
                // `else if` is one more branch of the same chain (not an `if` nested in the
                // `else`), so a long `else if` ladder neither recurses nor nests.
                if peek().isKeyword(.if) {
                    let elseIf = advance()
                    branches.append((try parseExpression(), try parseBlock("if", at: elseIf.location)))
                    continue
                }
                elseBody = try parseBlock("else", at: t.location)
                break
            } else { break }
        }
        return .ifChain(branches, elseBody, start.location)
    }

    /// `{ statements }`, newlines significant inside.
    mutating func parseBlock(_ owner: String, at location: SourceLocation) throws -> [Stmt] {
        let open = peek()
        guard open.isOp("{") else {
            throw ScriptError(.syntax, "expected '{' to start the body of '\(owner)' at \(location.short), got \(open.kind.display)", at: open.location)
        }
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maxNesting { throw ScriptError(.syntax, "blocks nested too deeply", at: open.location) }
        advance()
        ignoreNewlines.append(false)
        defer { ignoreNewlines.removeLast() }
        var body: [Stmt] = []
        while true {
            skipSeparators()
            let t = peek()
            if t.isOp("}") { advance(); break }
            if case .eof = t.kind {
                throw ScriptError(.syntax, "expected '}' to close the block of '\(owner)' opened at \(open.location.short)", at: t.location)
            }
            body.append(try parseStatement())
            try endOfStatement()
        }
        return body
    }

    /// Parameters and body after `fn name`; opens a new scope.
    mutating func parseFunctionRest(name: String, at location: SourceLocation) throws -> FunctionDecl {
        let open = try expect("(", "to start the parameters of '\(name)'")
        ignoreNewlines.append(true)
        var params: [ParamDecl] = []
        var seenDefault = false
        while !peek().isOp(")") {
            let t = peek()
            guard case .identifier(let pname) = t.kind else {
                throw ScriptError(.syntax, "expected a parameter name or ')' to close the parameters opened at \(open.location.short), got \(t.kind.display)", at: t.location)
            }
            advance()
            if params.contains(where: { $0.name == pname }) { throw ScriptError(.syntax, "parameter '\(pname)' appears twice", at: t.location) }
            var defaultValue: Expr? = nil
            if match("=") { defaultValue = try parseExpression(); seenDefault = true }
            else if seenDefault { throw ScriptError(.syntax, "parameter '\(pname)' without a default follows one with a default", at: t.location) }
            params.append(ParamDecl(name: pname, defaultValue: defaultValue, location: t.location))
            if !match(",") { break }
        }
        let close = peek()
        guard close.isOp(")") else {
            throw ScriptError(.syntax, "expected ')' to close the parameters opened at \(open.location.short), got \(close.kind.display)", at: close.location)
        }
        ignoreNewlines.removeLast()
        advance()
        let decl = FunctionDecl(name: name, params: params, location: location)
        let inner = ParserScope(isGlobal: false)
        for p in params { inner.declare(p.name) }
        scopes.append(inner)
        let body = try parseBlock("fn \(name)", at: location)
        scopes.removeLast()
        inner.close(into: scope)
        decl.body = body
        decl.frameSize = inner.names.count
        decl.localNames = inner.names
        if case .expr(.literal(.string(let doc), _))? = body.first { decl.doc = doc }
        return decl
    }
}
