// The native-object protocols: how host code (builtins, and every engine through
// OctoBindings' registry) appears in the language. OctoScript knows nothing about ML.

/// A host object visible in the language: attributes, methods, help and a short repr.
///
/// OctoBindings' `NativeType` registry implements this for engine objects; builtins and
/// bound methods implement `NativeCallable`.
public protocol NativeObject: AnyObject {
    /// The name `type(x)` returns, e.g. `"Counter"`.
    var typeName: String { get }
    /// A short, one-line representation for the REPL (`<model llama 4x256>`).
    func repr() -> String
    /// The value of attribute `name` (methods come back as callables), or nil when absent.
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value?
    /// Sets attribute `name`; returns false when there is no such writable attribute.
    func setAttribute(_ name: String, to value: Value, interpreter: Interpreter) throws -> Bool
    /// Attribute and method names, for `dir(x)` and tab completion.
    var memberNames: [String] { get }
    /// The text `help(x)` prints.
    var helpText: String { get }
    /// `x[key]`, or nil when the object is not indexable.
    func index(_ key: Value, interpreter: Interpreter) throws -> Value?
    /// The elements `for` and `len` see, or nil when the object is not a sequence.
    func elements(interpreter: Interpreter) throws -> [Value]?
    /// `self op other` (`other op self` when `reversed`), or nil when the object does not
    /// take part in arithmetic (tensors do).
    func binary(_ op: BinaryOp, _ other: Value, reversed: Bool, interpreter: Interpreter) throws -> Value?
}

extension NativeObject {
    public func repr() -> String { "<\(typeName)>" }
    public func attribute(_ name: String, interpreter: Interpreter) throws -> Value? { nil }
    public func setAttribute(_ name: String, to value: Value, interpreter: Interpreter) throws -> Bool { false }
    public var memberNames: [String] { [] }
    public var helpText: String { typeName }
    public func index(_ key: Value, interpreter: Interpreter) throws -> Value? { nil }
    public func elements(interpreter: Interpreter) throws -> [Value]? { nil }
    public func binary(_ op: BinaryOp, _ other: Value, reversed: Bool, interpreter: Interpreter) throws -> Value? { nil }
}

/// A host object that can be called: builtin functions, bound methods, engine functions.
public protocol NativeCallable: NativeObject {
    /// The parameters, used for argument checking, `help` and keyword completion.
    var signature: Signature { get }
    /// Runs the call with arguments already checked against `signature`.
    func call(_ args: BoundArguments, interpreter: Interpreter) throws -> Value
}

extension NativeCallable {
    public var typeName: String { "builtin" }
    public func repr() -> String { "<fn \(signature.name)>" }
    public var helpText: String { signature.helpText }
}

/// A callable made from a closure: the easy way to write builtins and bound methods.
public final class NativeFunction: NativeCallable {
    public let signature: Signature
    private let body: (BoundArguments, Interpreter) throws -> Value
    public init(_ signature: Signature, _ body: @escaping (BoundArguments, Interpreter) throws -> Value) {
        self.signature = signature; self.body = body
    }
    public func call(_ args: BoundArguments, interpreter: Interpreter) throws -> Value {
        try body(args, interpreter)
    }
}
