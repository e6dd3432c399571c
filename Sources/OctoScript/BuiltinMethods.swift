// Methods of the builtin types: list, dict and str. Each is declared once (signature + doc)
// in a table per type; `x.method` returns a bound callable, `help`/`dir`/completion read the tables.

/// One method of a builtin type.
struct MethodEntry {
    let signature: Signature
    let body: (Value, BoundArguments, Interpreter) throws -> Value
}

/// A method bound to its receiver (`xs.append`).
final class BoundMethod: NativeCallable {
    let receiver: Value
    let entry: MethodEntry
    init(receiver: Value, entry: MethodEntry) { self.receiver = receiver; self.entry = entry }
    var signature: Signature { entry.signature }
    var typeName: String { "method" }
    func repr() -> String { "<method \(receiver.typeName).\(entry.signature.name)>" }
    func call(_ args: BoundArguments, interpreter: Interpreter) throws -> Value { try entry.body(receiver, args, interpreter) }
}

enum BuiltinMethods {
    static func table(for value: Value) -> [String: MethodEntry]? {
        switch value {
        case .list: return listMethods
        case .dict: return dictMethods
        case .string: return stringMethods
        default: return nil
        }
    }

    static func bound(_ value: Value, _ name: String) -> BoundMethod? {
        table(for: value)?[name].map { BoundMethod(receiver: value, entry: $0) }
    }

    static func names(for value: Value) -> [String] { (table(for: value)?.keys).map { $0.sorted() } ?? [] }

    private static func entry(_ name: String, _ params: [Param] = [], variadic: Param? = nil, _ doc: String,
                              _ body: @escaping (Value, BoundArguments, Interpreter) throws -> Value) -> (String, MethodEntry) {
        (name, MethodEntry(signature: Signature(name, params, variadic: variadic, doc: doc), body: body))
    }

    private static func list(_ v: Value) -> ScriptList { if case .list(let l) = v { return l }; return ScriptList() }
    private static func dict(_ v: Value) -> ScriptDict { if case .dict(let d) = v { return d }; return ScriptDict() }
    private static func string(_ v: Value) -> String { if case .string(let s) = v { return s }; return "" }

    static let listMethods: [String: MethodEntry] = Dictionary(uniqueKeysWithValues: [
        entry("append", [Param("item")], "Adds item at the end.") { v, a, _ in list(v).items.append(a[0]); return .null },
        entry("extend", [Param("items", .iterable)], "Adds every item of another sequence.") { v, a, i in
            let more = try i.elements(of: a[0], at: a.location)
            try i.checkSize(list(v).items.count + more.count, at: a.location)
            list(v).items.append(contentsOf: more); return .null
        },
        entry("insert", [Param("index", .int), Param("item")], "Inserts item before index.") { v, a, _ in
            let l = list(v), n = l.items.count
            var k = a.intArg("index")
            if k < 0 { k = max(0, k < -n ? 0 : k + n) }
            l.items.insert(a[1], at: min(k, n)); return .null
        },
        entry("pop", [Param("index", .int, default: -1)], "Removes and returns the item at index (default: the last).") { v, a, i in
            let l = list(v)
            guard !l.items.isEmpty else { throw a.error("pop from an empty list", kind: .index) }
            let p = try i.position(a[0], count: l.items.count, of: "list", at: a.location ?? SourceLocation(file: "?", line: 1, column: 1))
            return l.items.remove(at: p)
        },
        entry("remove", [Param("item")], "Removes the first item equal to item.") { v, a, _ in
            let l = list(v)
            guard let k = try l.items.firstIndex(where: { try $0.scriptEqualsChecked(a[0], at: a.location) }) else { throw a.error("\(a[0].repr) is not in the list") }
            l.items.remove(at: k); return .null
        },
        entry("index", [Param("item")], "The position of the first item equal to item.") { v, a, _ in
            guard let k = try list(v).items.firstIndex(where: { try $0.scriptEqualsChecked(a[0], at: a.location) }) else { throw a.error("\(a[0].repr) is not in the list") }
            return .int(k)
        },
        entry("count", [Param("item")], "How many items equal item.") { v, a, _ in .int(try list(v).items.filter { try $0.scriptEqualsChecked(a[0], at: a.location) }.count) },
        entry("reverse", [], "Reverses the list in place.") { v, _, _ in list(v).items.reverse(); return .null },
        entry("sort", [Param("key", .optional(.callable), default: .null), Param("reverse", .bool, default: false)], "Sorts the list in place (stable).") { v, a, i in
            let l = list(v)
            l.items = try Builtins.sortValues(l.items, key: a[0], reverse: a.boolArg("reverse"), i, a.location)
            return .null
        },
        entry("copy", [], "A shallow copy.") { v, _, _ in .makeList(list(v).items) },
        entry("clear", [], "Removes every item.") { v, _, _ in list(v).items.removeAll(); return .null },
    ])

