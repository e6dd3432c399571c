// The syntax tree. Expressions and statements are indirect enums; every node carries a
// location. Names are `NameRef` objects so the parser can resolve them to frame slots once.

/// How a name is found at run time (decided by the parser's scope resolution).
public enum NameResolution: Sendable {
    /// A slot in the current function frame.
    case local(Int)
    /// A slot in the frame `depth` levels up the closure chain.
    case enclosing(depth: Int, slot: Int)
    /// A global of the session (then a builtin).
    case global
}

/// One use of a name in the source, with its resolution and run-time caches.
public final class NameRef {
    public let name: String
    public let location: SourceLocation
    public internal(set) var resolution: NameResolution = .global
    /// Index into the interpreter's global table (resolved on first use).
    var globalSlot = -1
    init(_ name: String, _ location: SourceLocation) { self.name = name; self.location = location }
}

/// Arithmetic operators.
public enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", floorDiv = "//", mod = "%", pow = "**"
}

/// One operator of a left-to-right run such as `a + b - c * d and e` (see `Expr.chain`).
public struct ChainLink {
    public enum Kind { case binary(BinaryOp), and, or }
    public var kind: Kind
    public var operand: Expr
    public var location: SourceLocation
}

/// Comparison operators (chainable: `a < b < c`).
public enum CompareOp: String, Sendable {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=", `in` = "in", notIn = "not in"
}

/// A call argument: positional when `name` is nil.
public struct CallArgument {
    public var name: String?
    public var value: Expr
    public var location: SourceLocation
}

/// A piece of an f-string: literal text or an expression with an optional format spec.
public enum FStringPart {
    case text(String)
    case expr(Expr, spec: String?)
}

/// A function parameter with an optional default expression (evaluated at definition).
public struct ParamDecl {
    public var name: String
    public var defaultValue: Expr?
    public var location: SourceLocation
}

/// A function definition (named or anonymous).
public final class FunctionDecl {
    public let name: String
    public let params: [ParamDecl]
    public internal(set) var body: [Stmt] = []
    /// Slots a call frame needs (parameters first, then other locals).
    public internal(set) var frameSize = 0
    public internal(set) var localNames: [String] = []
    public let location: SourceLocation
    /// A leading string statement in the body.
    public internal(set) var doc: String?
    init(name: String, params: [ParamDecl], location: SourceLocation) {
        self.name = name; self.params = params; self.location = location
    }
}

/// `[element for x in xs if cond …]`: `for` and `if` clauses, left to right. The loop
/// variables are locals of the comprehension's own frame (they do not leak); the first
/// iterable is evaluated outside it, as in Python.
public final class Comprehension {
    public enum Clause {
        case forIn(Target, Expr)
        case condition(Expr)
    }
    public let element: Expr
    public let clauses: [Clause]
    public let location: SourceLocation
    /// Slots of the comprehension's frame and their names.
    public let frameSize: Int
    public let localNames: [String]
    init(element: Expr, clauses: [Clause], location: SourceLocation, localNames: [String]) {
        self.element = element; self.clauses = clauses; self.location = location
        self.localNames = localNames; frameSize = localNames.count
    }
}

/// Expressions.
public indirect enum Expr {
    case literal(Value, SourceLocation)
    case name(NameRef)
    case list([Expr], SourceLocation)
    case dict([(Expr, Expr)], SourceLocation)
    case fstring([FStringPart], SourceLocation)
    case negate(Expr, SourceLocation)
    case plus(Expr, SourceLocation)
    case not(Expr, SourceLocation)
    case binary(BinaryOp, Expr, Expr, SourceLocation)
    /// `first op₁ e₁ op₂ e₂ …` applied left to right (arithmetic, `and`, `or`): a long
    /// left-associative run (a 5 M-term `1+1+…`) kept flat, so that evaluating and freeing it
    /// does not recurse once per operator. The location is the first operator's.
    case chain(Expr, [ChainLink], SourceLocation)
    case compare([CompareOp], [Expr], [SourceLocation])
    case and(Expr, Expr, SourceLocation)
    case or(Expr, Expr, SourceLocation)
    case conditional(Expr, Expr, Expr, SourceLocation)
    case call(Expr, [CallArgument], SourceLocation)
    case index(Expr, Expr, SourceLocation)
    case slice(Expr, Expr?, Expr?, Expr?, SourceLocation)
    case attribute(Expr, String, SourceLocation)
    case function(FunctionDecl)
    case comprehension(Comprehension)

    public var location: SourceLocation {
        switch self {
        case .literal(_, let l), .list(_, let l), .dict(_, let l), .fstring(_, let l), .negate(_, let l),
             .plus(_, let l), .not(_, let l), .binary(_, _, _, let l), .chain(_, _, let l), .and(_, _, let l), .or(_, _, let l),
             .conditional(_, _, _, let l), .call(_, _, let l), .index(_, _, let l), .slice(_, _, _, _, let l),
             .attribute(_, _, let l):
            return l
        case .name(let ref): return ref.location
        case .compare(_, _, let ls): return ls.first ?? SourceLocation(file: "?", line: 1, column: 1)
        case .function(let decl): return decl.location
        case .comprehension(let c): return c.location
        }
    }
}

/// Assignment targets.
public indirect enum Target {
    case name(NameRef)
    case index(Expr, Expr, SourceLocation)
    case attribute(Expr, String, SourceLocation)
    case unpack([Target], SourceLocation)
}

/// Statements.
public indirect enum Stmt {
    case expr(Expr)
    case assign(Target, Expr, SourceLocation)
    case augAssign(Target, BinaryOp, Expr, SourceLocation)
    case ifChain([(Expr, [Stmt])], [Stmt]?, SourceLocation)
    case whileLoop(Expr, [Stmt], SourceLocation)
    case forLoop(Target, Expr, [Stmt], SourceLocation)
    case function(FunctionDecl, NameRef)
    case returnValue(Expr?, SourceLocation)
    case breakLoop(SourceLocation)
    case continueLoop(SourceLocation)
}
