// f-strings: `f"loss={loss:.3f} step {i}"`. Text parts get escapes applied; each `{…}` is
// lexed and parsed as an expression at its own column, with an optional `:spec` and `!r`.

extension Parser {
    mutating func parseFString(_ body: String, at location: SourceLocation) throws -> Expr {
        let chars = Array(body)
        var parts: [FStringPart] = []
        var text = ""
        var i = 0
        // Column of chars[i] = location.column + 2 + i (after `f"`), as f-strings are one line.
        func column(_ i: Int) -> Int { location.column + 2 + i }
        while i < chars.count {
            let c = chars[i]
            if c == "{" && i + 1 < chars.count && chars[i + 1] == "{" { text.append("{"); i += 2; continue }
            if c == "}" && i + 1 < chars.count && chars[i + 1] == "}" { text.append("}"); i += 2; continue }
            if c == "}" { throw ScriptError(.syntax, "single '}' in f-string (write '}}')", at: at(location, column(i))) }
            if c == "\\" && i + 1 < chars.count {
                let piece = String(chars[i...i + 1])
                let tokens = try Lexer.tokenize("\"" + piece + "\"", file: file, line: location.line, column: column(i) - 1)
                if case .string(let s) = tokens.first?.kind { text += s }
                i += 2; continue
            }
            if c != "{" { text.append(c); i += 1; continue }
            // An embedded expression: find its end at bracket depth 0, outside strings.
            let start = i + 1
            var j = start, depth = 0
            var specStart: Int? = nil, conversion: Character? = nil, exprEnd: Int? = nil
            var quote: Character? = nil
            while j < chars.count {
                let d = chars[j]
                if let q = quote { if d == q { quote = nil }; j += 1; continue }
                if d == "\"" || d == "'" { quote = d }
                else if "([{".contains(d) { depth += 1 }
                else if ")]".contains(d) { depth -= 1 }
                else if d == "}" { if depth == 0 { break }; depth -= 1 }
                else if d == "!" && depth == 0 && j + 1 < chars.count && (chars[j + 1] == "r" || chars[j + 1] == "s") && exprEnd == nil
                            && (j + 2 >= chars.count || chars[j + 2] == "}" || chars[j + 2] == ":") {
                    exprEnd = j; conversion = chars[j + 1]; j += 2; continue
                }
                else if d == ":" && depth == 0 && specStart == nil { if exprEnd == nil { exprEnd = j }; specStart = j + 1; j += 1
                    while j < chars.count && chars[j] != "}" { j += 1 }
                    break
                }
                j += 1
            }
            guard j < chars.count, chars[j] == "}" else {
                throw ScriptError(.syntax, "expected '}' to close the f-string expression opened at \(location.line):\(column(i))", at: at(location, column(i)))
            }
            let source = String(chars[start..<(exprEnd ?? j)])
            if source.trimmedSpaces().isEmpty {
                throw ScriptError(.syntax, "empty expression in f-string", at: at(location, column(i)))
            }
            let expr = try parseEmbedded(source, line: location.line, column: column(start))
            var spec = specStart.map { String(chars[$0..<j]) }
            if conversion == "r" { parts.append(.text(text)); text = ""
                let reprCall = Expr.call(.name(reprRef(at(location, column(start)))), [CallArgument(name: nil, value: expr, location: expr.location)], expr.location)
                parts.append(.expr(reprCall, spec: spec)); spec = nil
            } else {
                parts.append(.text(text)); text = ""
                parts.append(.expr(expr, spec: spec))
            }
            i = j + 1
        }
        parts.append(.text(text))
        return .fstring(parts.filter { if case .text(let t) = $0 { return !t.isEmpty }; return true }, location)
    }

    private func at(_ location: SourceLocation, _ column: Int) -> SourceLocation {
        SourceLocation(file: location.file, line: location.line, column: column, offset: location.offset)
    }

    private mutating func reprRef(_ location: SourceLocation) -> NameRef {
        let ref = NameRef("repr", location)
        scope.use(ref)
        return ref
    }

    /// Parses `source` as one expression, in the current scope, located at line:column.
    private mutating func parseEmbedded(_ source: String, line: Int, column: Int) throws -> Expr {
        let saved = (tokens, position, ignoreNewlines)
        tokens = try Lexer.tokenize(source, file: file, line: line, column: column)
        position = 0
        ignoreNewlines = [true]
        defer { (tokens, position, ignoreNewlines) = saved }
        let expr = try parseExpression()
        let rest = peek()
        guard case .eof = rest.kind else {
            throw ScriptError(.syntax, "expected '}' after the f-string expression, got \(rest.kind.display)", at: rest.location)
        }
        return expr
    }
}

extension String {
    func trimmedSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
