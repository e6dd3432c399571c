// Bindings for plots and tables (OctoTerm): `plot` (line plots of history rows, dicts of
// series, or one list), `hist`, `bar`, `table`. A Plot's repr draws it in the terminal
// (braille or blocks; plain text outside the interactive REPL, so sessions replay) and
// `.save("x.svg")` writes a self-contained SVG. A Table has `.markdown()` and `.csv()`.
import Foundation
import OctoTerm

/// A drawable figure: a line plot, a histogram, a bar chart, or histogram panels stacked.
public final class PlotBox {
    public enum Figure {
        case line(LinePlot)
        case histogram(Histogram)
        case bar(BarChart)
        /// Panels drawn one under the other (over a shared x range), e.g. lengths by correctness.
        case stack([Histogram])
    }
    public let figure: Figure
    /// Size of the text rendering (columns × lines of the whole figure).
    public var width: Int
    public var height: Int
    public init(_ figure: Figure, width: Int = 72, height: Int = 16) { self.figure = figure; self.width = width; self.height = height }

    /// The figure as text.
    public func render(color: ColorMode = .off, width: Int? = nil, height: Int? = nil) -> String {
        let w = width ?? self.width, h = height ?? self.height
        switch figure {
        case .line(let p): return p.render(width: w, height: h, color: color)
        case .histogram(let p): return p.render(width: w, height: h, color: color)
        case .bar(let p): return p.render(width: w, color: color)
        case .stack(let panels): return panels.map { $0.render(width: w, height: max(6, h / 2 + 2), color: color) }.joined(separator: "\n")
        }
    }

    /// The figure as one self-contained SVG document (stacked panels are nested `<svg>`s).
    public func svg(width: Int = 640, height: Int = 400) -> String {
        switch figure {
        case .line(let p): return p.svg(width: width, height: height)
        case .histogram(let p): return p.svg(width: width, height: height)
        case .bar(let p): return p.svg(width: width)
        case .stack(let panels):
            let panelHeight = max(120, height / 2)
            var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" height=\"\(panelHeight * panels.count)\" viewBox=\"0 0 \(width) \(panelHeight * panels.count)\">\n"
            for (i, panel) in panels.enumerated() {
                let inner = panel.svg(width: width, height: panelHeight).split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.hasPrefix("<?xml") }.joined(separator: "\n")
                out += inner.replacingOccurrences(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"",
                                                  with: "<svg x=\"0\" y=\"\(i * panelHeight)\"")
            }
            return out + "</svg>\n"
        }
    }
}

/// A table value (`table(rows)`, `analysis.table()`).
public final class TableBox {
    public let table: Table
    public init(_ table: Table) { self.table = table }
}

enum PlotBindings {
    static let plotType: NativeType<PlotBox> = NativeType("Plot", doc: "A line plot, histogram or bar chart; repr draws it, .save writes SVG.") { t in
        t.attribute("width", .int, doc: "columns of the text rendering", get: { .int($0.width) }, set: { p, v in p.width = max(10, v.intValue ?? 72) })
        t.attribute("height", .int, doc: "lines of the text rendering", get: { .int($0.height) }, set: { p, v in p.height = max(4, v.intValue ?? 16) })
        t.method("save", params: [Param("path", .string, doc: "an .svg file"), Param("width", .int, default: 640), Param("height", .int, default: 400)],
                 doc: "Writes the plot as a self-contained SVG file (atomically).") { p, a, _ in
            let path = a.stringArg("path")
            try bridge("save") { try SVGText.save(p.svg(width: a.intArg("width"), height: a.intArg("height")), to: path) }
            return .null
        }
        t.method("svg", params: [Param("width", .int, default: 640), Param("height", .int, default: 400)], doc: "The SVG document as a string.") { p, a, _ in
            .string(p.svg(width: a.intArg("width"), height: a.intArg("height")))
        }
        t.method("render", params: [Param("width", .optional(.int), default: .null), Param("height", .optional(.int), default: .null)],
                 doc: "The text rendering as a string (colour off).") { p, a, _ in
            .string(p.render(width: a.int("width"), height: a.int("height")))
        }
        t.repr { $0.render(color: InspectBindings.terminal().color).trimmingCharacters(in: .newlines) }
    }

    static let tableType: NativeType<TableBox> = NativeType("Table", doc: "Rows and columns; repr draws it, .markdown() and .csv() export it.") { t in
        t.attribute("columns", .list, doc: "column headers") { .strings($0.table.columns.map(\.header)) }
        t.attribute("rows", .list, doc: "rows as lists") { b in
            .makeList(b.table.rows.map { row in .makeList(row.map { cell -> Value in
                switch cell { case .text(let s): return .string(s); case .integer(let i): return .int(i); case .number(let x): return .float(x); case .empty: return .null }
            }) })
        }
        t.method("markdown", doc: "A GitHub-flavoured Markdown table.") { b, _, _ in .string(b.table.markdown()) }
        t.method("csv", doc: "RFC 4180 CSV with a header row.") { b, _, _ in .string(b.table.csv()) }
        t.method("save", params: [Param("path", .string, doc: ".md or .csv")], doc: "Writes Markdown or CSV by the file's extension.") { b, a, _ in
            let path = a.stringArg("path")
            let text = path.lowercased().hasSuffix(".csv") ? b.table.csv() : b.table.markdown()
            try bridge("save") { try SVGText.save(text, to: path) }
            return .null
        }
        t.repr { $0.table.render(color: InspectBindings.terminal().color, width: InspectBindings.viewWidth()).trimmingCharacters(in: .newlines) }
    }

