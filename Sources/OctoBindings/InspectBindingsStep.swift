// `step(r)`: walk a response token by token (or sentence by sentence), showing the context
// so far and the model's distribution at that point — from the stored top-k alternatives,
// or recomputed with the model's forward pass when none were stored.
//
// Commands: n (next; an empty line too), p (prev), j N (jump to unit N), q (quit). In batch
// (scripts, tests) they come from `commands="n n j 5 q"`; interactively from
// `InspectBindings.readLine`, one per line.
import Foundation
import OctoModel
import OctoTokenizer
import OctoTensor
import OctoEval
import OctoTerm

/// The state of one stepping walk.
struct Stepper {
    /// One stop of the walk: the tokens it covers.
    struct Unit { var first: Int; var end: Int; var label: String }

    let response: InspectableResponse
    let texts: [String]
    let units: [Unit]
    let sentences: Bool
    let top: Int
    let width: Int

    init(_ r: InspectableResponse, bySentence: Bool, top: Int, width: Int) {
        response = r; sentences = bySentence; self.top = top; self.width = width
        let tokens = ResponseTokens(r)
        texts = tokens.texts
        let n = r.responseIds.count
        if bySentence {
            let offsets = TokenOffsets(byteLengths: tokens.byteLengths)
            let starts = CoTSteps.split(r.responseText, by: .sentence, tokens: offsets).compactMap(\.token)
            var firsts: [Int] = []
            for s in starts where firsts.last.map({ s > $0 }) ?? true { firsts.append(s) }
            if firsts.first != 0 && n > 0 { firsts.insert(0, at: 0) }
            units = firsts.enumerated().map { i, f in
                Unit(first: f, end: i + 1 < firsts.count ? firsts[i + 1] : n, label: "sentence \(i) of \(firsts.count)")
            }
        } else {
            units = (0..<n).map { Unit(first: $0, end: $0 + 1, label: "token \($0) of \(n)") }
        }
    }

