// Printing values: `repr` (what the REPL echoes), `str` (what print shows) and format specs
// (`f"{x:.3f}"`, `"{:>8}".format(x)`).
import Foundation

extension Value {
    /// The short representation the REPL prints for an expression cell.
    public var repr: String { formatted(quoted: true, depth: 0) }
    /// The text `print` and `str` produce (strings unquoted).
    public var str: String { formatted(quoted: false, depth: 0) }

    /// Longest text `repr`/`str` build for nested lists and dicts before they stop with `…`
    /// (a list holding the same 200-item list at every level would otherwise print 200⁹ items).
    static let maxFormattedBytes = 1_000_000

    func formatted(quoted: Bool, depth: Int) -> String {
        var out = ""
        var path: [ObjectIdentifier] = []
        write(into: &out, quoted: quoted, depth: depth, path: &path)
        return out
    }

    /// Appends the text of the value. A list or dict already being printed further up
    /// (`a.append(a)`) shows as `[...]` / `{...}`, as in Python; below 8 levels `[…]`.
    private func write(into out: inout String, quoted: Bool, depth: Int, path: inout [ObjectIdentifier]) {
        switch self {
        case .null: out += "nil"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let f): out += formatFloat(f)
        case .string(let s): out += quoted ? quote(s) : s
        case .list(let l):
            let id = ObjectIdentifier(l)
            if path.contains(id) { out += "[...]"; return }
            if depth > 8 { out += "[…]"; return }
            path.append(id)
            defer { path.removeLast() }
            out += "["
            for (i, item) in l.items.prefix(200).enumerated() {
                if i > 0 { out += ", " }
                if out.utf8.count > Value.maxFormattedBytes { out += "…"; break }
                item.write(into: &out, quoted: true, depth: depth + 1, path: &path)
            }
            if l.items.count > 200 { out += ", … (\(l.items.count) items)" }
            out += "]"
        case .dict(let d):
            let id = ObjectIdentifier(d)
            if path.contains(id) { out += "{...}"; return }
            if depth > 8 { out += "{…}"; return }
            path.append(id)
            defer { path.removeLast() }
            out += "{"
            for (i, (k, v)) in d.entries.prefix(200).enumerated() {
                if i > 0 { out += ", " }
                if out.utf8.count > Value.maxFormattedBytes { out += "…"; break }
                k.value.write(into: &out, quoted: true, depth: depth + 1, path: &path)
                out += ": "
                v.write(into: &out, quoted: true, depth: depth + 1, path: &path)
            }
            if d.count > 200 { out += ", … (\(d.count) items)" }
            out += "}"
        case .range(let r): out += r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case .function(let f): out += "<fn \(f.decl.name)>"
        case .native(let o): out += o.repr()
        }
    }
}

/// Shortest round-trip text, always with a `.` or exponent so floats read as floats.
public func formatFloat(_ f: Double) -> String {
    if f.isNaN { return "nan" }
    if f.isInfinite { return f < 0 ? "-inf" : "inf" }
    let text = "\(f)"
    return text
}

/// A double-quoted string literal with escapes.
public func quote(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\0": out += "\\0"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out + "\""
}

/// Applies a Python-style format spec `[[fill]align][sign][0][width][,][.precision][type]`.
/// - Throws: `ScriptError` (kind `.value`) for a spec that does not parse or fit the value.
public func applyFormatSpec(_ spec: String, to value: Value, at location: SourceLocation?) throws -> String {
    if spec.isEmpty { return value.str }
    var chars = Array(spec)
    var fill: Character = " ", align: Character? = nil
    if chars.count >= 2, "<>^=".contains(chars[1]) { fill = chars[0]; align = chars[1]; chars.removeFirst(2) }
    else if let c = chars.first, "<>^=".contains(c) { align = c; chars.removeFirst() }
    var sign: Character? = nil
    if let c = chars.first, "+- ".contains(c) { sign = c; chars.removeFirst() }
    if chars.first == "0" { if align == nil { fill = "0"; align = "=" }; chars.removeFirst() }
    var width = 0
    while let c = chars.first, let d = c.wholeNumberValue, c.isASCII { width = width * 10 + d; chars.removeFirst(); if width > 10_000 { break } }
    var grouping = false
    if chars.first == "," || chars.first == "_" { grouping = true; chars.removeFirst() }
    var precision: Int? = nil
    if chars.first == "." {
        chars.removeFirst()
        var p = 0, any = false
        while let c = chars.first, let d = c.wholeNumberValue, c.isASCII { p = min(p * 10 + d, 100); chars.removeFirst(); any = true }
        guard any else { throw ScriptError(.value, "format spec '\(spec)': expected digits after '.'", at: location) }
        precision = p
    }
    let type: Character? = chars.first
    if chars.count > 1 { throw ScriptError(.value, "format spec '\(spec)' is not valid", at: location) }

    var body: String
    var negative = false
    func number(_ f: Double) throws -> String {
        negative = f < 0 || (f == 0 && f.sign == .minus && type != nil)
        let a = abs(f)
        switch type {
        case "f", "F": return String(format: "%.\(precision ?? 6)f", a)
        case "e", "E":
            let s = String(format: "%.\(precision ?? 6)e", a)
            return type == "E" ? s.uppercased() : s
        case "g", "G": return String(format: "%.\(max(precision ?? 6, 1))g", a)
        case "%": return String(format: "%.\(precision ?? 6)f", a * 100) + "%"
        case nil: return precision.map { String(format: "%.\($0)g", a) } ?? formatFloat(a)
        default: throw ScriptError(.value, "format spec '\(spec)': unknown type '\(type.map(String.init) ?? "")' for a number", at: location)
        }
    }
    switch value {
    case .int(let i) where type == nil || type == "d" || type == "x" || type == "b" || type == "o":
        negative = i < 0
        let m = i.magnitude
        switch type {
        case "x": body = String(m, radix: 16)
        case "b": body = String(m, radix: 2)
        case "o": body = String(m, radix: 8)
        default: body = String(m)
        }
    case .int(let i): body = try number(Double(i))
    case .float(let f):
        if type == "d" { throw ScriptError(.value, "format spec 'd' needs an int, got float", at: location) }
        body = try number(f)
    case .bool(let b) where type == nil || type == "s": body = b ? "true" : "false"
    default:
        if let type, type != "s" { throw ScriptError(.value, "format spec '\(spec)' does not apply to \(value.typeName)", at: location) }
        body = value.str
        if let precision { body = String(body.prefix(precision)) }
    }
    if grouping, body.first?.isNumber == true {
        let intPart = body.prefix { $0.isNumber }
        let rest = body.dropFirst(intPart.count)
        var grouped = ""
        for (i, ch) in intPart.enumerated() {
            if i > 0 && (intPart.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        body = grouped + rest
    }
    let signText = negative ? "-" : (sign == "+" ? "+" : (sign == " " ? " " : ""))
    let isNumber: Bool = { if case .int = value { return true }; if case .float = value { return true }; return false }()
    let total = signText.count + body.count
    let pad = max(0, width - total)
    let padding = String(repeating: fill, count: pad)
    switch align ?? (isNumber ? ">" : "<") {
    case "<": return signText + body + padding
    case "^": return String(repeating: fill, count: pad / 2) + signText + body + String(repeating: fill, count: pad - pad / 2)
    case "=": return signText + padding + body
    default: return padding + signText + body
    }
}
