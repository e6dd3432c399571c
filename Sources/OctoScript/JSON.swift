// JSON for save_json/load_json: a small encoder and a builder for OctoBase's JSONReader,
// both keeping dict order (Foundation's JSONSerialization does not).
import Foundation
import OctoBase

enum JSON {
    /// Largest JSON text `save_json` builds (shared sub-lists can make the text exponentially
    /// longer than the value's memory).
    static let maxEncodedBytes = 512_000_000

    static func encode(_ value: Value, at location: SourceLocation?) throws -> String {
        var out = ""
        var path: [ObjectIdentifier] = []
        try write(value, into: &out, path: &path, at: location)
        return out
    }

    private static func write(_ value: Value, into out: inout String, path: inout [ObjectIdentifier], at location: SourceLocation?) throws {
        if out.utf8.count > maxEncodedBytes {
            throw ScriptError(.value, "JSON text longer than \(maxEncodedBytes / 1_000_000) MB", at: location)
        }
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let f):
            guard f.isFinite else { throw ScriptError(.value, "JSON cannot hold \(formatFloat(f))", at: location) }
            out += formatFloat(f)
        case .string(let s): out += JSONQuote.quoted(s)
        case .list(let l):
            try enter(ObjectIdentifier(l), &path, "list", at: location)
            defer { path.removeLast() }
            out += "["
            for (i, item) in l.items.enumerated() {
                if i > 0 { out += ", " }
                try write(item, into: &out, path: &path, at: location)
            }
            out += "]"
        case .range(let r):
            // Written as the list of its values, as Python's json.dump(list(range(...))).
            let n = r.count
            if n > 10_000_000 { throw ScriptError(.value, "range too long for JSON (over 10,000,000 values)", at: location) }
            out += "[" + (0..<n).map { String(r.element($0)) }.joined(separator: ", ") + "]"
        case .dict(let d):
            try enter(ObjectIdentifier(d), &path, "dict", at: location)
            defer { path.removeLast() }
            out += "{"
            for (i, (k, v)) in d.entries.enumerated() {
                guard case .string(let key) = k else { throw ScriptError(.type, "JSON object keys must be strings, got \(k.value.typeName)", at: location) }
                if i > 0 { out += ", " }
                out += JSONQuote.quoted(key) + ": "
                try write(v, into: &out, path: &path, at: location)
            }
            out += "}"
        default:
            throw ScriptError(.type, "cannot write \(value.typeName) as JSON", at: location)
        }
    }

    /// Pushes a container on the path; a cycle (as Python's `ValueError: Circular reference
    /// detected`) or nesting beyond 200 levels is an error.
    private static func enter(_ id: ObjectIdentifier, _ path: inout [ObjectIdentifier], _ what: String, at location: SourceLocation?) throws {
        if path.contains(id) { throw ScriptError(.value, "a \(what) that contains itself cannot be written as JSON", at: location) }
        if path.count >= 200 { throw ScriptError(.value, "value nested more than 200 levels deep for JSON", at: location) }
        path.append(id)
    }

    static func decode(_ text: String, file: String) throws -> Value {
        do {
            return try JSONReader.parse(Array(text.utf8), ValueBuilder(), maxDepth: 500)
        } catch let e as JSONSyntaxError {
            throw ScriptError(.value, "invalid JSON: \(e.reason)", at: SourceLocation(file: file, line: e.line, column: e.column))
        }
    }

    /// Builds script values: integers as int, other numbers as float, objects as ordered dicts.
    struct ValueBuilder: JSONBuilder {
        func null() -> Value { .null }
        func bool(_ b: Bool) -> Value { .bool(b) }
        func number(integer: Int?, double: Double) -> Value { integer.map(Value.int) ?? .float(double) }
        func string(_ s: String) -> Value { .string(s) }
        func array(_ items: [Value]) -> Value { .makeList(items) }
        func newObject() -> ScriptDict { ScriptDict() }
        func insert(_ key: String, _ value: Value, into object: inout ScriptDict) { object[.string(key)] = value }
        func object(_ object: ScriptDict) -> Value { .dict(object) }
    }
}

