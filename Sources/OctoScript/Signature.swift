// Signatures of host callables: typed parameters with defaults and one-line docs. Argument
// checking, `help(f)` and keyword completion all read them.
import Foundation

/// The type a parameter accepts. `.float` accepts ints (converted); `.optional` accepts nil.
public indirect enum ParamType: Sendable, CustomStringConvertible {
    case any, int, float, number, string, bool, list, dict, callable
    /// Anything `for` can walk: list, dict, range, str.
    case iterable
    /// A native object whose `typeName` is this name.
    case native(String)
    case optional(ParamType)
    case oneOf([ParamType])
    /// A string that must be one of these (an enum-like argument: `dtype="bf16"`).
    case choice([String])

    public var description: String {
        switch self {
        case .any: return "any"
        case .int: return "int"
        case .float: return "float"
        case .number: return "number"
        case .string: return "str"
        case .bool: return "bool"
        case .list: return "list"
        case .dict: return "dict"
        case .callable: return "fn"
        case .iterable: return "iterable"
        case .native(let name): return name
        case .optional(let inner): return "\(inner) or nil"
        case .oneOf(let types): return types.map(\.description).joined(separator: " or ")
        case .choice(let options): return options.map { "\"\($0)\"" }.joined(separator: " or ")
        }
    }

    /// The value converted to this type, or nil when it does not fit.
    public func accept(_ value: Value) -> Value? {
        switch (self, value) {
        case (.any, _): return value
        case (.int, .int), (.int, .bool): return value
        case (.float, .float): return value
        case (.float, .int(let i)): return .float(Double(i))
        case (.number, .int), (.number, .float): return value
        case (.string, .string), (.bool, .bool), (.list, .list), (.dict, .dict): return value
        case (.callable, .function): return value
        case (.callable, .native(let object)): return object is NativeCallable ? value : nil
        case (.iterable, .list), (.iterable, .dict), (.iterable, .range), (.iterable, .string): return value
        case (.native(let name), .native(let object)): return object.typeName == name ? value : nil
        case (.optional, .null): return value
        case (.optional(let inner), _): return inner.accept(value)
        case (.oneOf(let types), _):
            for type in types { if let v = type.accept(value) { return v } }
            return nil
        case (.choice(let options), .string(let s)): return options.contains(s) ? value : nil
        default: return nil
        }
    }
}

/// One parameter of a host callable.
public struct Param {
    public var name: String
    public var type: ParamType
    /// The default value; nil means the argument is required.
    public var defaultValue: Value?
    public var doc: String

    /// - Parameters:
    ///   - default: the default; leave out for a required parameter, `.null` for "defaults to nil".
    public init(_ name: String, _ type: ParamType = .any, default defaultValue: Value? = nil, doc: String = "") {
        self.name = name; self.type = type; self.defaultValue = defaultValue; self.doc = doc
    }
}

/// The full signature of a host callable.
public struct Signature {
    public var name: String
    public var params: [Param]
    /// Collects extra positional arguments into a list (`print(*values)`).
    public var variadic: Param?
    /// Accepts unknown keyword arguments of this type (`mix(web=0.7, math=0.3)`).
    public var extraKeywords: ParamType?
    public var doc: String

    public init(_ name: String, _ params: [Param] = [], variadic: Param? = nil, extraKeywords: ParamType? = nil, doc: String = "") {
        self.name = name; self.params = params; self.variadic = variadic; self.extraKeywords = extraKeywords; self.doc = doc
    }

