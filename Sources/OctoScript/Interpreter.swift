// The interpreter's state and entry points: globals, builtins, limits, output, the session
// random generator, and `run(_:name:)` for one cell. Statements: InterpreterExec.swift;
// expressions: InterpreterEval.swift; calls: InterpreterCall.swift.
import Foundation
import OctoBase

/// Limits against runaway code. Exceeding one raises a located `ScriptError`, never a crash.
public struct InterpreterLimits: Sendable {
    /// Maximum nesting of function calls (kind `.recursion` beyond it).
    public var maxCallDepth: Int
    /// Maximum statements + loop iterations per cell, or nil for no budget (kind `.budget`).
    public var maxSteps: Int?
    /// Largest list or string an operation may build (`"a" * n`, `list(range(n))`).
    public var maxCollectionSize: Int

    /// Largest single value in bytes (items × the size of a value), so `[0] * 10**8` is
    /// refused before it is built.
    public var maxValueBytes: Int

    public init(maxCallDepth: Int = 1000, maxSteps: Int? = nil, maxCollectionSize: Int = 100_000_000,
                maxValueBytes: Int = 512_000_000) {
        self.maxCallDepth = maxCallDepth; self.maxSteps = maxSteps; self.maxCollectionSize = maxCollectionSize
        self.maxValueBytes = maxValueBytes
    }
}

/// A tree-walking interpreter holding one session's state.
public final class Interpreter {
    /// Texts of every cell run so far, for rendering errors.
    public let sources = SourceRegistry()
    /// Receives everything `print` writes (text includes the line break).
    public var output: (String) -> Void = { text in FileHandle.standardOutput.write(Data(text.utf8)) }
    /// The session's seeded generator; `seed(n)` resets it. Engines draw from it.
    public var random = RNG(seed: 0)
    /// The last value given to `seed(n)`, recorded in saved sessions.
    public var seedValue: Int?
    public var limits: InterpreterLimits

    var globalIndex: [String: Int] = [:]
    var globalNamesBySlot: [String] = []
    var globalValues: [Value?] = []
    var builtinValues: [Value?] = []
    var builtins: [String: Value] = [:]
    var steps = 0
    var stepLimit = Int.max
    var callDepth = 0
    private var cellCounter = 0

    public init(limits: InterpreterLimits = InterpreterLimits()) {
        self.limits = limits
        Interrupt.prepare()
        Builtins.install(into: self)
    }

    // MARK: - Running cells

    /// Parses and runs one cell. Returns the value of the last statement when it is an
    /// expression (the REPL prints it unless it is nil), else nil.
    /// - Parameters:
    ///   - name: the cell or file name used in error locations (default `<cell N>`).
    /// - Throws: `ScriptError`, always located.
    @discardableResult
    public func run(_ source: String, name: String? = nil, firstLine: Int = 1) throws -> Value? {
        cellCounter += 1
        let file = name ?? "<cell \(cellCounter)>"
        // The lexer starts counting at `firstLine` (padding the source with newlines instead
        // made running an N-line file cost N² time).
        sources.register(file, text: source, firstLine: firstLine)
        let statements = try Parser.parse(source, file: file, firstLine: firstLine)
        return try execute(statements, file: file)
    }

    /// Runs already parsed statements at the top level.
    public func execute(_ statements: [Stmt], file: String) throws -> Value? {
        steps = 0
        stepLimit = limits.maxSteps ?? Int.max
        callDepth = 0
        var last: Value? = nil
        do {
            for (i, statement) in statements.enumerated() {
                if i == statements.count - 1, case .expr(let e) = statement {
                    try tick(e.location)
                    last = try eval(e, nil)
                } else {
                    _ = try exec(statement, nil)
                }
            }
        } catch let error as ScriptError {
            throw error.location == nil ? error.located(SourceLocation(file: file, line: 1, column: 1)) : error
        }
        return last
    }

    /// Counts one step and polls Ctrl-C.
    @inline(__always)
    func tick(_ location: SourceLocation) throws {
        steps &+= 1
        if steps > stepLimit {
            throw ScriptError(.budget, "step budget of \(stepLimit) exceeded (an endless loop?)", at: location)
        }
        if Interrupt.isRequested {
            Interrupt.clear()
            throw ScriptError.interrupted(at: location)
        }
    }

    /// Counts `n` steps of work done inside a builtin (so budgets cover `sum(range(10**12))`).
    public func countSteps(_ n: Int, at location: SourceLocation?) throws {
        steps = steps &+ max(0, n)
        if steps > stepLimit || steps < 0 {
            throw ScriptError(.budget, "step budget of \(stepLimit) exceeded", at: location)
        }
        if Interrupt.isRequested { Interrupt.clear(); throw ScriptError.interrupted(at: location) }
    }

    /// Throws when a collection of `size` items would exceed `limits.maxCollectionSize` or
    /// `limits.maxValueBytes` (at `MemoryLayout<Value>.stride` bytes per item).
    public func checkSize(_ size: Int, at location: SourceLocation?) throws {
        if size > limits.maxCollectionSize || size < 0 {
            throw ScriptError(.value, "result too large (\(size) items; the limit is \(limits.maxCollectionSize))", at: location)
        }
        let bytes = size.multipliedReportingOverflow(by: MemoryLayout<Value>.stride)
        if bytes.overflow || bytes.partialValue > limits.maxValueBytes {
            throw ScriptError(.value, "result too large (\(size) items ≈ \(size / 1_000_000 * MemoryLayout<Value>.stride) MB; "
                              + "one value may use at most \(limits.maxValueBytes / 1_000_000) MB)", at: location)
        }
    }

    // MARK: - Globals and builtins

    func slot(for name: String) -> Int {
        if let s = globalIndex[name] { return s }
        let s = globalValues.count
        globalIndex[name] = s
        globalNamesBySlot.append(name)
        globalValues.append(nil)
        builtinValues.append(builtins[name])
        return s
    }

    /// The global `name`, if assigned.
    public func global(_ name: String) -> Value? {
        guard let s = globalIndex[name] else { return nil }
        return globalValues[s]
    }

    /// Assigns the global `name` (bindings use this to add module objects).
    public func setGlobal(_ name: String, _ value: Value?) {
        globalValues[slot(for: name)] = value
    }

    /// Registers a builtin visible in every cell (shadowed by a global of the same name).
    public func defineBuiltin(_ name: String, _ value: Value) {
        builtins[name] = value
        if let s = globalIndex[name] { builtinValues[s] = value }
    }

    /// Registers a builtin function from a signature and a closure.
    public func defineFunction(_ signature: Signature, _ body: @escaping (BoundArguments, Interpreter) throws -> Value) {
        defineBuiltin(signature.name, .native(NativeFunction(signature, body)))
    }

    /// The builtin `name`, if any.
    public func builtin(_ name: String) -> Value? { builtins[name] }

    /// Assigned global names, in the order they were first seen.
    public var globalNames: [String] {
        globalNamesBySlot.enumerated().compactMap { globalValues[$0.offset] == nil ? nil : $0.element }
    }

    /// Builtin names, sorted.
    public var builtinNames: [String] { builtins.keys.sorted() }

    func nameError(_ ref: NameRef, frame: Frame?) -> ScriptError {
        var candidates = globalNames
        var f = frame
        while let current = f { candidates += current.names; f = current.parent }
        let suggestion = closestName(to: ref.name, among: candidates) ?? closestName(to: ref.name, among: builtinNames)
        return ScriptError(.name, "unknown name '\(ref.name)'", at: ref.location,
                           note: suggestion.map { "did you mean '\($0)'?" })
    }
}
