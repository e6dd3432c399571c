// JSON for save_json/load_json: a small encoder and a builder for OctoBase's JSONReader,
// both keeping dict order (Foundation's JSONSerialization does not).
import Foundation
import OctoBase

enum JSON {
    static func encode(_ value: Value, at location: SourceLocation?, depth: Int = 0) throws -> String {
        if depth > 200 { throw ScriptError(.value, "value nested too deeply (a cycle?) for JSON", at: location) }
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let f):
            guard f.isFinite else { throw ScriptError(.value, "JSON cannot hold \(formatFloat(f))", at: location) }
            return formatFloat(f)
        case .string(let s): return JSONQuote.quoted(s)
        case .list(let l): return "[" + (try l.items.map { try encode($0, at: location, depth: depth + 1) }).joined(separator: ", ") + "]"
        case .range(let r):
            // Written as the list of its values, as Python's json.dump(list(range(...))).
            let n = r.count
            if n > 10_000_000 { throw ScriptError(.value, "range too long for JSON (over 10,000,000 values)", at: location) }
            return "[" + (0..<n).map { String(r.element($0)) }.joined(separator: ", ") + "]"
        case .dict(let d):
            var parts: [String] = []
            for (k, v) in d.entries {
                guard case .string(let key) = k else { throw ScriptError(.type, "JSON object keys must be strings, got \(k.value.typeName)", at: location) }
                parts.append(JSONQuote.quoted(key) + ": " + (try encode(v, at: location, depth: depth + 1)))
            }
            return "{" + parts.joined(separator: ", ") + "}"
        default:
            throw ScriptError(.type, "cannot write \(value.typeName) as JSON", at: location)
        }
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

