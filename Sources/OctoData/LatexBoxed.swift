// Finding `\boxed{...}` in LaTeX with balanced braces, as MATH solutions mark their answer.

/// Helpers for the `\boxed{}` answer convention of MATH and of the lab's QA text.
public enum LatexBoxed {
    /// The content of the last `\boxed{...}` or `\fbox{...}` in `text`, braces balanced;
    /// nil when there is none or its braces never close.
    public static func lastBoxed(in text: String) -> String? {
        let chars = Array(text.unicodeScalars)
        let markers = [Array("\\boxed".unicodeScalars), Array("\\fbox".unicodeScalars)]
        var i = chars.count - 1
        while i >= 0 {
            for m in markers where i + m.count <= chars.count && chars[i] == "\\" && Array(chars[i..<(i + m.count)]) == m {
                if let content = braced(chars, from: i + m.count) { return content }
            }
            i -= 1
        }
        return nil
    }

    /// The text inside the brace group starting at `from` (after optional spaces).
    static func braced(_ chars: [Unicode.Scalar], from: Int) -> String? {
        var j = from
        while j < chars.count && chars[j] == " " { j += 1 }
        guard j < chars.count, chars[j] == "{" else { return nil }
        var depth = 0
        var content = String.UnicodeScalarView()
        for k in j..<chars.count {
            let c = chars[k]
            if c == "{" { depth += 1; if depth == 1 { continue } }
            if c == "}" { depth -= 1; if depth == 0 { return String(content) } }
            content.append(c)
        }
        return nil
    }
}
