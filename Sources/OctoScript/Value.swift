// Run-time values: nil, bool, int, float, string, list, dict, range, functions, natives.

/// An OctoScript value. Lists and dicts are reference types (shared on assignment, as in
/// Python); everything else is a value.
public enum Value {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list(ScriptList)
    case dict(ScriptDict)
    case range(ScriptRange)
    case function(ScriptFunction)
    /// A host object: builtins, bound methods and every engine object.
    case native(any NativeObject)

    /// The name `type(x)` returns.
    public var typeName: String {
        switch self {
        case .null: return "nil"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .list: return "list"
        case .dict: return "dict"
        case .range: return "range"
        case .function: return "fn"
        case .native(let object): return object.typeName
        }
    }

    /// Python-like truthiness: nil, false, 0, 0.0, "" and empty containers are false.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .dict(let d): return d.count > 0
        case .range(let r): return r.count > 0
        case .function, .native: return true
        }
    }

    /// A new list value.
    public static func makeList(_ items: [Value]) -> Value { .list(ScriptList(items)) }
}

/// A mutable list shared by reference.
public final class ScriptList {
    public var items: [Value]
    public init(_ items: [Value] = []) { self.items = items }
    deinit { ValueTeardown.release(&items) }
}

/// A key of a dict: the hashable values. Integral floats hash as ints (`d[1] == d[1.0]`).
public enum DictKey: Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)

    /// The key for `value`, or nil when the value cannot be a key.
    public init?(_ value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .float(let f):
            if f.rounded() == f, abs(f) < 9.0e18 { self = .int(Int(f)) } else { self = .float(f) }
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    public var value: Value {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let f): return .float(f)
        case .string(let s): return .string(s)
        }
    }
}

/// An insertion-ordered dictionary shared by reference.
public final class ScriptDict {
    public private(set) var keys: [DictKey] = []
    private var storage: [DictKey: Value] = [:]
    public init() {}

    public var count: Int { keys.count }
    public subscript(key: DictKey) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }
    /// Entries in insertion order.
    public var entries: [(DictKey, Value)] { keys.compactMap { k in storage[k].map { (k, $0) } } }
    public func removeAll() { keys = []; storage = [:] }
    deinit {
        guard storage.values.contains(where: ValueTeardown.isContainer) else { return }
        var values = Array(storage.values)
        storage = [:]
        ValueTeardown.release(&values)
    }
    /// Empties the dict and returns its values (for `ValueTeardown`).
    fileprivate func takeValues() -> [Value] {
        let values = Array(storage.values)
        keys = []; storage = [:]
        return values
    }
    public func copy() -> ScriptDict {
        let d = ScriptDict()
        for (k, v) in entries { d[k] = v }
        return d
    }
}

/// Frees nested lists and dicts without recursion: Swift releases a container's items from
/// its deinit, so a list nested 3 M deep (`x = [x]` in a loop) would take 3 M stack frames to
/// free. Instead the items of a container being freed are moved to a work list, and every
/// list or dict among them that nothing else holds is emptied into the same list before it
/// goes, so each deinit is shallow.
enum ValueTeardown {
    static func isContainer(_ value: Value) -> Bool {
        switch value {
        case .list, .dict: return true
        default: return false
        }
    }

    /// Empties `items`, freeing every container only it holds iteratively.
    static func release(_ items: inout [Value]) {
        guard items.contains(where: isContainer) else { return }
        var lists: [ScriptList] = []
        var dicts: [ScriptDict] = []
        func collect(_ values: [Value]) {
            for v in values {
                switch v {
                case .list(let l): lists.append(l)
                case .dict(let d): dicts.append(d)
                default: break
                }
            }
        }
        collect(items)
        items = []
        while true {
            if var l = lists.popLast() {
                // Only a container no one else holds may be emptied.
                if isKnownUniquelyReferenced(&l), l.items.contains(where: isContainer) {
                    let inner = l.items
                    l.items = []
                    collect(inner)
                }
            } else if var d = dicts.popLast() {
                if isKnownUniquelyReferenced(&d) { collect(d.takeValues()) }
            } else {
                break
            }
        }
    }
}

/// `range(start, stop, step)`: a lazy sequence of ints.
public struct ScriptRange {
    public var start: Int, stop: Int, step: Int
    public init(start: Int, stop: Int, step: Int) { self.start = start; self.stop = stop; self.step = step }
    /// The number of elements (saturating at Int.max; never traps on extreme bounds).
    public var count: Int {
        if step == 0 { return 0 }
        let (span, spanOverflow) = step > 0 ? stop.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(stop)
        if spanOverflow { return Int.max }
        if span <= 0 { return 0 }
        let stride = step > 0 ? step : (step == Int.min ? Int.max : -step)
        return span / stride + (span % stride == 0 ? 0 : 1)
    }
    public func element(_ i: Int) -> Int { start &+ i &* step }
}

