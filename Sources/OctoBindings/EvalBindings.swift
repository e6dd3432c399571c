// Bindings of OctoEval: grade / extract answers, print prompt templates, and evaluate models
// on benchmarks into a Report (table, rows, samples, filters, export).
import Foundation
import OctoTensor
import OctoTokenizer
import OctoModel
import OctoData
import OctoEval
import OctoTerm

/// One graded response as the language sees it, with the model that wrote it.
public final class EvalSampleBox {
    public let sample: EvalSample
    public let model: DecoderModel?
    public let tokenizer: Tokenizer?
    init(_ s: EvalSample, model: DecoderModel?, tokenizer: Tokenizer?) { sample = s; self.model = model; self.tokenizer = tokenizer }
}

/// An evaluation report and the models it ran, by display name.
public final class ReportBox {
    public let report: EvalReport
    let models: [String: EvalModel]
    init(_ r: EvalReport, models: [String: EvalModel]) { report = r; self.models = models }

    func box(_ s: EvalSample) -> Value {
        let m = models[s.model]
        return EvalBindings.sampleType.wrap(EvalSampleBox(s, model: m?.model, tokenizer: m?.tokenizer))
    }
}

enum EvalBindings {
    static let sampleType: NativeType<EvalSampleBox> = NativeType("EvalSample", doc: "One graded response of an evaluation.") { t in
        t.attribute("benchmark", .string, doc: "benchmark name") { .string($0.sample.benchmark) }
        t.attribute("model", .string, doc: "model name") { .string($0.sample.model) }
        t.attribute("problem_id", .string, doc: "the problem's id") { .string($0.sample.problemId) }
        t.attribute("sample_index", .int, doc: "which of the n samples (0-based)") { .int($0.sample.sampleIndex) }
        t.attribute("prompt", .string, doc: "the full prompt (shots included)") { .string($0.sample.prompt) }
        t.attribute("text", .string, doc: "the response (cut before a stop string)") { .string($0.sample.text) }
        t.attribute("gold", .string, doc: "the gold answer") { .string($0.sample.gold) }
        t.attribute("pred", doc: "the extracted answer, or nil") { $0.sample.pred.map(Value.string) ?? .null }
        t.attribute("correct", .bool, doc: "the grader's verdict") { .bool($0.sample.correct) }
        t.attribute("ids", .list, doc: "generated token ids") { .ints($0.sample.ids) }
        t.attribute("prompt_ids", .list, doc: "prompt token ids (empty for samples not generated here)") { .ints($0.sample.raw?.promptIds ?? []) }
        t.attribute("tokens", .list, doc: "generated token strings") { b in
            .strings(b.sample.ids.map { b.tokenizer?.tokenString($0) ?? "<\($0)>" })
        }
        t.attribute("logprobs", .list, doc: "log p of each token") { .floats($0.sample.logprobs) }
        t.attribute("entropies", .list, doc: "entropy (nats) at each step") { .floats($0.sample.entropies) }
        t.attribute("alternatives", .list, doc: "per token: top [id, prob] pairs (empty unless evaluate(alternatives=…))") { b in
            .makeList((b.sample.raw?.alternatives ?? []).map { step in .makeList(step.map { .makeList([.int($0.id), .float(Double($0.prob))]) }) })
        }
        t.attribute("truncated", .bool, doc: "hit max_tokens without stopping") { .bool($0.sample.truncated) }
        t.attribute("stop_reason", .string, doc: "stop_token, stop_string or max_tokens") { .string($0.sample.stopReason.rawValue) }
        t.attribute("length", .int, doc: "generated tokens") { .int($0.sample.length) }
        t.attribute("sample", doc: "the engine's Sample (for inspect), or nil") { b in
            guard let raw = b.sample.raw, let m = b.model else { return .null }
            return ModelBindings.sampleType.wrap(SampleBox(raw, tokenizer: b.tokenizer, model: m))
        }
        t.attribute("model_object", doc: "the Model that wrote it, or nil") { b in b.model.map { ModelBindings.modelType.wrap($0) } ?? .null }
        t.repr { b in
            let s = b.sample
            let text = s.text.count > 40 ? String(s.text.prefix(40)) + "…" : s.text
            return "<EvalSample \(s.benchmark) \(s.problemId) \(s.model) \(s.correct ? "✓" : "✗") pred=\(s.pred ?? "nil") gold=\(s.gold) \(String(reflecting: text))>"
        }
    }