    static let dictMethods: [String: MethodEntry] = Dictionary(uniqueKeysWithValues: [
        entry("keys", [], "The keys, in insertion order.") { v, _, _ in .makeList(dict(v).keys.map(\.value)) },
        entry("values", [], "The values, in insertion order.") { v, _, _ in .makeList(dict(v).entries.map(\.1)) },
        entry("items", [], "[key, value] pairs, in insertion order.") { v, _, _ in .makeList(dict(v).entries.map { .makeList([$0.0.value, $0.1]) }) },
        entry("get", [Param("key"), Param("default", default: .null)], "The value for key, or default.") { v, a, _ in
            DictKey(a[0]).flatMap { dict(v)[$0] } ?? a[1]
        },
        entry("pop", [Param("key"), Param("default", default: .null)], "Removes key and returns its value (or default).") { v, a, _ in
            guard let k = DictKey(a[0]), let old = dict(v)[k] else { return a[1] }
            dict(v)[k] = nil
            return old
        },
        entry("update", [Param("other", .dict)], "Copies every entry of other into this dict.") { v, a, _ in
            if case .dict(let o) = a[0] { for (k, x) in o.entries { dict(v)[k] = x } }
            return .null
        },
        entry("copy", [], "A shallow copy.") { v, _, _ in .dict(dict(v).copy()) },
        entry("clear", [], "Removes every entry.") { v, _, _ in dict(v).removeAll(); return .null },
    ])

    static let stringMethods: [String: MethodEntry] = Dictionary(uniqueKeysWithValues: [
        entry("split", [Param("sep", .optional(.string), default: .null)], "Splits on sep (default: runs of whitespace).") { v, a, _ in
            let s = string(v)
            if let sep = a.string("sep") {
                guard !sep.isEmpty else { throw a.error("split() separator cannot be empty") }
                return .makeList(s.components(separatedBy: sep).map { .string($0) })
            }
            return .makeList(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
        },
        entry("join", [Param("items", .iterable)], "Joins the items (strings) with this string between them.") { v, a, i in
            let items = try i.elements(of: a[0], at: a.location)
            var parts: [String] = []
            for item in items {
                guard case .string(let t) = item else { throw a.error("join() needs strings, got \(item.typeName)", kind: .type) }
                parts.append(t)
            }
            return .string(parts.joined(separator: string(v)))
        },
        entry("strip", [], "Without leading and trailing whitespace.") { v, _, _ in .string(string(v).trimmingCharacters(in: .whitespacesAndNewlines)) },
        entry("lstrip", [], "Without leading whitespace.") { v, _, _ in .string(String(string(v).drop { $0.isWhitespace })) },
        entry("rstrip", [], "Without trailing whitespace.") { v, _, _ in
            var s = Substring(string(v)); while s.last?.isWhitespace == true { s.removeLast() }; return .string(String(s))
        },
        entry("replace", [Param("old", .string), Param("new", .string)], "Every occurrence of old replaced by new.") { v, a, i in
            let old = a.stringArg("old"), new = a.stringArg("new")
            guard !old.isEmpty else { throw a.error("replace() needs a non-empty old string") }
            let result = string(v).replacingOccurrences(of: old, with: new)
            try i.checkSize(result.utf8.count, at: a.location)
            return .string(result)
        },
        entry("startswith", [Param("prefix", .string)], "Whether the string starts with prefix.") { v, a, _ in .bool(string(v).hasPrefix(a.stringArg("prefix"))) },
        entry("endswith", [Param("suffix", .string)], "Whether the string ends with suffix.") { v, a, _ in .bool(string(v).hasSuffix(a.stringArg("suffix"))) },
        entry("upper", [], "Upper-cased.") { v, _, _ in .string(string(v).uppercased()) },
        entry("lower", [], "Lower-cased.") { v, _, _ in .string(string(v).lowercased()) },
        entry("find", [Param("sub", .string)], "The character position of sub, or -1.") { v, a, _ in
            let s = string(v), sub = a.stringArg("sub")
            guard let r = s.range(of: sub) else { return .int(-1) }
            return .int(s.distance(from: s.startIndex, to: r.lowerBound))
        },
        entry("count", [Param("sub", .string)], "Non-overlapping occurrences of sub.") { v, a, _ in
            let sub = a.stringArg("sub")
            guard !sub.isEmpty else { return .int(string(v).count + 1) }
            return .int(string(v).components(separatedBy: sub).count - 1)
        },
        entry("isdigit", [], "Whether every character is a digit (and there is one).") { v, _, _ in
            let s = string(v); return .bool(!s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber })
        },
        entry("format", [], variadic: Param("values"), "Fills `{}` and `{:spec}` fields with the values in order.") { v, a, _ in
            .string(try formatFields(string(v), a.rest, at: a.location))
        },
    ])

    /// `"{} = {:.2f}".format(name, x)`: positional fields with optional specs; `{{`/`}}` escape.
    static func formatFields(_ template: String, _ values: [Value], at location: SourceLocation?) throws -> String {
        var out = "", k = 0
        var chars = Substring(template)
        while let c = chars.first {
            chars.removeFirst()
            if c == "{" && chars.first == "{" { chars.removeFirst(); out.append("{"); continue }
            if c == "}" && chars.first == "}" { chars.removeFirst(); out.append("}"); continue }
            guard c == "{" else { out.append(c); continue }
            guard let close = chars.firstIndex(of: "}") else { throw ScriptError(.value, "format string has an unclosed '{'", at: location) }
            let field = chars[chars.startIndex..<close]
            chars = chars[chars.index(after: close)...]
            let parts = field.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            var index = k
            if let first = parts.first, !first.isEmpty {
                guard let n = Int(first) else { throw ScriptError(.value, "format field '{\(field)}' must be empty or a position", at: location) }
                index = n
            } else { k += 1 }
            guard index >= 0 && index < values.count else {
                throw ScriptError(.index, "format() needs a value for field \(index) (got \(values.count) value\(values.count == 1 ? "" : "s"))", at: location)
            }
            out += try applyFormatSpec(parts.count > 1 ? String(parts[1]) : "", to: values[index], at: location)
        }
        return out
    }
}