/// A user function with the frame it closes over.
public final class ScriptFunction {
    public let decl: FunctionDecl
    /// Default values, evaluated when the `fn` statement ran (nil for required parameters).
    public let defaults: [Value?]
    let closure: Frame?
    init(decl: FunctionDecl, defaults: [Value?], closure: Frame?) {
        self.decl = decl; self.defaults = defaults; self.closure = closure
    }
}

/// The local slots of one function call; closures keep their defining frame alive.
final class Frame {
    var slots: [Value?]
    let parent: Frame?
    /// The local names (for did-you-mean suggestions).
    let names: [String]
    init(size: Int, parent: Frame?, names: [String]) {
        slots = Array(repeating: nil, count: size); self.parent = parent; self.names = names
    }
}

// MARK: - Equality and ordering

extension Value {
    /// `==` in the language: numbers compare across int/float, containers element-wise,
    /// functions and natives by identity.
    public func scriptEquals(_ other: Value) -> Bool {
        var tooDeep = false
        return equals(other, depth: 0, tooDeep: &tooDeep)
    }

    /// How deep `==` and `<` follow nested lists and dicts before giving up (a list that
    /// contains itself would otherwise recurse until the stack overflows).
    public static let maxCompareDepth = 1000

    /// `==` that reports self-containing or too deeply nested values as an error instead of
    /// an answer. The error names `location`.
    public func scriptEqualsChecked(_ other: Value, at location: SourceLocation?) throws -> Bool {
        var tooDeep = false
        let result = equals(other, depth: 0, tooDeep: &tooDeep)
        if tooDeep { throw Value.tooDeepError(location) }
        return result
    }

    static func tooDeepError(_ location: SourceLocation?) -> ScriptError {
        ScriptError(.recursion, "comparison nested more than \(Value.maxCompareDepth) levels deep "
                    + "(a list or dict that contains itself?)", at: location)
    }

    func equals(_ other: Value, depth: Int, tooDeep: inout Bool) -> Bool {
        if depth > Value.maxCompareDepth { tooDeep = true; return false }
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .float(let b)): return Double(a) == b
        case (.float(let a), .int(let b)): return a == Double(b)
        case (.float(let a), .float(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)):
            if a === b { return true }
            guard a.items.count == b.items.count else { return false }
            for (x, y) in zip(a.items, b.items) where !x.equals(y, depth: depth + 1, tooDeep: &tooDeep) { return false }
            return true
        case (.dict(let a), .dict(let b)):
            if a === b { return true }
            guard a.count == b.count else { return false }
            for (k, v) in a.entries {
                guard let w = b[k], v.equals(w, depth: depth + 1, tooDeep: &tooDeep) else { return false }
            }
            return true
        case (.range(let a), .range(let b)): return a.start == b.start && a.stop == b.stop && a.step == b.step
        case (.function(let a), .function(let b)): return a === b
        case (.native(let a), .native(let b)): return a === b
        default: return false
        }
    }

    /// `<` in the language, or nil when the two values do not order (or nest too deeply).
    public func scriptLess(_ other: Value) -> Bool? {
        var tooDeep = false
        let r = less(other, depth: 0, tooDeep: &tooDeep)
        return tooDeep ? nil : r
    }

    func less(_ other: Value, depth: Int, tooDeep: inout Bool) -> Bool? {
        if depth > Value.maxCompareDepth { tooDeep = true; return nil }
        switch (self, other) {
        case (.int(let a), .int(let b)): return a < b
        case (.int(let a), .float(let b)): return Double(a) < b
        case (.float(let a), .int(let b)): return a < Double(b)
        case (.float(let a), .float(let b)): return a < b
        case (.string(let a), .string(let b)): return a < b
        case (.bool(let a), .bool(let b)): return !a && b
        case (.list(let a), .list(let b)):
            for (x, y) in zip(a.items, b.items) {
                if x.equals(y, depth: depth + 1, tooDeep: &tooDeep) { continue }
                if tooDeep { return nil }
                return x.less(y, depth: depth + 1, tooDeep: &tooDeep)
            }
            return a.items.count < b.items.count
        default: return nil
        }
    }
}

// MARK: - Literals (so host code can write `Param("lr", .float, default: 0.001)`)

extension Value: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
