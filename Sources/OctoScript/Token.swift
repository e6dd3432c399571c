// Tokens: what the lexer hands the parser.

/// The kinds of token the lexer produces.
public enum TokenKind: Equatable, Sendable {
    case int(Int)
    case float(Double)
    case string(String)
    /// An f-string: its raw body (between the quotes, escapes not yet applied).
    case fstring(String)
    case identifier(String)
    case keyword(Keyword)
    case op(String)
    case newline
    case eof

    /// How the token is written in messages ("expected ')'", "got end of input").
    public var display: String {
        switch self {
        case .int(let v): return "number \(v)"
        case .float(let v): return "number \(v)"
        case .string: return "string"
        case .fstring: return "f-string"
        case .identifier(let name): return "name '\(name)'"
        case .keyword(let k): return "'\(k.rawValue)'"
        case .op(let o): return "'\(o)'"
        case .newline: return "end of line"
        case .eof: return "end of input"
        }
    }
}

/// Reserved words.
public enum Keyword: String, CaseIterable, Sendable {
    case fn, `if`, elif, `else`, `for`, `in`, `while`, `break`, `continue`, `return`
    case and, or, not, `true`, `false`, `nil`
}

/// One token and where it starts.
public struct Token: Sendable {
    public var kind: TokenKind
    public var location: SourceLocation
    public init(_ kind: TokenKind, _ location: SourceLocation) { self.kind = kind; self.location = location }

    func isOp(_ text: String) -> Bool { if case .op(let o) = kind { return o == text }; return false }
    func isKeyword(_ k: Keyword) -> Bool { if case .keyword(let x) = kind { return x == k }; return false }
}