    static let reportType: NativeType<ReportBox> = NativeType("Report", doc: "An evaluation report: rows per (benchmark, model) and every sample.") { t in
        t.attribute("table", .native("Table"), doc: "the rows as a table (repr draws it; .markdown(), .csv())") {
            PlotBindings.tableType.wrap(TableBox(tableValue($0.report)))
        }
        t.attribute("rows", .list, doc: "one dict per (benchmark, model)") { b in .makeList(b.report.rows.map(rowValue)) }
        t.attribute("samples", .list, doc: "every graded sample (EvalSample)") { b in .makeList(b.report.samples.map(b.box)) }
        t.attribute("complete", .bool, doc: "false when the run was interrupted") { .bool($0.report.complete) }
        t.attribute("benchmarks", .list, doc: "benchmark names") { .strings($0.report.benchmarks) }
        t.attribute("models", .list, doc: "model names") { .strings($0.report.models) }
        t.method("where", params: [Param("correct", .optional(.bool), default: .null), Param("benchmark", .optional(.string), default: .null),
                                   Param("model", .optional(.string), default: .null), Param("truncated", .optional(.bool), default: .null)],
                 doc: "The samples matching every given condition.") { b, a, _ in
            .makeList(b.report.samples(correct: a.bool("correct"), benchmark: a.string("benchmark"), model: a.string("model"),
                                       truncated: a.bool("truncated")).map(b.box))
        }
        t.method("accuracy", params: [Param("benchmark", .string), Param("model", .optional(.string), default: .null, doc: "needed when several models ran")],
                 doc: "Accuracy of a model on a benchmark.") { b, a, _ in
            let bench = a.stringArg("benchmark"), model = a.string("model")
            if let acc = b.report.accuracy(benchmark: bench, model: model) { return .float(acc) }
            if !b.report.benchmarks.contains(bench) {
                throw a.error("no benchmark '\(bench)' in this report; benchmarks: \(b.report.benchmarks.joined(separator: ", "))", kind: .key)
            }
            if let m = model { throw a.error("no model '\(m)' in this report; models: \(b.report.models.joined(separator: ", "))", kind: .key) }
            throw a.error("several models ran on \(bench): give model= (one of \(b.report.models.joined(separator: ", ")))")
        }
        t.method("save", params: [Param("path", .string, doc: ".md, .csv or .json")], doc: "Writes the report (atomically).") { b, a, _ in
            try bridge("save") { try b.report.save(to: URL(fileURLWithPath: a.stringArg("path"))) }
            return .null
        }
        t.repr { table($0.report) }
    }

    /// The rows as an OctoTerm table.
    static func table(_ r: EvalReport) -> String {
        tableValue(r).render(color: InspectBindings.terminal().color, width: InspectBindings.viewWidth())
    }

    static func tableValue(_ r: EvalReport) -> Table {
        var t = Table(columns: [Table.Column("benchmark"), Table.Column("model"), Table.Column("template"), Table.Column("shots"),
                                Table.Column("problems"), Table.Column("n"), Table.Column("accuracy", format: .percent(1)),
                                Table.Column("pass@\(r.k)", format: .percent(1)), Table.Column("maj@\(r.k)", format: .percent(1)),
                                Table.Column("mean len", format: .fixed(1)), Table.Column("max len"),
                                Table.Column("truncated", format: .percent(1))],
                      title: r.complete ? nil : "interrupted: partial results")
        // At a narrow width these go first (then columns from the right).
        t.dropOrder = ["template", "shots", "problems", "max len", "n", "maj@\(r.k)", "truncated"]
        for row in r.rows {
            try? t.append([.text(row.benchmark), .text(row.model), .text(row.template), .integer(row.shots), .integer(row.problems),
                           .integer(row.n), .number(row.accuracy), row.passAtK.map(Table.Cell.number) ?? .empty,
                           row.majAtK.map(Table.Cell.number) ?? .empty, .number(row.meanLength), .integer(row.maxLength),
                           .number(row.truncatedShare)])
        }
        return t
    }

