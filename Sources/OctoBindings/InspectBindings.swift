// Bindings for looking inside responses: `inspect` (token table + heat map), `step`
// (walk token by token), `analyze` (CoT structure over a batch), `fork` and `compare`.
// What they read from a response is the `InspectableResponse` protocol
// (InspectBindingsResponse.swift); plots and tables are in PlotBindings.swift.
//
// Output is deterministic outside the interactive REPL: colour and the terminal width are
// used only when stdin and stdout are terminals and octorepl was started without arguments
// (the REPL); `run`, `-c`, piped cells and tests get plain text 80 columns wide, so sessions
// replay with `--check`. The REPL may override `InspectBindings.terminal` and `readLine`.
import Foundation
import OctoModel
import OctoEval
import OctoTerm
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// inspect, step, analyze, fork and compare.
public enum InspectBindings {
    /// Whether this process is the interactive REPL (stdin and stdout terminals, no arguments).
    public static var isInteractive: Bool {
        isatty(0) == 1 && isatty(1) == 1 && CommandLine.arguments.count <= 1
    }

    /// The terminal the views are drawn for: the real one in the interactive REPL (colour
    /// unless NO_COLOR / TERM=dumb), else plain 80 columns.
    nonisolated(unsafe) public static var terminal: () -> TerminalCapabilities = {
        isInteractive ? TerminalCapabilities.detect(fileDescriptor: 1) : .plain
    }

    /// The width views are fitted to (tables cut or dropping columns, never wrapping): the
    /// terminal's in the interactive REPL, the `# width:` of a session being replayed, else nil
    /// (plain output keeps its natural width, which the golden sessions record).
    nonisolated(unsafe) public static var viewWidth: () -> Int? = { isInteractive ? terminal().width : nil }

    /// Reads one line of input for `step` with a prompt; nil ends stepping. Defaults to stdin
    /// in the interactive REPL and to nil (no input) otherwise. octorepl may point it at readline.
    nonisolated(unsafe) public static var readLine: (String) -> String? = { prompt in
        guard isInteractive else { return nil }
        FileHandle.standardOutput.write(Data(prompt.utf8))
        return Swift.readLine(strippingNewline: true)
    }

    static func register(in r: Registry) {
        r.function("inspect", params: [
            Param("x", .any, doc: "a Sample (or rollout / eval record)"),
            Param("color", .string, default: "logprob", doc: "heat map metric: logprob, entropy or advantage"),
            Param("page", .int, default: 0, doc: "page of the token table (0-based)"),
            Param("page_size", .int, default: 40, doc: "rows per page"),
        ], doc: "Prints a response's token table (id, logprob, entropy, top-k) and its text as a heat map.") { a, interp in
            let r = try response(a, "x", "inspect")
            interp.output(try renderInspect(r, metric: a.stringArg("color"), page: a.intArg("page"),
                                            pageSize: a.intArg("page_size"), terminal: terminal(), args: a))
            return .null
        }
        registerStep(in: r)
        registerAnalyze(in: r)
        registerFork(in: r)
    }

    // MARK: - inspect

    /// The token infos of a response (what the table shows).
    static func tokenInfos(_ r: InspectableResponse, texts: [String]) -> [TokenInfo] {
        let lp = r.tokenLogprobs, ent = r.tokenEntropies, alts = r.tokenAlternatives, adv = r.tokenAdvantages
        let tok = r.responseTokenizer
        return r.responseIds.enumerated().map { i, id in
            TokenInfo(position: i, text: i < texts.count ? texts[i] : "", id: id,
                      logprob: lp.flatMap { i < $0.count ? $0[i] : nil },
                      entropy: ent.flatMap { i < $0.count ? $0[i] : nil },
                      topK: alts.flatMap { i < $0.count ? $0[i] : nil }?.map { TokenInfo.Alternative(ResponseTokens.text($0.id, tok), $0.prob) } ?? [],
                      advantage: adv.flatMap { i < $0.count ? $0[i] : nil })
        }
    }

    /// The per-token values a heat-map metric colours by.
    static func metricValues(_ r: InspectableResponse, _ metric: String, args: BoundArguments) throws -> [Double] {
        let values: [Double]?
        switch metric.lowercased() {
        case "logprob", "logprobs": values = r.tokenLogprobs
        case "entropy", "entropies": values = r.tokenEntropies
        case "advantage", "advantages": values = r.tokenAdvantages
        default: throw args.error("color must be \"logprob\", \"entropy\" or \"advantage\", got \"\(metric)\"")
        }
        guard let values, values.count == r.responseIds.count else {
            throw args.error("this response has no per-token \(metric) values (try color=\"logprob\" or \"entropy\")")
        }
        return values
    }

    /// The whole inspect view: a header line, the token table page, the heat map and legend.
    static func renderInspect(_ r: InspectableResponse, metric: String, page: Int, pageSize: Int,
                              terminal caps: TerminalCapabilities, args: BoundArguments) throws -> String {
        let texts = ResponseTokens(r).texts
        let table = try bridge("inspect") { try TokenTable(tokens: tokenInfos(r, texts: texts), pageSize: pageSize) }
        guard page >= 0 && page < table.pageCount else {
            throw args.error("page \(page) out of range: the table has \(table.pageCount) page\(table.pageCount == 1 ? "" : "s") (0..<\(table.pageCount))", kind: .index)
        }
        let canonical = metric.lowercased().hasPrefix("entrop") ? "entropy" : metric.lowercased().hasPrefix("adv") ? "advantage" : "logprob"
        let values = try metricValues(r, metric, args: args)
        let heat = try bridge("inspect") { try TokenHeatMap(tokens: texts, values: values, metric: canonical) }
        var header = "\(r.responseIds.count) tokens"
        if r.truncated { header += " · truncated at max_tokens" }
        if let reward = r.reward { header += " · reward \(fmt(reward))" }
        if let gold = r.gold { header += " · gold \(gold)" }
        var out = header + "\n"
        out += try bridge("inspect") { try table.render(page: page, color: caps.color, width: viewWidth()) }
        out += "\n" + heat.render(width: caps.width, color: caps.color)
        return out
    }
}
