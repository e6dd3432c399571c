// Exports of an EvalReport: Markdown (the table), CSV (one line per row) and JSON (settings,
// rows and every sample with its tokens). Files are written atomically.

import Foundation

extension EvalReport {
    /// Column headers shared by Markdown and CSV.
    static let csvHeader = ["benchmark", "model", "template", "shots", "problems", "n", "samples", "correct", "accuracy",
                            "k", "pass_at_k", "maj_at_k", "mean_length", "max_length", "truncated_share"]

    /// The rows as a Markdown table, with a line of settings above.
    public func markdown() -> String {
        var lines = ["# Evaluation", ""]
        if let o = options {
            lines.append("n=\(o.n) k=\(k) temperature=\(o.temperature) top_p=\(o.topP) max_tokens=\(o.maxTokens) seed=\(o.seed)"
                + (complete ? "" : " (interrupted: partial results)"))
            lines.append("")
        }
        lines.append("| benchmark | model | template | shots | problems | n | accuracy | pass@\(k) | maj@\(k) | mean len | max len | truncated |")
        lines.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows {
            let cells = [md(r.benchmark), md(r.model), md(r.template), "\(r.shots)", "\(r.problems)", "\(r.n)",
                         percent(r.accuracy), r.passAtK.map(percent) ?? "–", r.majAtK.map(percent) ?? "–",
                         String(format: "%.1f", r.meanLength), "\(r.maxLength)", percent(r.truncatedShare)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One header line, then one line per row (full precision, empty when undefined).
    public func csv() -> String {
        var lines = [EvalReport.csvHeader.joined(separator: ",")]
        for r in rows {
            let fields = [csvField(r.benchmark), csvField(r.model), csvField(r.template), "\(r.shots)", "\(r.problems)", "\(r.n)",
                          "\(r.samples)", "\(r.correct)", "\(r.accuracy)", "\(r.k)", r.passAtK.map { "\($0)" } ?? "",
                          r.majAtK.map { "\($0)" } ?? "", "\(r.meanLength)", "\(r.maxLength)", "\(r.truncatedShare)"]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Settings, rows and samples as JSON (keys sorted, so equal reports give equal text).
    /// - Parameter tokens: include each sample's ids, logprobs and entropies.
    public func json(tokens: Bool = true) throws -> Data {
        var root: [String: Any] = ["k": k, "complete": complete, "rows": rows.map(rowObject), "samples": samples.map { sampleObject($0, tokens: tokens) }]
        root["runs"] = runs.map { ["benchmark": $0.benchmark, "model": $0.model, "template": $0.template, "shots": $0.shots] as [String: Any] }
        if let o = options {
            root["options"] = ["n": o.n, "k": o.k, "temperature": o.temperature, "top_p": o.topP, "max_tokens": o.maxTokens,
                               "shots": o.shots.map { $0 as Any } ?? NSNull(), "limit": o.limit.map { $0 as Any } ?? NSNull(),
                               "template": o.template?.rawValue ?? NSNull(), "zero_shot_template": o.zeroShotTemplate.rawValue,
                               "seed": String(o.seed), "batch_size": o.batchSize] as [String: Any]
        }
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
    }

    /// Writes the report to `url` in the format its extension names (.md/.markdown, .csv, .json),
    /// atomically (a temporary file renamed into place).
    /// - Throws: `EvalError.unknownFormat` for another extension, `.cannotWrite` on I/O failure.
    public func save(to url: URL) throws {
        let data: Data
        switch url.pathExtension.lowercased() {
        case "md", "markdown": data = Data(markdown().utf8)
        case "csv": data = Data(csv().utf8)
        case "json":
            do { data = try json() } catch { throw EvalError.cannotWrite(path: url.path, reason: "\(error)") }
        default: throw EvalError.unknownFormat(path: url.path)
        }
        do { try data.write(to: url, options: .atomic) } catch {
            throw EvalError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    // MARK: - Pieces

    func rowObject(_ r: EvalRow) -> [String: Any] {
        ["benchmark": r.benchmark, "model": r.model, "template": r.template, "shots": r.shots, "problems": r.problems, "n": r.n,
         "samples": r.samples, "correct": r.correct, "accuracy": r.accuracy, "k": r.k,
         "pass_at_k": r.passAtK.map { $0 as Any } ?? NSNull(), "maj_at_k": r.majAtK.map { $0 as Any } ?? NSNull(),
         "mean_length": r.meanLength, "max_length": r.maxLength, "truncated_share": r.truncatedShare]
    }

    func sampleObject(_ s: EvalSample, tokens: Bool) -> [String: Any] {
        var o: [String: Any] = ["benchmark": s.benchmark, "model": s.model, "problem_id": s.problemId, "problem_index": s.problemIndex,
                                "sample_index": s.sampleIndex, "prompt": s.prompt, "gold": s.gold, "response": s.text,
                                "pred": s.pred ?? NSNull(), "correct": s.correct, "stop_reason": s.stopReason.rawValue,
                                "truncated": s.truncated, "length": s.length, "prompt_tokens": s.promptTokens]
        if tokens {
            o["ids"] = s.ids
            o["logprobs"] = s.logprobs.map(jsonNumber)
            o["entropies"] = s.entropies.map(jsonNumber)
        }
        return o
    }

    /// A Float as JSON: its shortest decimal form (not the Double widening's digits); null when not finite.
    func jsonNumber(_ x: Float) -> Any {
        guard x.isFinite else { return NSNull() }
        return Double("\(x)") ?? Double(x)
    }

    func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
    func md(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
    func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
