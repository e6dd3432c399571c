// The registry: how engines expose native types and functions to OctoScript, from ONE
// declaration each. Argument checking, `help(x)`, `dir(x)` and tab completion all read it.
//
// How to add a binding (one file per engine, e.g. `ModelBindings.swift`):
//
//     enum CounterBindings {
//         /// The type: attributes (typed, documented, optionally writable) and methods.
//         static let type = NativeType<Counter>("Counter", doc: "Counts things.") { t in
//             t.attribute("count", .int, doc: "the current count") { .int($0.count) }
//             t.attribute("step", .int, doc: "added by tick()", get: { .int($0.step) },
//                         set: { c, v in c.step = v.intValue ?? 1 })
//             t.method("tick", params: [Param("times", .int, default: 1, doc: "how many ticks")],
//                      doc: "Adds step, times times.") { c, args, _ in
//                 c.count += c.step * (args.intArg("times")); return .int(c.count)
//             }
//             t.repr { "<Counter \($0.count)>" }
//         }
//         /// Functions (constructors included) go into the registry.
//         static func register(in registry: Registry) {
//             registry.function("counter", params: [Param("start", .int, default: 0)],
//                               doc: "A new Counter.") { args, _ in
//                 type.wrap(Counter(start: args.intArg("start")))
//             }
//         }
//     }
//
// then add `CounterBindings.register` to `Bindings.all` (CoreBindings.swift). Rules:
// - Parameters are typed (`ParamType`); `.float` accepts ints; `.choice(["f32", "bf16"])` is an
//   enum-like string checked before the body runs. Leave `default:` out for a required
//   parameter; `default: .null` makes "nil" the default.
// - The default is stated once, in the `Param`: read required and defaulted arguments with
//   `intArg`/`doubleArg`/`stringArg`/`boolArg` (never `int("x") ?? 64`), nil-able ones with
//   `int`/`double`/`string`/`bool`. Reading a name the signature does not declare is a bug
//   (BindingArgumentsTests checks every read against the file's declarations).
// - Throw `ScriptError` (or `args.error("…")`) for bad input; it is located at the call.
// - Long work: poll `Interrupt.isRequested` (or use `InterruptibleProgress`) and stop
//   cleanly, keeping state, so Ctrl-C returns to the prompt.
// - Randomness: draw from `interpreter.random` (or a `split()` of it), never the system RNG.
import OctoScript
import OctoBase

/// Declares a native type once: attributes, methods, repr and help for host objects of `Host`.
public final class NativeType<Host: AnyObject> {
    /// One attribute: typed, documented, with an optional setter.
    public struct Attribute {
        public let name: String
        public let type: ParamType
        public let doc: String
        let get: (Host) throws -> Value
        let set: ((Host, Value) throws -> Void)?
    }
    /// One method: a signature (typed parameters, defaults, docs) and a body.
    public struct Method {
        public let signature: Signature
        let body: (Host, BoundArguments, Interpreter) throws -> Value
    }

    public let name: String
    public let doc: String
    public private(set) var attributes: [Attribute] = []
    public private(set) var methods: [Method] = []
    private var reprHook: ((Host) -> String)?
    private var indexHook: ((Host, Value, Interpreter) throws -> Value?)?
    private var elementsHook: ((Host, Interpreter) throws -> [Value])?
    private var binaryHook: ((Host, BinaryOp, Value, Bool) throws -> Value?)?

    /// - Parameters:
    ///   - name: the type name `type(x)` shows.
    ///   - doc: one line for `help(x)`.
    ///   - declare: adds attributes and methods.
    public init(_ name: String, doc: String, _ declare: (NativeType<Host>) -> Void) {
        self.name = name; self.doc = doc
        declare(self)
    }

    /// Declares a read-only attribute.
    public func attribute(_ name: String, _ type: ParamType = .any, doc: String, _ get: @escaping (Host) throws -> Value) {
        attributes.append(Attribute(name: name, type: type, doc: doc, get: get, set: nil))
    }

    /// Declares a writable attribute; assigned values are checked against `type`.
    public func attribute(_ name: String, _ type: ParamType = .any, doc: String,
                          get: @escaping (Host) throws -> Value, set: @escaping (Host, Value) throws -> Void) {
        attributes.append(Attribute(name: name, type: type, doc: doc, get: get, set: set))
    }

    /// Declares a method with typed parameters.
    public func method(_ name: String, params: [Param] = [], doc: String,
                       _ body: @escaping (Host, BoundArguments, Interpreter) throws -> Value) {
        methods.append(Method(signature: Signature(name, params, doc: doc), body: body))
    }

    /// The short text the REPL prints for an object (default `<Name>`).
    public func repr(_ body: @escaping (Host) -> String) { reprHook = body }
    /// Makes `x[key]` work.
    public func index(_ body: @escaping (Host, Value, Interpreter) throws -> Value?) { indexHook = body }
    /// Makes `for`, `len` and slicing work.
    public func elements(_ body: @escaping (Host, Interpreter) throws -> [Value]) { elementsHook = body }
    /// Makes `x + y`, `2 * x`, … work: called with the operator, the other operand and whether
    /// the host is on the right; nil means unsupported (a located type error).
    public func binary(_ body: @escaping (Host, BinaryOp, Value, Bool) throws -> Value?) { binaryHook = body }