    /// The view of unit `index`.
    func render(_ index: Int) throws -> String {
        guard units.indices.contains(index) else { return "(empty response)\n" }
        let u = units[index]
        let tok = response.responseTokenizer
        let span = sentences ? " · tokens \(u.first)–\(u.end - 1)" : ""
        var lines = ["── \(u.label)\(span) " + String(repeating: "─", count: 20)]
        // Context: the tail of prompt + response before this unit, newlines shown as ↵.
        var context = texts[..<u.first].joined()
        if u.first == 0, let tok { context = "[prompt] " + tok.decode(response.promptIds) }
        context = visibleContext(context, limit: 160)
        let here = texts[u.first..<u.end].joined()
        lines.append(context + "⟦" + visibleContext(here, limit: 400) + "⟧")
        // The chosen token's numbers.
        let i = u.first
        let lp = response.tokenLogprobs, ent = response.tokenEntropies
        var facts = "next: \(visibleToken(texts[i])) (id \(response.responseIds[i]))"
        if let lp, i < lp.count { facts += "  logprob \(fmt(lp[i] + 0))" }   // + 0: no "-0"
        if let ent, i < ent.count { facts += "  entropy \(fmt(ent[i]))" }
        if let adv = response.tokenAdvantages, i < adv.count { facts += "  advantage \(fmt(adv[i]))" }
        lines.append(facts)
        if sentences, u.end - u.first > 1, let lp, u.end <= lp.count {
            let slice = lp[u.first..<u.end]
            var summary = "sentence: \(u.end - u.first) tokens  mean logprob \(fmt(slice.reduce(0, +) / Double(slice.count)))"
            if let ent, u.end <= ent.count, let (k, e) = ent[u.first..<u.end].enumerated().max(by: { $0.element < $1.element }) {
                summary += "  max entropy \(fmt(e)) at token \(u.first + k)"
            }
            lines.append(summary)
        }
        // The distribution at this point.
        let (dist, source) = try distribution(at: i)
        if dist.isEmpty {
            lines.append("(no stored alternatives and no model to recompute the distribution)")
        } else {
            lines.append("distribution (\(source)):")
            let chosen = response.responseIds[i]
            let labels = dist.map { ($0.id == chosen ? "▶ " : "  ") + visibleToken(ResponseTokens.text($0.id, tok)) }
            let chart = try bridge("step") { try BarChart(labels: labels, values: dist.map(\.prob)) }
            lines.append(chart.render(width: min(width, 72)).trimmingCharacters(in: .newlines))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Top alternatives at token `i`: stored, else recomputed (softmax at temperature 1).
    func distribution(at i: Int) throws -> ([(id: Int, prob: Double)], String) {
        if let alts = response.tokenAlternatives, i < alts.count, !alts[i].isEmpty {
            return (Array(alts[i].prefix(top)), "stored top-\(min(top, alts[i].count))")
        }
        guard let model = response.responseModel else { return ([], "") }
        let prefix = response.promptIds + response.responseIds[..<i]
        guard !prefix.isEmpty else { return ([], "") }
        let logits = try bridge("step") { () throws -> Tensor in
            let cache = model.makeCache(capacity: prefix.count + 1)
            return try model.forwardCached([prefix], caches: [cache])
        }
        let row = logits.toArray().map(Double.init)
        let m = row.max() ?? 0
        let z = row.reduce(0) { $0 + Foundation.exp($1 - m) }
        let order = row.indices.sorted { row[$0] > row[$1] || (row[$0] == row[$1] && $0 < $1) }
        return (order.prefix(top).map { ($0, Foundation.exp(row[$0] - m) / z) }, "recomputed, T=1")
    }

    /// `s` with newlines and tabs made visible, cut to its last `limit` characters.
    func visibleContext(_ s: String, limit: Int) -> String {
        let shown = visibleText(s)
        return shown.count > limit ? "…" + String(shown.suffix(limit)) : shown
    }
}

extension InspectBindings {
    /// One parsed step command.
    enum StepCommand: Equatable {
        case next, previous, jump(Int), quit, unknown(String)
        /// How the command is written in `commands="…"` (parses back to itself).
        var word: String {
            switch self {
            case .next: return "n"
            case .previous: return "p"
            case .jump(let n): return "j \(n)"
            case .quit: return "q"
            case .unknown(let w): return String(w.filter { $0 != "\"" && $0 != "\\" && $0 != "{" && $0 != "}" }).isEmpty ? "?" : String(w.filter { $0 != "\"" && $0 != "\\" && $0 != "{" && $0 != "}" })
            }
        }
    }

    /// The commands typed at the last interactive `step` (read and cleared by the session).
    nonisolated(unsafe) public static var recordedStepCommands: String?

    /// Parses "n n j 5 q" (also "next", "prev", "jump 5", "j5").

    static func parseStepCommands(_ text: String) -> [StepCommand] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == ";" }).map { String($0).lowercased() }
        var out: [StepCommand] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            switch w {
            case "n", "next": out.append(.next)
            case "p", "prev", "previous": out.append(.previous)
            case "q", "quit": out.append(.quit)
            case "j", "jump":
                if i + 1 < words.count, let n = Int(words[i + 1]) { out.append(.jump(n)); i += 1 } else { out.append(.unknown(w)) }
            default:
                if w.hasPrefix("j"), let n = Int(w.dropFirst()) { out.append(.jump(n)) } else { out.append(.unknown(w)) }
            }
            i += 1
        }
        return out
    }

    static func registerStep(in r: Registry) {
        r.function("step", params: [
            Param("r", .any, doc: "a Sample (or rollout / eval record)"),
            Param("by", .choice(["token", "sentence"]), default: "token", doc: "token or sentence"),
            Param("commands", .optional(.string), default: .null, doc: "batch commands, e.g. \"n n j 5 q\""),
            Param("at", .int, default: 0, doc: "unit to start at"),
            Param("top", .int, default: 5, doc: "alternatives shown"),
        ], doc: "Walks a response token by token (n, p, j N, q), showing context and the model's distribution.") { a, interp in
            let r = try response(a, "r", "step")
            let by = a.stringArg("by")
            let stepper = Stepper(r, bySentence: by == "sentence", top: max(1, a.intArg("top")), width: terminal().width)
            guard !stepper.units.isEmpty else { interp.output("(empty response)\n"); return .null }
            let last = stepper.units.count - 1
            var at = max(0, min(last, a.intArg("at")))
            interp.output(try stepper.render(at))
            let batch = a.string("commands").map(parseStepCommands)
            var queue = batch ?? []
            // Keys typed interactively, so that the session saves `step(r, commands="…")`.
            var typed: [String] = []
            defer { if batch == nil { recordedStepCommands = typed.joined(separator: " ") } }
            while true {
                let command: StepCommand
                if batch != nil {
                    guard !queue.isEmpty else { break }
                    command = queue.removeFirst()
                } else {
                    guard let line = readLine("step [n/p/j N/q]> ") else { break }
                    let parsed = parseStepCommands(line)
                    command = parsed.first ?? .next
                    typed.append(command.word)
                }
                switch command {
                case .quit: return .null
                case .next:
                    if at == last { interp.output("(end of response)\n"); continue }
                    at += 1
                case .previous:
                    if at == 0 { interp.output("(start of response)\n"); continue }
                    at -= 1
                case .jump(let n):
                    guard n >= 0 && n <= last else { interp.output("(jump: \(n) is outside 0…\(last))\n"); continue }
                    at = n
                case .unknown(let w):
                    interp.output("(unknown command '\(w)': n, p, j N, q)\n"); continue
                }
                interp.output(try stepper.render(at))
            }
            return .null
        }
    }
}
