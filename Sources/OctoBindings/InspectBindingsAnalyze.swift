// `analyze(batch, gold=nil)`: the structure of chains of thought over a batch (OctoEval's
// CoTAnalysis) — reflection, repetition and truncation rates, length, accuracy — as an
// Analysis object whose repr is the summary table, with `.rows`, `.summary`, `.table()` and
// `.hist()` (length histogram by correctness).
import Foundation
import OctoEval
import OctoTerm

/// The analyses of a batch of responses.
public final class AnalysisBox {
    public let analyses: [CoTAnalysis]
    /// "tokens" when every response came with tokens, else "words".
    public let unit: String
    init(_ analyses: [CoTAnalysis], unit: String) { self.analyses = analyses; self.unit = unit }

    /// The summary table: metrics × (all, correct, incorrect when golds are known).
    public func summaryTable() -> Table {
        let all = CoTBatchSummary(analyses)
        let graded = analyses.contains { $0.correct != nil }
        let right = CoTBatchSummary(analyses.filter { $0.correct == true })
        let wrong = CoTBatchSummary(analyses.filter { $0.correct == false })
        var columns = [Table.Column("metric"), Table.Column("all", alignment: .right)]
        if graded { columns += [Table.Column("correct", alignment: .right), Table.Column("incorrect", alignment: .right)] }
        var table = Table(columns: columns, title: "CoT analysis · \(analyses.count) response\(analyses.count == 1 ? "" : "s") · length in \(unit)")
        let pct = { (x: Double?) -> String in x.map { NumberFormat.fixed($0 * 100, decimals: 1) + "%" } ?? "" }
        let num = { (x: Double?) -> String in x.map { NumberFormat.significant($0, digits: 4) } ?? "" }
        let rows: [(String, (CoTBatchSummary) -> String)] = [
            ("responses", { String($0.count) }),
            ("accuracy", { pct($0.accuracy) }),
            ("reflection rate", { pct($0.reflectionRate) }),
            ("reflections / response", { num($0.meanReflections) }),
            ("repetition rate", { pct($0.repetitionRate) }),
            ("rep-4 (mean)", { num($0.meanNgramRepetition) }),
            ("truncation rate", { pct($0.truncationRate) }),
            ("mean length", { num($0.meanLength) }),
            ("correct somewhere", { pct($0.correctSomewhereRate) }),
            ("overwritten", { pct($0.overwrittenRate) }),
            ("first correct at (mean)", { num($0.meanFirstCorrectPosition) }),
        ]
        for (name, value) in rows {
            if !graded && ["accuracy", "correct somewhere", "overwritten", "first correct at (mean)"].contains(name) { continue }
            var row: [Table.Cell] = [.text(name), .text(value(all))]
            if graded {
                // Rates that are trivially 0 or 100% inside a correctness group stay blank there.
                let split = !["accuracy", "overwritten"].contains(name)
                row += [.text(split && right.count > 0 ? value(right) : ""), .text(split && wrong.count > 0 ? value(wrong) : "")]
            }
            try? table.append(row)
        }
        return table
    }

    /// One dict per response.
    func rows() -> [Value] {
        analyses.enumerated().map { i, a in row(i, a) }
    }

    private func row(_ i: Int, _ a: CoTAnalysis) -> Value {
        func pos(_ token: Int?, _ offset: Int) -> Value { .int(a.position(ofByte: offset)) }
        let firstReflection: Value = a.reflections.first.map { pos($0.token, $0.offset) } ?? .null
        let loop = a.loops.first
        let loopStart: Value = loop.map { pos($0.token, $0.offset) } ?? .null
        let loopPeriod: Value = loop.map { .int($0.period) } ?? .null
        let loopBlock: Value = loop.map { .string($0.block) } ?? .null
        let final: Value = a.finalAnswer.map(Value.string) ?? .null
        let correct: Value = a.correct.map(Value.bool) ?? .null
        let firstCorrect: Value = a.firstCorrect.map { pos($0.token, $0.offset) } ?? .null
        var pairs: [(String, Value)] = []
        pairs.append(("index", .int(i)))
        pairs.append(("length", .int(a.length)))
        pairs.append(("steps", .int(a.steps.count)))
        pairs.append(("truncated", .bool(a.truncated)))
        pairs.append(("reflections", .int(a.reflections.count)))
        pairs.append(("first_reflection", firstReflection))
        pairs.append(("phrases", .strings(a.reflections.map(\.phrase))))
        pairs.append(("loop", .bool(a.hasLoop)))
        pairs.append(("loop_start", loopStart))
        pairs.append(("loop_period", loopPeriod))
        pairs.append(("loop_block", loopBlock))
        pairs.append(("rep4", .float((a.ngramRepetition * 1e4).rounded() / 1e4)))
        pairs.append(("answers", .strings(a.mentions.map(\.text))))
        pairs.append(("final_answer", final))
        pairs.append(("correct", correct))
        pairs.append(("first_correct", firstCorrect))
        pairs.append(("overwritten", .bool(a.overwritten)))
        return .record(pairs)
    }

    /// Length histograms, one panel per correctness group (one panel without golds), over a shared range.
    func histogram(bins: Int) throws -> PlotBox {
        let lengths = analyses.map { Double($0.length) }
        let lo = lengths.min() ?? 0, hi = max(lengths.max() ?? 1, lo + 1)
        let label = "length (\(unit))"
        if !analyses.contains(where: { $0.correct != nil }) {
            return PlotBox(.histogram(try Histogram(lengths, bins: bins, range: lo...hi, title: "\(label) · n=\(lengths.count)", xLabel: unit)))
        }
        let groups: [(String, [Double])] = [
            ("correct", analyses.filter { $0.correct == true }.map { Double($0.length) }),
            ("incorrect", analyses.filter { $0.correct != true }.map { Double($0.length) }),
        ]
        return PlotBox(.stack(try groups.map { name, values in
            try Histogram(values, bins: bins, range: lo...hi, title: "\(label) · \(name) · n=\(values.count)", xLabel: unit)
        }))
    }
}

