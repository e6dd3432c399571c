// A minimal YAML writer for config trees (block mappings, flow lists, plain scalars), and the
// flattening into Hydra `a.b.c=value` overrides, each one quoted shell word. Floats always
// carry a dot or exponent that PyYAML reads as float ("1.0e-06", not "1e-06").
import Foundation
import OctoTrain

typealias OctoTrainSchedule = Schedule

/// A YAML value.
indirect enum YAMLTree {
    case map([(String, YAMLTree)])
    case list([YAMLTree])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    /// Block-style YAML, two-space indent.
    static func render(_ t: YAMLTree, indent: Int = 0) -> String {
        guard case .map(let pairs) = t else { return scalar(t) + "\n" }
        let pad = String(repeating: " ", count: indent)
        return pairs.map { k, v in
            if case .map = v { return pad + k + ":\n" + render(v, indent: indent + 2) }
            return pad + k + ": " + scalar(v) + "\n"
        }.joined()
    }

    /// The tree as Hydra command-line overrides, one shell word each, in depth-first order:
    /// `'key=value'` with Hydra's list syntax (`[0.9,0.999]`, no spaces, so the shell cannot
    /// split it). A value that starts with `$PWD` is Hydra-quoted and the word double-quoted,
    /// so the shell expands the folder and Hydra keeps any space in it.
    static func overrides(_ t: YAMLTree) -> [String] {
        leaves(t).map { key, value in
            let v = hydraValue(value)
            if v.contains("$PWD") {
                let escaped = (key + "=" + v).replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "`", with: "\\`")
                return "\"" + escaped + "\""
            }
            return "'" + (key + "=" + v).replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
    }

    /// `a.b.c` → leaf value, depth first.
    static func leaves(_ t: YAMLTree, prefix: String = "") -> [(String, YAMLTree)] {
        guard case .map(let pairs) = t else { return [(prefix, t)] }
        return pairs.flatMap { k, v in leaves(v, prefix: prefix.isEmpty ? k : prefix + "." + k) }
    }

    /// A value in Hydra's override grammar.
    static func hydraValue(_ t: YAMLTree) -> String {
        switch t {
        case .list(let xs): return "[" + xs.map(hydraValue).joined(separator: ",") + "]"
        case .string(let s):
            if isPlain(s) { return s }
            return "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        default: return scalar(t)
        }
    }

    /// A string that YAML and Hydra both read back as the same string without quotes.
    static func isPlain(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "./_-".contains($0)) }
            && Double(s) == nil && !["true", "false", "null", "yes", "no", "on", "off", "nan", "inf"].contains(s.lowercased())
    }

    static func scalar(_ t: YAMLTree) -> String {
        switch t {
        case .map: return "{}"
        case .list(let xs): return "[" + xs.map(scalar).joined(separator: ", ") + "]"
        case .string(let s):
            return isPlain(s) ? s : "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double(let d): return float(d)
        }
    }

    /// A float PyYAML and OmegaConf both read as float.
    static func float(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d > 0 ? ".inf" : "-.inf" }
        if d == d.rounded() && abs(d) < 1e15 { return String(format: "%.1f", d) }
        let s = "\(d)"
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s }
        var mantissa = String(s[..<e]), exponent = String(s[s.index(after: e)...])
        if !mantissa.contains(".") { mantissa += ".0" }
        if !exponent.hasPrefix("-") && !exponent.hasPrefix("+") { exponent = "+" + exponent }
        let sign = exponent.prefix(1), digits = exponent.dropFirst()
        return mantissa + "e" + sign + (digits.count < 2 ? "0" + digits : String(digits))
    }
}
