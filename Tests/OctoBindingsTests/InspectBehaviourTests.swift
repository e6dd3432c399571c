import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import OctoBindings
import OctoSession
@testable import OctoModel
import OctoTerm

/// Error messages, colour, determinism, recomputed distributions and SVG files of the inspect
/// and plot bindings.
final class InspectBehaviourTests: XCTestCase {
    private func failure(_ run: (String) throws -> String, _ cell: String) -> String {
        do { _ = try run(cell); return "no error" } catch let e as ScriptError { return e.message } catch { return "\(error)" }
    }

    func testInspectErrorsNameTheProblem() throws {
        let (_, run) = try InspectFixture.session()
        XCTAssertEqual(failure(run, "inspect(r, color=\"advantage\")"), "this response has no per-token advantage values (try color=\"logprob\" or \"entropy\")")
        XCTAssertEqual(failure(run, "inspect(r, color=\"heat\")"), "color must be \"logprob\", \"entropy\" or \"advantage\", got \"heat\"")
        XCTAssertEqual(failure(run, "inspect(r, page=3, page_size=8)"), "page 3 out of range: the table has 3 pages (0..<3)")
        XCTAssertEqual(failure(run, "inspect(42)"), "inspect: x must be a Sample (or another response object), got int")
        XCTAssertEqual(failure(run, "step(r, by=\"word\")"), "argument 'by' of step() must be \"token\" or \"sentence\", got \"word\"")
        XCTAssertEqual(failure(run, "fork(r, at=20)"), "at=20 is outside 0…19 (the response has 19 tokens)")
        XCTAssertEqual(failure(run, "analyze([r, 3])"), "analyze: expected a Sample, a string, or a list/batch of them, got int")
        XCTAssertEqual(failure(run, "analyze([\"a\", \"b\"], gold=[\"1\"])"), "gold: 1 answers for 2 responses")
        XCTAssertEqual(failure(run, "plot([{\"step\": 1, \"loss\": 2}])"), "plot(rows): name the columns to draw, e.g. plot(history, \"loss\")")
        XCTAssertEqual(failure(run, "plot([{\"step\": 1, \"loss\": 2}], \"lr\")"), "plot: no row has 'lr' (keys: step, loss)")
        XCTAssertEqual(failure(run, "plot([1, \"x\"])"), "plot: values[1] is str, not a number")
        XCTAssertEqual(failure(run, "hist([1, 2], bins=0)"), "hist: invalid argument 'bins': must be at least 1, got 0")
    }

    func testColourOnlyWhenTheTerminalHasIt() throws {
        let (_, run) = try InspectFixture.session()
        XCTAssertFalse(try run("inspect(r)").contains("\u{1B}["), "tests are not a terminal: plain text")
        let saved = InspectBindings.terminal
        defer { InspectBindings.terminal = saved }
        InspectBindings.terminal = { TerminalCapabilities(isTTY: true, color: .ansi256, width: 100) }
        let coloured = try run("inspect(r)")
        XCTAssertTrue(coloured.contains("\u{1B}[48;5;"), "heat map backgrounds in 256 colours")
        XCTAssertFalse(coloured.contains("⟦"), "no plain-text markers when coloured")
        XCTAssertTrue(try run("plot([1, 2, 3])").contains("\u{1B}[38;5;"))
    }

    func testStepReadsInteractiveCommandsThroughTheHook() throws {
        let (_, run) = try InspectFixture.session()
        let saved = InspectBindings.readLine
        defer { InspectBindings.readLine = saved }
        var lines = ["n", "", "j 18", "n", "q"]
        var prompts: [String] = []
        InspectBindings.readLine = { prompt in prompts.append(prompt); return lines.isEmpty ? nil : lines.removeFirst() }
        let out = try run("step(r)")
        XCTAssertEqual(out.components(separatedBy: "── token ").dropFirst().map { String($0.prefix(8)) },
                       ["0 of 19 ", "1 of 19 ", "2 of 19 ", "18 of 19"])
        XCTAssertTrue(out.hasSuffix("(end of response)\n"))
        XCTAssertEqual(prompts.count, 5)
        XCTAssertEqual(prompts.first, "step [n/p/j N/q]> ")
    }

    func testStepRecomputesTheDistributionWithTheModel() throws {
        guard let model = InspectFixture.model, let tok = model.tokenizer else { throw XCTSkip("tiny-llama fixture missing") }
        var s = try InspectFixture.sample().sample
        s.alternatives = []
        let (session, run) = try InspectFixture.session()
        session.interpreter.setGlobal("q", ModelBindings.sampleType.wrap(SampleBox(s, tokenizer: tok, model: model)))
        let out = try run("step(q, commands=\"j 3\", top=3)")
        XCTAssertTrue(out.contains("distribution (recomputed, T=1):"), out)
        // The top recomputed token at position 3 is the argmax of the model's logits there.
        let logits = try model.logits([s.promptIds + Array(s.ids[..<3])]).toArray()
        let v = model.config.vocabSize
        let last = Array(logits[(logits.count - v)...])
        let best = last.indices.max { last[$0] < last[$1] } ?? 0
        let view = out.components(separatedBy: "── token 3 of 19").last ?? ""
        let firstBar = view.split(separator: "\n").first { $0.contains("█") }.map(String.init) ?? ""
        XCTAssertTrue(firstBar.dropFirst(2).hasPrefix(visibleToken(tok.decode([best]))), "\(firstBar) vs id \(best)")
    }

