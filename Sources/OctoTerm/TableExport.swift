// Table export: GitHub-flavoured Markdown and RFC 4180 CSV.
import Foundation

extension Table {
    /// The table as a GitHub-flavoured Markdown table (padded so that it also reads as text).
    /// `|` in cells is escaped as `\|`, newlines become `<br>`.
    public func markdown() -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: "<br>")
                .replacingOccurrences(of: "\n", with: "<br>")
        }
        let body = alignedBody().map { $0.map(escape) }
        let headers = columns.map { escape($0.header) }
        let widths = columns.indices.map { c in
            max(3, TextWidth.of(headers[c]), body.map { TextWidth.of($0[c]) }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.indices.map { TextWidth.pad(cells[$0], to: widths[$0], alignment: alignment(of: $0)) }
                .joined(separator: " | ") + " |"
        }
        let rule = "|" + columns.indices.map { c -> String in
            let dashes = String(repeating: "-", count: widths[c] - 1)
            switch alignment(of: c) {
            case .left: return " :" + dashes + " "
            case .right: return " " + dashes + ": "
            case .center: return " :" + String(dashes.dropLast()) + ": "
            }
        }.joined(separator: "|") + "|"
        var lines = [line(headers), rule] + body.map(line)
        if let title { lines.insert("**\(escape(title))**\n", at: 0) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table as CSV (RFC 4180): a header row, then one line per row; fields with commas,
    /// quotes or line breaks are quoted and quotes doubled. Doubles keep full precision.
    public func csv() -> String {
        func field(_ s: String) -> String {
            let needsQuotes = s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                || s.hasPrefix(" ") || s.hasSuffix(" ")
            return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func raw(_ cell: Cell) -> String {
            switch cell {
            case .text(let s): return s
            case .integer(let i): return String(i)
            case .number(let x): return x.isFinite ? "\(x)" : (x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf"))
            case .empty: return ""
            }
        }
        let lines = [columns.map { field($0.header) }.joined(separator: ",")]
            + rows.map { $0.map { field(raw($0)) }.joined(separator: ",") }
        return lines.joined(separator: "\n") + "\n"
    }
}