    // MARK: - Converting values

    /// A number, or NaN for nil / missing (a gap in the line).
    static func number(_ v: Value?) -> Double? {
        guard let v else { return .nan }
        if v.isNull { return .nan }
        return v.doubleValue
    }

    static func numbers(_ v: Value, _ what: String, _ a: BoundArguments) throws -> [Double] {
        guard let items = v.listItems else { throw a.error("\(what) must be a list of numbers, got \(v.typeName)", kind: .type) }
        return try items.enumerated().map { i, x in
            guard let d = number(x) else { throw a.error("\(what)[\(i)] is \(x.typeName), not a number", kind: .type) }
            return d
        }
    }

    static func dictValue(_ d: ScriptDict, _ key: String) -> Value? { d[.string(key)] }

    /// The series of a `plot(data, *keys)` call.
    static func series(_ data: Value, keys: [String], x xKey: String?, _ a: BoundArguments) throws -> [LinePlot.Series] {
        if case .dict(let d) = data {
            guard keys.isEmpty else { throw a.error("plot(dict) takes no keys: each entry is a series") }
            return try d.entries.map { k, v in LinePlot.Series(name: k.value.str, y: try numbers(v, "plot: series '\(k.value.str)'", a)) }
        }
        guard let items = data.listItems else { throw a.error("plot: expected a list of numbers, a list of dicts, or a dict of series; got \(data.typeName)", kind: .type) }
        let rows = items.compactMap { v -> ScriptDict? in if case .dict(let d) = v { return d }; return nil }
        if rows.count == items.count && !items.isEmpty {
            guard !keys.isEmpty else {
                throw a.error("plot(rows): name the columns to draw, e.g. plot(history, \"loss\")")
            }
            let xName = xKey ?? (rows.allSatisfy { dictValue($0, "step") != nil } ? "step" : nil)
            let xs = try xName.map { name in try rows.enumerated().map { i, r -> Double in
                guard let x = number(dictValue(r, name)), x.isFinite else { throw a.error("plot: row \(i) has no number '\(name)' for x") }
                return x
            } } ?? rows.indices.map(Double.init)
            return try keys.map { key in
                guard rows.contains(where: { dictValue($0, key) != nil }) else {
                    let known = rows.first.map { $0.keys.map(\.value.str).joined(separator: ", ") } ?? ""
                    throw a.error("plot: no row has '\(key)' (keys: \(known))", kind: .key)
                }
                let ys = try rows.enumerated().map { i, r -> Double in
                    guard let y = number(dictValue(r, key)) else { throw a.error("plot: row \(i) '\(key)' is not a number", kind: .type) }
                    return y
                }
                return try LinePlot.Series(name: key, x: xs, y: ys)
            }
        }
        guard keys.isEmpty else { throw a.error("plot(list of numbers) takes no keys") }
        return [LinePlot.Series(name: "", y: try numbers(data, "plot: values", a))]
    }