    func testForkIsDeterministicUnderTheSessionSeed() throws {
        let (_, run) = try InspectFixture.session()
        _ = try run("seed(11)\nf1 = fork(r, at=6, n=2, max_tokens=4)")
        _ = try run("seed(11)\nf2 = fork(r, at=6, n=2, max_tokens=4)")
        _ = try run("seed(12)\nf3 = fork(r, at=6, n=2, max_tokens=4)")
        XCTAssertEqual(try run("[f1[0].ids, f1[1].ids] == [f2[0].ids, f2[1].ids]"), "true\n")
        XCTAssertEqual(try run("[f1[0].ids, f1[1].ids] == [f3[0].ids, f3[1].ids]"), "false\n")
        XCTAssertEqual(try run("f1[0].prompt_ids == r.prompt_ids + r.ids[:6]"), "true\n")
        XCTAssertEqual(try run("compare(r, f1[0]).common_prefix >= 6, len(f1[1].ids)"), "[true, 4]\n")
        XCTAssertEqual(try run("compare(r, r).divergence"), "")   // nil prints nothing
    }

    func testAnalyzeAcceptsABatchObjectAndPerResponseGolds() throws {
        let (session, run) = try InspectFixture.session()
        let (a, b) = try InspectFixture.rollouts()
        session.interpreter.setGlobal("a", HandRollout.type.wrap(a))
        session.interpreter.setGlobal("b", HandRollout.type.wrap(b))
        XCTAssertEqual(try run("x = analyze([a, b])\nx.summary[\"accuracy\"], x.count, len(x)"), "[0.5, 2, 2]\n", "golds from the rollouts")
        XCTAssertEqual(try run("analyze([\"so 7\", \"so 8\"], gold=[\"8\", nil], style=\"gsm8k\").summary[\"accuracy\"]"), "0.0\n")
        XCTAssertEqual(try run("print(analyze([\"x = 7. The answer is 7.\"], gold=\"7\").table().csv())"), "metric,all,correct,incorrect\nresponses,1,1,\naccuracy,100.0%,,\nreflection rate,0.0%,0.0%,\nreflections / response,0,0,\nrepetition rate,0.0%,0.0%,\nrep-4 (mean),0,0,\ntruncation rate,0.0%,0.0%,\nmean length,7,7,\ncorrect somewhere,100.0%,100.0%,\noverwritten,0.0%,,\nfirst correct at (mean),2,2,\n\n")
    }

    func testPlotsSaveValidSVG() throws {
        let (_, run) = try InspectFixture.session()
        let dir = NSTemporaryDirectory() + "octo-inspect-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try run("plot({\"loss\": [3, 2, 1.5], \"reward\": [0.1, 0.3, 0.5]}, title=\"run\").save(\"\(dir)/line.svg\")")
        _ = try run("hist([1, 2, 2, 3], bins=3).save(\"\(dir)/hist.svg\")")
        _ = try run("bar({\"gsm\": 0.5, \"math\": 0.25}).save(\"\(dir)/bar.svg\")")
        _ = try run("analyze([\"x = 7\", \"x = 8 so\"], gold=\"7\").hist(bins=2).save(\"\(dir)/stack.svg\")")
        let line = try SVGSummary(path: "\(dir)/line.svg")
        XCTAssertEqual(line.polylineSeries, ["loss", "reward"])
        XCTAssertEqual(line.title, "run")
        XCTAssertTrue(line.classes.contains("axis x-axis") && line.classes.contains("axis y-axis"))
        XCTAssertTrue(line.texts.contains("loss") && line.texts.contains("reward"), "legend labels")
        XCTAssertEqual(try SVGSummary(path: "\(dir)/hist.svg").count(of: "bar"), 3)
        XCTAssertEqual(try SVGSummary(path: "\(dir)/bar.svg").count(of: "bar"), 2)
        let stack = try SVGSummary(path: "\(dir)/stack.svg")
        XCTAssertEqual(stack.svgElements, 3, "an outer svg holding two panels")
        XCTAssertEqual(stack.count(of: "bar"), 2, "one length in each panel")
        XCTAssertTrue(try run("plot([1, 2]).svg()").hasPrefix("\"<?xml version=\\\"1.0\\\""))
    }
}

/// What an SVG file holds, parsed with XMLParser (a parse error throws).
final class SVGSummary: NSObject, XMLParserDelegate {
    var classes: [String] = []
    var polylineSeries: [String] = []
    var texts: [String] = []
    var title: String?
    var svgElements = 0
    private var inTitle = false, inText = false

    init(path: String) throws {
        super.init()
        guard let parser = XMLParser(contentsOf: URL(fileURLWithPath: path)) else { throw TestSkip.missing(path) }
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? TestSkip.missing("parse \(path)") }
    }
    func count(of cls: String) -> Int { classes.filter { $0 == cls }.count }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if let c = attributes["class"] { classes.append(c) }
        if name == "polyline", let s = attributes["data-series"] { polylineSeries.append(s) }
        if name == "svg" { svgElements += 1 }
        inTitle = name == "title"; inText = name == "text"
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { title = (title ?? "") + string }
        if inText { texts.append(string) }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { inTitle = false; inText = false }
}
