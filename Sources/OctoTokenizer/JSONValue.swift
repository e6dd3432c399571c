// JSONValue: a parsed JSON document, built by OctoBase's `JSONReader`.
//
// tokenizer.json files are large (the real Llama-3.2 one is 9 MB: 128k vocab entries and
// 280k merges). Foundation's JSONSerialization builds an NSObject per value; the reader
// reads the bytes once and builds Swift values directly, and reports errors with line and
// column.

import Foundation
import OctoBase

/// A JSON value. Numbers are kept as Double (token ids fit exactly).
enum JSONValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
    var string: String? { if case .string(let s) = self { return s }; return nil }
    var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    var object: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
    var isNull: Bool { if case .null = self { return true }; return false }
    /// The value as an Int when it is a number with no fractional part.
    var int: Int? {
        guard case .number(let d) = self, d == d.rounded(), abs(d) < 9.0e15 else { return nil }
        return Int(d)
    }

    /// Parses `data`; `source` names the file in errors.
    static func parse(_ data: Data, source: String) throws -> JSONValue {
        do {
            return try data.withUnsafeBytes { raw -> JSONValue in
                try JSONReader.parse(raw.bindMemory(to: UInt8.self), JSONValueBuilder())
            }
        } catch let e as JSONSyntaxError {
            throw TokenizerError.malformedJSON(file: source, line: e.line, column: e.column, reason: e.reason)
        }
    }
}

/// Builds `JSONValue`s for the reader (numbers as Double, objects as dictionaries).
struct JSONValueBuilder: JSONBuilder {
    func null() -> JSONValue { .null }
    func bool(_ b: Bool) -> JSONValue { .bool(b) }
    func number(integer: Int?, double: Double) -> JSONValue { .number(double) }
    func string(_ s: String) -> JSONValue { .string(s) }
    func array(_ items: [JSONValue]) -> JSONValue { .array(items) }
    func newObject() -> [String: JSONValue] { [:] }
    func insert(_ key: String, _ value: JSONValue, into object: inout [String: JSONValue]) { object[key] = value }
    func object(_ object: [String: JSONValue]) -> JSONValue { .object(object) }
}