extension InspectBindings {
    static let analysisType: NativeType<AnalysisBox> = NativeType("Analysis", doc: "CoT structure of a batch: rates, per-response rows, length histogram.") { t in
        t.attribute("rows", .list, doc: "one dict per response: length, reflections, loop, answers, first_correct, …") { .makeList($0.rows()) }
        t.attribute("summary", .dict, doc: "the batch rates as a dict") { b in
            let s = CoTBatchSummary(b.analyses)
            let opt = { (x: Double?) -> Value in x.map(Value.float) ?? .null }
            return .record([("count", .int(s.count)), ("accuracy", opt(s.accuracy)), ("reflection_rate", .float(s.reflectionRate)),
                            ("reflections_per_response", .float(s.meanReflections)), ("repetition_rate", .float(s.repetitionRate)),
                            ("rep4", .float(s.meanNgramRepetition)), ("truncation_rate", .float(s.truncationRate)),
                            ("mean_length", .float(s.meanLength)), ("correct_somewhere", opt(s.correctSomewhereRate)),
                            ("overwritten", opt(s.overwrittenRate)), ("first_correct_mean", opt(s.meanFirstCorrectPosition))])
        }
        t.attribute("count", .int, doc: "number of responses") { .int($0.analyses.count) }
        t.method("table", doc: "The summary as a Table (.markdown(), .csv()).") { b, _, _ in PlotBindings.tableType.wrap(TableBox(b.summaryTable())) }
        t.method("hist", params: [Param("bins", .int, default: 10)], doc: "Length histogram by correctness (a Plot; .save(\"x.svg\")).") { b, a, _ in
            let bins = a.intArg("bins")
            guard bins >= 1 else { throw a.error("bins must be at least 1, got \(bins)") }
            return PlotBindings.plotType.wrap(try b.histogram(bins: bins))
        }
        t.elements { b, _ in b.rows() }
        t.repr { $0.summaryTable().render(color: terminal().color, width: viewWidth()).trimmingCharacters(in: .newlines) }
    }

    /// One response to analyse: text, truncation, token byte lengths, and its own gold.
    struct AnalysisInput { var text: String; var truncated: Bool; var byteLengths: [Int]?; var gold: String? }

    /// The responses inside a value: a response, a string, a list of them, or a batch object.
    static func analysisInputs(_ v: Value, _ interp: Interpreter, depth: Int = 0) throws -> [AnalysisInput] {
        if let r = response(v) {
            let lengths = r.responseTokenizer == nil ? nil : ResponseTokens(r).byteLengths
            return [AnalysisInput(text: r.responseText, truncated: r.truncated, byteLengths: lengths, gold: r.gold)]
        }
        if let s = v.stringValue { return [AnalysisInput(text: s, truncated: false, byteLengths: nil, gold: nil)] }
        guard depth < 2 else { throw ScriptError(.type, "analyze: expected Samples or strings, got \(v.typeName) nested too deep") }
        var items: [Value]?
        if let list = v.listItems { items = list }
        if case .native(let object) = v { items = try object.elements(interpreter: interp) }
        guard let items else { throw ScriptError(.type, "analyze: expected a Sample, a string, or a list/batch of them, got \(v.typeName)") }
        return try items.flatMap { try analysisInputs($0, interp, depth: depth + 1) }
    }

    static func registerAnalyze(in r: Registry) {
        r.describe(analysisType)
        r.function("analyze", params: [
            Param("x", .any, doc: "a Sample, a list of Samples or texts, or a batch of rollouts"),
            Param("gold", .any, default: .null, doc: "the reference answer, or one per response"),
            Param("style", .string, default: "math", doc: "grading style: gsm8k, math, amc, olympiad"),
            Param("steps", .choice(["line", "sentence"]), default: "line", doc: "step unit: line or sentence"),
        ], doc: "CoT structure of responses: reflection, repetition, truncation, first correct answer; a table.") { a, interp in
            let inputs = try analysisInputs(a["x"], interp)
            guard !inputs.isEmpty else { throw a.error("analyze: no responses given") }
            var golds: [String?] = inputs.map(\.gold)
            switch a["gold"] {
            case .null: break
            case .list(let l):
                guard l.items.count == inputs.count else { throw a.error("gold: \(l.items.count) answers for \(inputs.count) responses") }
                golds = l.items.map { $0.isNull ? nil : $0.str }
            case let g: golds = inputs.map { _ in g.str }
            }
            guard let style = GradingStyle(name: a.stringArg("style")) else { throw a.error("unknown style '\(a.stringArg("style"))' (gsm8k, math, amc, olympiad)") }
            guard let unit = CoTStepUnit(rawValue: a.stringArg("steps")) else { throw a.error("steps must be \"line\" or \"sentence\"") }
            let options = CoTAnalysis.Options(steps: unit, style: style)
            let analyses = zip(inputs, golds).map { input, gold in
                CoTAnalysis(text: input.text, gold: gold, truncated: input.truncated, tokenByteLengths: input.byteLengths, options: options)
            }
            return analysisType.wrap(AnalysisBox(analyses, unit: inputs.allSatisfy { $0.byteLengths != nil } ? "tokens" : "words"))
        }
    }
}

extension Value {
    var isNull: Bool { if case .null = self { return true }; return false }
}