    /// `name(a: int, b: float = 0.5, *rest)`.
    public var display: String {
        var parts = params.map { p -> String in
            var text = p.type.description == "any" ? p.name : "\(p.name): \(p.type)"
            if let d = p.defaultValue { text += " = \(d.repr)" }
            return text
        }
        if let v = variadic { parts.append("*\(v.name)") }
        if extraKeywords != nil { parts.append("**keywords") }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    /// Signature, doc, and one line per documented parameter.
    public var helpText: String {
        var lines = [display]
        if !doc.isEmpty { lines.append("    " + doc) }
        for p in params + (variadic.map { [$0] } ?? []) where !p.doc.isEmpty {
            lines.append("    \(p.name): \(p.doc)")
        }
        return lines.joined(separator: "\n")
    }

    /// Matches call arguments to parameters, fills defaults and checks types.
    /// - Throws: `ScriptError` (kind `.argument` or `.type`) located at the offending argument.
    public func bind(positional: [(Value, SourceLocation?)], keywords: [(String, Value, SourceLocation?)],
                     at location: SourceLocation?) throws -> BoundArguments {
        var slots = [Value?](repeating: nil, count: params.count)
        var rest: [Value] = []
        var extra: [(String, Value)] = []
        // With a variadic, positional arguments fill only the required parameters; parameters
        // with defaults are then keyword-only (`print(*values, sep=" ")`).
        let positionalSlots = variadic == nil ? params.count : params.prefix { $0.defaultValue == nil }.count
        for (i, (value, loc)) in positional.enumerated() {
            if i < positionalSlots {
                slots[i] = try check(params[i], value, loc ?? location)
            } else if let v = variadic {
                rest.append(try check(v, value, loc ?? location))
            } else {
                throw ScriptError(.argument, "\(name)() takes at most \(params.count) argument\(params.count == 1 ? "" : "s") (got \(positional.count))",
                                  at: loc ?? location)
            }
        }
        for (key, value, loc) in keywords {
            guard let i = params.firstIndex(where: { $0.name == key }) else {
                if let type = extraKeywords {
                    guard let v = type.accept(value) else {
                        throw ScriptError(.type, "argument '\(key)' of \(name)() must be \(type), got \(value.typeName)", at: loc ?? location)
                    }
                    extra.append((key, v)); continue
                }
                let suggestion = closestName(to: key, among: params.map(\.name))
                throw ScriptError(.argument, "unknown keyword argument '\(key)' for \(name)()", at: loc ?? location,
                                  note: suggestion.map { "did you mean '\($0)'?" } ?? "parameters: \(params.map(\.name).joined(separator: ", "))")
            }
            if slots[i] != nil {
                throw ScriptError(.argument, "\(name)() got two values for argument '\(key)'", at: loc ?? location)
            }
            slots[i] = try check(params[i], value, loc ?? location)
        }
        var values: [Value] = []
        values.reserveCapacity(params.count)
        for (i, p) in params.enumerated() {
            if let v = slots[i] { values.append(v) }
            else if let d = p.defaultValue { values.append(d) }
            else { throw ScriptError(.argument, "\(name)() is missing argument '\(p.name)'\(p.type.description == "any" ? "" : " (\(p.type))")", at: location) }
        }
        return BoundArguments(signature: self, values: values, rest: rest, extraKeywords: extra, location: location)
    }

    private func check(_ p: Param, _ value: Value, _ location: SourceLocation?) throws -> Value {
        guard let v = p.type.accept(value) else {
            if case .choice = p.type, case .string(let s) = value {
                throw ScriptError(.value, "argument '\(p.name)' of \(name)() must be \(p.type), got \(quote(s))", at: location)
            }
            throw ScriptError(.type, "argument '\(p.name)' of \(name)() must be \(p.type), got \(value.typeName)", at: location)
        }
        return v
    }
}

/// Arguments after binding: one value per parameter (defaults filled), extras, the call site.
public struct BoundArguments {
    public let signature: Signature
    public let values: [Value]
    /// Extra positional arguments (when the signature is variadic).
    public let rest: [Value]
    /// Extra keyword arguments, in call order (when the signature accepts them).
    public let extraKeywords: [(String, Value)]
    public let location: SourceLocation?

    public subscript(_ i: Int) -> Value { i < values.count ? values[i] : .null }
    /// The value of the declared parameter `name` (its default when the call left it out).
    /// Asking for a name the signature does not declare is a programming error: it is
    /// recorded (see `undeclaredReads`, checked by the test suite) and reads as nil.
    public subscript(_ name: String) -> Value {
        guard let i = signature.params.firstIndex(where: { $0.name == name }) else {
            ArgumentAudit.record("\(signature.name)(\(name))")
            return .null
        }
        return self[i]
    }
    /// An optional int parameter (nil when nil was given or is the default).
    public func int(_ name: String) -> Int? { if case .int(let v) = self[name] { return v }; if case .bool(let b) = self[name] { return b ? 1 : 0 }; return nil }
    public func double(_ name: String) -> Double? {
        switch self[name] { case .float(let v): return v; case .int(let v): return Double(v); default: return nil }
    }
    public func string(_ name: String) -> String? { if case .string(let v) = self[name] { return v }; return nil }
    public func bool(_ name: String) -> Bool? { if case .bool(let v) = self[name] { return v }; return nil }
    public func isNull(_ name: String) -> Bool { if case .null = self[name] { return true }; return false }

    // The value of a parameter that is required or has a non-nil default: bind has filled
    // and type-checked it, so the default is stated once, in the `Param` declaration. A
    // parameter of another type is a programming error (recorded, reads as 0 / "" / false).
    public func intArg(_ name: String) -> Int { int(name) ?? mistyped(name, 0) }
    public func doubleArg(_ name: String) -> Double { double(name) ?? mistyped(name, 0) }
    public func stringArg(_ name: String) -> String { string(name) ?? mistyped(name, "") }
    public func boolArg(_ name: String) -> Bool { bool(name) ?? mistyped(name, false) }

    private func mistyped<T>(_ name: String, _ zero: T) -> T {
        ArgumentAudit.record("\(signature.name)(\(name)): not a \(T.self)")
        return zero
    }

    /// Names read but not declared (or read as the wrong type) since the process started,
    /// as `function(argument)`: empty unless a binding has a bug.
    public static var undeclaredReads: [String] { ArgumentAudit.names }

    /// An error located at the call.
    public func error(_ message: String, kind: ScriptError.Kind = .value) -> ScriptError {
        ScriptError(kind, message, at: location)
    }
}

/// Where `BoundArguments` records programming errors (thread-safe: cells run on a worker).
enum ArgumentAudit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var seen: [String] = []
    static func record(_ name: String) { lock.lock(); if !seen.contains(name) { seen.append(name) }; lock.unlock() }
    static var names: [String] { lock.lock(); defer { lock.unlock() }; return seen }
}
