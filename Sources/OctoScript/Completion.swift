// Tab completion, independent of readline: given the text before the cursor, what can the
// word being typed become? Variables and builtins; attributes after `.`; keyword arguments
// inside a call. Reads the same tables as `help` and `dir`.

/// Completion candidates for the REPL.
public enum Completion {
    /// Candidates for the word that ends `prefix` (the text before the cursor), sorted.
    /// Keyword-argument candidates end with `=`.
    public static func candidates(for prefix: String, in interp: Interpreter) -> [String] {
        let chars = Array(prefix)
        var start = chars.count
        while start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber || chars[start - 1] == "_" { start -= 1 }
        let word = String(chars[start...])
        if start > 0, chars[start - 1] == "." {
            // Attribute: look up what is before the dot (names, attributes and literal
            // indices such as `ro[0]` or `d["k"]`; no calls, so completion runs no code).
            guard let value = resolve(accessPath(chars, before: start - 1), interp) else { return [] }
            return Help.memberNames(of: value).filter { $0.hasPrefix(word) }
        }
        var names = Set(interp.globalNames + interp.builtinNames + Keyword.allCases.map(\.rawValue))
        if let callee = enclosingCallee(chars, before: start), let value = resolve(callee, interp) {
            for p in Help.parameterNames(of: value) { names.insert(p + "=") }
        }
        return names.filter { $0.hasPrefix(word) }.sorted()
    }

    /// The dotted name of the innermost open call around position `end`, if any.
    static func enclosingCallee(_ chars: [Character], before end: Int) -> [String]? {
        var depth = 0
        var i = end - 1
        var inString: Character? = nil
        // Walk back to the innermost unclosed `(` (strings skipped crudely: quotes toggle).
        while i >= 0 {
            let c = chars[i]
            if let q = inString { if c == q { inString = nil } }
            else if c == "\"" || c == "'" { inString = c }
            else if c == ")" || c == "]" || c == "}" { depth += 1 }
            else if c == "(" || c == "[" || c == "{" {
                if depth == 0 {
                    guard c == "(" else { return nil }
                    var s = i
                    while s > 0, chars[s - 1].isLetter || chars[s - 1].isNumber || chars[s - 1] == "_" || chars[s - 1] == "." { s -= 1 }
                    let path = String(chars[s..<i]).split(separator: ".").map(String.init)
                    return path.isEmpty ? nil : path
                }
                depth -= 1
            }
            i -= 1
        }
        return nil
    }

    /// One step of an access path: `.name` or `[literal]`.
    enum Access: Equatable {
        case name(String)
        case index(String)
    }

    /// The access path that ends at `end` (exclusive): `ro[0].tokens` → name ro, index 0,
    /// name tokens. Index texts are kept as written; `resolve` accepts only literals.
    static func accessPath(_ chars: [Character], before end: Int) -> [Access] {
        var path: [Access] = []
        var i = end
        while i > 0 {
            if chars[i - 1] == "]" {
                // Back to the matching `[` (brackets inside are counted, strings are not).
                var depth = 0, j = i - 1
                while j >= 0 {
                    if chars[j] == "]" { depth += 1 } else if chars[j] == "[" { depth -= 1; if depth == 0 { break } }
                    j -= 1
                }
                guard j >= 0 else { return [] }
                path.insert(.index(String(chars[(j + 1)..<(i - 1)])), at: 0)
                i = j
                continue
            }
            var s = i
            while s > 0, chars[s - 1].isLetter || chars[s - 1].isNumber || chars[s - 1] == "_" { s -= 1 }
            guard s < i else { return [] }
            path.insert(.name(String(chars[s..<i])), at: 0)
            i = s
            guard i > 0, chars[i - 1] == "." || chars[i - 1] == "]" else { break }
            if chars[i - 1] == "." {
                i -= 1
                guard i > 0, chars[i - 1] == "]" || chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_" else { return [] }
            }
        }
        return path
    }

    /// Looks up an access path; indices must be int or string literals.
    static func resolve(_ path: [Access], _ interp: Interpreter) -> Value? {
        guard case .name(let first)? = path.first else { return nil }
        guard var value = interp.global(first) ?? interp.builtin(first) else { return nil }
        let here = SourceLocation(file: "<completion>", line: 1, column: 1)
        for step in path.dropFirst() {
            switch step {
            case .name(let name):
                guard let v = resolve([name], value, interp) else { return nil }
                value = v
            case .index(let text):
                let key: Value
                let t = String(text.filter { $0 != " " })
                if let i = Int(t) { key = .int(i) }
                else if t.count >= 2, let q = t.first, q == "\"" || q == "'", t.last == q { key = .string(String(t.dropFirst().dropLast())) }
                else { return nil }
                guard let v = try? interp.getIndex(value, key, at: here) else { return nil }
                value = v
            }
        }
        return value
    }

    private static func resolve(_ names: [String], _ start: Value, _ interp: Interpreter) -> Value? {
        var value = start
        for name in names {
            if case .native(let object) = value, let v = try? object.attribute(name, interpreter: interp) { value = v }
            else if let m = BuiltinMethods.bound(value, name) { value = .native(m) }
            else { return nil }
        }
        return value
    }

    /// Looks up `a.b.c` without running any code but attribute reads.
    static func resolve(_ path: [String], _ interp: Interpreter) -> Value? {
        guard let first = path.first else { return nil }
        guard var value = interp.global(first) ?? interp.builtin(first) else { return nil }
        for name in path.dropFirst() {
            if case .native(let object) = value, let v = try? object.attribute(name, interpreter: interp) { value = v }
            else if let m = BuiltinMethods.bound(value, name) { value = .native(m) }
            else { return nil }
        }
        return value
    }
}