    static func rowValue(_ r: EvalRow) -> Value {
        .record([("benchmark", .string(r.benchmark)), ("model", .string(r.model)), ("template", .string(r.template)),
                 ("shots", .int(r.shots)), ("problems", .int(r.problems)), ("n", .int(r.n)), ("samples", .int(r.samples)),
                 ("correct", .int(r.correct)), ("accuracy", .float(r.accuracy)), ("k", .int(r.k)),
                 ("pass_at_k", r.passAtK.map(Value.float) ?? .null), ("maj_at_k", r.majAtK.map(Value.float) ?? .null),
                 ("mean_length", .float(r.meanLength)), ("max_length", .int(r.maxLength)), ("truncated_share", .float(r.truncatedShare))])
    }

    static func style(_ a: BoundArguments) throws -> GradingStyle {
        let name = a.stringArg("style")
        guard let s = GradingStyle(name: name) else {
            throw a.error("unknown style '\(name)'; styles: \(GradingStyle.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return s
    }

    static func template(named name: String) -> PromptTemplate? {
        if let t = PromptTemplate(rawValue: name) { return t }
        switch name.lowercased().filter({ $0.isLetter || $0.isNumber }) {
        case "gsm8k", "gsm", "gsm8kfewshot", "gsm8k8shot": return .gsm8kFewShot
        case "minerva", "math", "minerva4shot", "minervafewshot": return .minervaFewShot
        case "r1zero", "r1": return .r1Zero
        case "stepbystep", "cot": return .stepByStep
        default: return nil
        }
    }

    static func register(in r: Registry) {
        r.describe(sampleType); r.describe(reportType)
        let styleParam = Param("style", .string, default: "math", doc: "gsm8k, math, amc or olympiad")
        r.function("grade", params: [Param("gold", .oneOf([.string, .number])), Param("response", .string), styleParam],
                   doc: "Grades a response against a gold answer: {pred, correct}.") { a, _ in
            let gold: String
            switch a["gold"] {
            case .int(let i): gold = String(i)
            case .float(let f): gold = String(f)
            default: gold = a.string("gold") ?? ""
            }
            let g = Grader().grade(gold: gold, response: a.stringArg("response"), style: try style(a))
            return .record([("pred", g.pred.map(Value.string) ?? .null), ("correct", .bool(g.correct))])
        }
        r.function("extract", params: [Param("response", .string), styleParam],
                   doc: "The final answer a response gives, or nil.") { a, _ in
            Grader.extract(a.stringArg("response"), style: try style(a)).map(Value.string) ?? .null
        }
        r.function("templates", doc: "Names of the prompt templates.") { _, _ in .strings(PromptTemplate.allCases.map(\.rawValue)) }
        r.function("template", params: [
            Param("name", .string, doc: "gsm8k-8shot, minerva-4shot, r1-zero or step-by-step"),
            Param("question", .string, default: "", doc: "the question to end the prompt with"),
            Param("shots", .optional(.oneOf([.int, .list])), default: .null,
                  doc: "a count (published exemplars) or a list of Problem / {question, answer}; nil: the template's usual count"),
        ], doc: "The prompt text a template builds.") { a, _ in
            let name = a.stringArg("name")
            guard let t = template(named: name) else {
                throw a.error("unknown template '\(name)'; templates: \(PromptTemplate.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let shots: [FewShotExample]
            if let items = a["shots"].listItems { shots = try items.map(shot) }
            else { shots = ShotSource.standard.shots(for: t, count: max(0, a.int("shots") ?? t.defaultShots), seed: 0) }
            return .string(t.render(question: a.stringArg("question"), shots: shots))
        }
        r.function("evaluate", params: [
            Param("models", .any, doc: "a Model, a list of Models (named model0…) or a dict {name: Model}"),
            Param("benchmarks", .any, doc: "a benchmark name (lab:gsm, lab:math, …, or a jsonl path), a list of names, or a list of Problem"),
            Param("shots", .int, default: 4, doc: "few-shot examples for base models; 0: zero-shot (RL models)"),
            Param("n", .int, default: 1, doc: "samples per problem"), Param("temperature", .float, default: 0.0, doc: "0: greedy"),
            Param("top_p", .float, default: 1.0), Param("max_tokens", .int, default: 256), Param("k", .int, default: 1, doc: "for pass@k and maj@k"),
            Param("limit", .optional(.int), default: .null, doc: "problems per benchmark"),
            Param("template", .optional(.string), default: .null, doc: "force one template (see templates())"),
            Param("batch", .int, default: 16, doc: "prompts per generation batch"),
            Param("alternatives", .int, default: 0, doc: "top alternatives kept per token"),
        ], doc: "Evaluates models on benchmarks: generation, grading and a Report.") { a, interp in
            let models = try evalModels(a["models"])
            let benchmarks = try evalBenchmarks(a["benchmarks"], limit: a.int("limit"))
            var template: PromptTemplate?
            if let name = a.string("template") {
                guard let t = EvalBindings.template(named: name) else {
                    throw a.error("unknown template '\(name)'; templates: \(PromptTemplate.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                template = t
            }
            let options = EvalOptions(shots: a.intArg("shots"), n: a.intArg("n"), temperature: a.doubleArg("temperature"),
                                      topP: a.doubleArg("top_p"), maxTokens: a.intArg("max_tokens"), k: a.intArg("k"),
                                      limit: a.int("limit"), template: template, seed: interp.random.next(),
                                      batchSize: a.intArg("batch"), alternatives: max(0, a.intArg("alternatives")))
            let report: EvalReport
            do {
                report = try Evaluator.evaluate(models: models, benchmarks: benchmarks, options: options, progress: InterruptibleProgress.withBar())
            } catch let e as EvalError { throw ScriptError(.value, e.description) } catch {
                throw ScriptError(.value, "evaluate: \(error)")
            }
            return reportType.wrap(ReportBox(report, models: Dictionary(models.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })))
        }
    }

    /// A few-shot example from a Problem (prompt, solution) or a dict {question, answer}.
    static func shot(_ v: Value) throws -> FewShotExample {
        if let p = DataBindings.problemType.unwrap(v) {
            return FewShotExample(question: p.problem.prompt, answer: p.problem.solution ?? "The answer is \(p.problem.gold).")
        }
        if case .dict(let d) = v, let q = d[.string("question")]?.stringValue, let ans = d[.string("answer")]?.stringValue {
            return FewShotExample(question: q, answer: ans)
        }
        throw ScriptError(.type, "a shot must be a Problem or a dict {\"question\": …, \"answer\": …}, got \(v.typeName)")
    }

    static func evalModels(_ v: Value) throws -> [EvalModel] {
        if let m = ModelBindings.modelType.unwrap(v) { return [EvalModel(name: "model0", model: m)] }
        if let items = v.listItems {
            return try items.enumerated().map { i, item in
                guard let m = ModelBindings.modelType.unwrap(item) else { throw ScriptError(.type, "models[\(i)] must be a Model, got \(item.typeName)") }
                return EvalModel(name: "model\(i)", model: m)
            }
        }
        if case .dict(let d) = v {
            return try d.entries.map { k, item in
                guard case .string(let name) = k else { throw ScriptError(.type, "model names must be strings") }
                guard let m = ModelBindings.modelType.unwrap(item) else { throw ScriptError(.type, "models[\"\(name)\"] must be a Model, got \(item.typeName)") }
                return EvalModel(name: name, model: m)
            }
        }
        throw ScriptError(.type, "models must be a Model, a list of Models or a dict {name: Model}, got \(v.typeName)")
    }

    static func evalBenchmarks(_ v: Value, limit: Int?) throws -> [EvalBenchmark] {
        if let name = v.stringValue { return [try bridge("benchmark \(name)") { try EvalBenchmark.named(name, limit: limit) }] }
        guard let items = v.listItems, !items.isEmpty else {
            throw ScriptError(.type, "benchmarks must be a name, a list of names or a list of Problem, got \(v.typeName)")
        }
        let problems = items.compactMap { DataBindings.problemType.unwrap($0)?.problem }
        if problems.count == items.count, let first = problems.first {
            if first.source.hasPrefix("lab:"), let spec = try? MathLab.benchmarkSpec(first.source) {
                return [EvalBenchmark(name: spec.name, problems: problems, style: EvalBenchmark.style(of: spec.format),
                                      shotSource: .lab(families: spec.families, levels: spec.levels))]
            }
            return [EvalBenchmark(name: first.source, problems: problems, style: GradingStyle(name: first.source) ?? .math)]
        }
        return try items.enumerated().map { i, item in
            guard let name = item.stringValue else { throw ScriptError(.type, "benchmarks[\(i)] must be a name, got \(item.typeName)") }
            return try bridge("benchmark \(name)") { try EvalBenchmark.named(name, limit: limit) }
        }
    }
}
