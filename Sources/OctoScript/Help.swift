// `help(x)` and `dir(x)`: text built from signatures, method tables and native objects'
// own help — the same declarations that check arguments and drive completion.

/// Help texts and member lists.
public enum Help {
    /// The text `help(x)` prints.
    public static func text(for value: Value, _ interp: Interpreter, explicit: Bool = true) -> String {
        switch value {
        case .null:
            let names = interp.builtinNames
            return """
            OctoScript: Python-like expressions, braces for blocks. help(f) explains a function or object; dir(x) lists its members.
            builtins: \(names.joined(separator: ", "))
            REPL commands: :help :vars :time :save :load :reset :history :quit
            """
        case .native(let object):
            return object.helpText
        case .function(let f):
            let params = f.decl.params.enumerated().map { i, p -> String in
                if i < f.defaults.count, let d = f.defaults[i] { return "\(p.name)=\(d.repr)" }
                return p.name
            }
            var text = "fn \(f.decl.name)(\(params.joined(separator: ", ")))"
            if let doc = f.decl.doc { text += "\n    " + doc }
            return text
        case .list, .dict, .string:
            guard let table = BuiltinMethods.table(for: value) else { return value.typeName }
            var lines = ["\(value.typeName) methods:"]
            for name in table.keys.sorted() {
                if let entry = table[name] { lines.append("  \(entry.signature.display) — \(entry.signature.doc)") }
            }
            return lines.joined(separator: "\n")
        default:
            return "\(value.typeName): \(value.repr)"
        }
    }

    /// Attribute and method names of `value`, sorted (for `dir` and completion).
    public static func memberNames(of value: Value) -> [String] {
        if case .native(let object) = value { return object.memberNames.sorted() }
        return BuiltinMethods.names(for: value)
    }

    /// Parameter names of a callable value (for keyword completion inside a call).
    public static func parameterNames(of value: Value) -> [String] {
        switch value {
        case .function(let f): return f.decl.params.map(\.name)
        case .native(let object):
            return (object as? NativeCallable)?.signature.params.map(\.name) ?? []
        default: return []
        }
    }
}
