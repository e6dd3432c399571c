// Display width of text in terminal columns, ignoring ANSI escapes.

/// Measuring and padding text by terminal columns rather than by characters.
public enum TextWidth {
    /// Columns `text` takes in a terminal: East Asian wide characters and emoji count 2,
    /// combining marks and zero-width characters 0, ANSI escape sequences 0.
    public static func of(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                // CSI sequences end with a byte in 0x40...0x7E (after the '[').
                if scalar.value >= 0x40 && scalar.value <= 0x7E && scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            width += columns(of: scalar)
        }
        return width
    }

    /// Columns one scalar takes (0, 1 or 2).
    static func columns(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }

    /// `text` padded with spaces to `width` columns on the given side (never truncated).
    public static func pad(_ text: String, to width: Int, alignment: Alignment) -> String {
        let missing = max(0, width - of(text))
        switch alignment {
        case .left: return text + String(repeating: " ", count: missing)
        case .right: return String(repeating: " ", count: missing) + text
        case .center:
            let left = missing / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: missing - left)
        }
    }

    /// `text` cut to at most `width` columns, ending in "…" when cut (no ANSI escapes expected).
    public static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        for ch in text {
            let w = of(String(ch))
            if used + w > width - 1 { break }
            out.append(ch); used += w
        }
        return out + "…"
    }
}

extension TextWidth {
    /// `text` broken at spaces into lines of at most `width` columns, later lines starting
    /// with `indent`; a word longer than a line is cut with "…" (never split mid-word).
    public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        var lines: [String] = []
        var current: String?
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            guard let line = current else { current = String(word); continue }
            let candidate = line + " " + word
            if of(candidate) > width, !word.isEmpty, !line.allSatisfy({ $0 == " " }) {
                lines.append(line); current = indent + word
            } else {
                current = candidate
            }
        }
        if let current { lines.append(current) }
        return lines.map { truncate($0, to: width) }
    }
}

/// Horizontal alignment of text in a column or cell.
public enum Alignment: String, Sendable, Equatable {
    case left, right, center
}
