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
            // Attribute: evaluate the dotted name before the dot (names and attributes only, no calls).
            var s = start - 1
            while s > 0, chars[s - 1].isLetter || chars[s - 1].isNumber || chars[s - 1] == "_" || chars[s - 1] == "." { s -= 1 }
            let path = String(chars[s..<(start - 1)]).split(separator: ".").map(String.init)
            guard let value = resolve(path, interp) else { return [] }
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