    static func register(in r: Registry) {
        r.describe(plotType); r.describe(tableType)
        r.function("plot", params: [
            Param("data", .any, doc: "a list of numbers, a list of dicts (history), or a dict of series"),
            Param("title", .optional(.string), default: .null), Param("x", .optional(.string), default: .null, doc: "x column of rows (default: step, if present)"),
            Param("ylabel", .optional(.string), default: .null), Param("width", .int, default: 72), Param("height", .int, default: 16),
        ], variadic: Param("keys", .string, doc: "columns of the rows to draw"), doc: "A line plot (braille); .save(\"x.svg\") writes SVG.") { a, _ in
            let keys = try a.rest.map { v -> String in
                guard let s = v.stringValue else { throw a.error("plot: column names must be strings, got \(v.typeName)", kind: .type) }
                return s
            }
            let s = try series(a["data"], keys: keys, x: a.string("x"), a)
            var xLabel = a.string("x")
            if xLabel == nil, let items = a["data"].listItems, case .dict(let d)? = items.first, dictValue(d, "step") != nil { xLabel = "step" }
            let p = LinePlot(title: a.string("title"), xLabel: xLabel, yLabel: a.string("ylabel"), series: s)
            return plotType.wrap(PlotBox(.line(p), width: max(20, a.intArg("width")), height: max(6, a.intArg("height"))))
        }
        r.function("hist", params: [
            Param("values", .list), Param("bins", .int, default: 20), Param("title", .optional(.string), default: .null),
            Param("range", .optional(.list), default: .null, doc: "[lo, hi]"), Param("xlabel", .optional(.string), default: .null),
            Param("width", .int, default: 72), Param("height", .int, default: 16),
        ], doc: "A histogram (block characters); .save(\"x.svg\") writes SVG.") { a, _ in
            let values = try numbers(a["values"], "hist: values", a)
            var range: ClosedRange<Double>?
            if let lohi = a["range"].listItems {
                guard lohi.count == 2, let lo = lohi[0].doubleValue, let hi = lohi[1].doubleValue, lo < hi else { throw a.error("range must be [lo, hi] with lo < hi") }
                range = lo...hi
            }
            let h = try bridge("hist") { try Histogram(values, bins: a.intArg("bins"), range: range, title: a.string("title"), xLabel: a.string("xlabel")) }
            return plotType.wrap(PlotBox(.histogram(h), width: max(20, a.intArg("width")), height: max(6, a.intArg("height"))))
        }
        r.function("bar", params: [
            Param("data", .any, doc: "a dict label → number, or a Table (first column labels)"),
            Param("value", .optional(.string), default: .null, doc: "the Table column to draw (default: the last numeric one)"),
            Param("title", .optional(.string), default: .null), Param("width", .int, default: 72),
        ], doc: "A horizontal bar chart; .save(\"x.svg\") writes SVG.") { a, _ in
            var labels: [String] = [], values: [Double] = []
            if case .dict(let d) = a["data"] {
                for (k, v) in d.entries {
                    guard let x = v.doubleValue else { throw a.error("bar: '\(k.value.str)' is \(v.typeName), not a number", kind: .type) }
                    labels.append(k.value.str); values.append(x)
                }
            } else if let box = tableType.unwrap(a["data"]) {
                let t = box.table
                let numeric = t.columns.indices.filter { c in !t.rows.isEmpty && t.rows.allSatisfy { row in
                    if case .number = row[c] { return true }; if case .integer = row[c] { return true }; return false } }
                let column: Int?
                if let name = a.string("value") { column = t.columns.firstIndex { $0.header == name } } else { column = numeric.last }
                guard let c = column, numeric.contains(c) else { throw a.error("bar: no numeric column \(a.string("value").map { "'\($0)'" } ?? "") in the table (numeric: \(numeric.map { t.columns[$0].header }))") }
                for row in t.rows {
                    labels.append(t.text(of: row[0], column: 0))
                    switch row[c] { case .number(let x): values.append(x); case .integer(let i): values.append(Double(i)); default: values.append(.nan) }
                }
            } else {
                throw a.error("bar: expected a dict or a Table, got \(a["data"].typeName)", kind: .type)
            }
            let chart = try bridge("bar") { try BarChart(labels: labels, values: values, title: a.string("title")) }
            return plotType.wrap(PlotBox(.bar(chart), width: max(20, a.intArg("width"))))
        }
        r.function("table", params: [
            Param("rows", .list, doc: "a list of dicts (columns from their keys) or of lists"),
            Param("columns", .optional(.list), default: .null, doc: "headers (and order) of the columns"),
            Param("title", .optional(.string), default: .null),
        ], doc: "A table; repr draws it, .markdown() / .csv() export it.") { a, _ in
            let items = a["rows"].listItems ?? []
            var headers: [String] = a["columns"].listItems?.map(\.str) ?? []
            let dicts = items.compactMap { v -> ScriptDict? in if case .dict(let d) = v { return d }; return nil }
            if headers.isEmpty {
                if dicts.count == items.count {
                    for d in dicts { for k in d.keys where !headers.contains(k.value.str) { headers.append(k.value.str) } }
                } else {
                    headers = (0..<(items.map { $0.listItems?.count ?? 1 }.max() ?? 0)).map { "c\($0)" }
                }
            }
            var table = Table(headers: headers, title: a.string("title"))
            for (i, item) in items.enumerated() {
                let cells: [Value]
                if case .dict(let d) = item { cells = headers.map { d[.string($0)] ?? .null } }
                else if let l = item.listItems { cells = l }
                else { throw a.error("table: row \(i) is \(item.typeName); rows must be dicts or lists", kind: .type) }
                guard cells.count == headers.count else { throw a.error("table: row \(i) has \(cells.count) cells for \(headers.count) columns") }
                try table.append(cells.map { v -> Table.Cell in
                    switch v {
                    case .null: return .empty
                    case .int(let i): return .integer(i)
                    case .float(let x): return .number(x)
                    case .string(let s): return .text(s)
                    default: return .text(v.str)
                    }
                })
            }
            return tableType.wrap(TableBox(table))
        }
    }
}

/// Writes text files atomically for plots and tables.
enum SVGText {
    static func save(_ text: String, to path: String) throws {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) }
        catch { throw TermError.writeFailed(path: path, reason: error.localizedDescription) }
    }
}