    /// Wraps a host object as a language value.
    public func wrap(_ host: Host) -> Value { .native(NativeInstance(type: self, host: host)) }

    /// The host object inside `value`, when it is one of this type.
    public func unwrap(_ value: Value) -> Host? {
        if case .native(let object) = value, let instance = object as? NativeInstance<Host>, instance.type === self { return instance.host }
        return nil
    }

    /// `help(x)` for objects of this type.
    public var helpText: String {
        var lines = ["\(name) — \(doc)"]
        if !attributes.isEmpty {
            lines.append("attributes:")
            for a in attributes { lines.append("  \(a.name): \(a.type)\(a.set == nil ? "" : " (writable)") — \(a.doc)") }
        }
        if !methods.isEmpty {
            lines.append("methods:")
            for m in methods { lines.append("  \(m.signature.display) — \(m.signature.doc)") }
        }
        return lines.joined(separator: "\n")
    }

    var memberNames: [String] { attributes.map(\.name) + methods.map(\.signature.name) }

    fileprivate func repr(of host: Host) -> String { reprHook?(host) ?? "<\(name)>" }
    fileprivate func lookup(_ attr: String, _ host: Host, _ interp: Interpreter) throws -> Value? {
        if let a = attributes.first(where: { $0.name == attr }) { return try a.get(host) }
        if let m = methods.first(where: { $0.signature.name == attr }) {
            let body = m.body
            return .native(NativeFunction(m.signature) { args, interp in try body(host, args, interp) })
        }
        return nil
    }
    fileprivate func assign(_ attr: String, _ value: Value, _ host: Host) throws -> Bool {
        guard let a = attributes.first(where: { $0.name == attr }), let set = a.set else { return false }
        guard let checked = a.type.accept(value) else {
            throw ScriptError(.type, "attribute '\(attr)' of \(name) must be \(a.type), got \(value.typeName)")
        }
        try set(host, checked)
        return true
    }
    fileprivate func index(_ host: Host, _ key: Value, _ interp: Interpreter) throws -> Value? { try indexHook?(host, key, interp) }
    fileprivate func elements(_ host: Host, _ interp: Interpreter) throws -> [Value]? { try elementsHook?(host, interp) }
    fileprivate func binary(_ host: Host, _ op: BinaryOp, _ other: Value, _ reversed: Bool) throws -> Value? {
        try binaryHook?(host, op, other, reversed)
    }
}

/// A host object seen through its `NativeType`.
final class NativeInstance<Host: AnyObject>: NativeObject {
    let type: NativeType<Host>
    let host: Host
    init(type: NativeType<Host>, host: Host) { self.type = type; self.host = host }

    var typeName: String { type.name }
    func repr() -> String { type.repr(of: host) }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? { try type.lookup(name, host, interpreter) }
    func setAttribute(_ name: String, to value: Value, interpreter: Interpreter) throws -> Bool { try type.assign(name, value, host) }
    var memberNames: [String] { type.memberNames }
    var helpText: String { type.helpText }
    func index(_ key: Value, interpreter: Interpreter) throws -> Value? { try type.index(host, key, interpreter) }
    func elements(interpreter: Interpreter) throws -> [Value]? { try type.elements(host, interpreter) }
    func binary(_ op: BinaryOp, _ other: Value, reversed: Bool, interpreter: Interpreter) throws -> Value? {
        try type.binary(host, op, other, reversed)
    }
}

/// The functions every binding registers; installed into each new interpreter.
public final class Registry {
    public private(set) var functions: [NativeFunction] = []
    /// Type descriptions by name, for `help("TypeName")`.
    public private(set) var typeHelp: [String: String] = [:]
    public init() {}

    /// Declares a function with typed parameters, defaults and a one-line doc.
    public func function(_ name: String, params: [Param] = [], variadic: Param? = nil, extraKeywords: ParamType? = nil,
                         doc: String, _ body: @escaping (BoundArguments, Interpreter) throws -> Value) {
        functions.append(NativeFunction(Signature(name, params, variadic: variadic, extraKeywords: extraKeywords, doc: doc), body))
    }

    /// Records a type so `help("Name")` can describe it.
    public func describe<Host>(_ type: NativeType<Host>) { typeHelp[type.name] = type.helpText }

    /// Defines every registered function as a builtin of `interp`.
    public func install(into interp: Interpreter) {
        for f in functions { interp.defineBuiltin(f.signature.name, .native(f)) }
    }
}

extension Value {
    /// The int inside, if any (bools count as 0/1).
    public var intValue: Int? {
        switch self { case .int(let i): return i; case .bool(let b): return b ? 1 : 0; default: return nil }
    }
    /// The number inside as a Double, if any.
    public var doubleValue: Double? {
        switch self { case .int(let i): return Double(i); case .float(let f): return f; default: return nil }
    }
    /// The string inside, if any.
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
}
