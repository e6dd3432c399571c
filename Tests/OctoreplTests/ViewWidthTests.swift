import XCTest
@testable import OctoBindings
@testable import OctoSession
import OctoTerm

/// Every view fits the terminal: checked at 80 and 200 columns.
final class ViewWidthTests: XCTestCase {
    let model = packageRoot.appendingPathComponent("Tests/Fixtures/hf/tiny-llama").path

    override func setUp() { InterruptibleProgress.barsEnabled = false }
    override func tearDown() {
        InspectBindings.terminal = { .plain }
        InspectBindings.viewWidth = { nil }
    }

    /// The printed output of `cells` at `width` columns.
    func output(_ cells: [String], width: Int) -> String {
        InspectBindings.terminal = { TerminalCapabilities(isTTY: false, color: .off, width: width) }
        InspectBindings.viewWidth = { width }
        var out = ""
        let session = Session(write: { out += $0 }, writeError: { out += $0 })
        for cell in cells { XCTAssertNotEqual(session.submit(cell), .failed, cell) }
        return out
    }

    var cells: [String] {
        ["seed(42)", "m = load(\"\(model)\")", "s = generate(m, \"Q: What is 3 + 4?\\nA:\", n=2, max_tokens=16, temperature=0.8)",
         "inspect(s[0], page_size=6)",
         "table([{\"benchmark\": \"lab:gsm\", \"model\": \"octothinker-mini-hybrid-long\", \"template\": \"step-by-step\", \"shots\": 4, \"problems\": 200, \"accuracy\": 0.31, \"pass@8\": 0.52, \"maj@8\": 0.4, \"mean len\": 88.1, \"max len\": 256, \"truncated\": 0.12}])",
         "analyze(s)", ":help", ":vars"]
    }

    func testNoLineIsWiderThan80Columns() {
        let out = output(cells, width: 80)
        let wide = out.split(separator: "\n").map(String.init).filter { TextWidth.of($0) > 80 }
        XCTAssertEqual(wide, [], out)
        XCTAssertTrue(out.contains("│ pos │ token"), out)
        XCTAssertTrue(out.contains("builtins: abs,"), out)
        XCTAssertTrue(out.contains("  s            list     "), out)
    }

    func testAt200ColumnsNothingIsCut() {
        let out = output(cells, width: 200)
        XCTAssertTrue(out.split(separator: "\n").allSatisfy { TextWidth.of(String($0)) <= 200 }, out)
        XCTAssertTrue(out.contains("top-k"), out)
        XCTAssertTrue(out.contains("octothinker-mini-hybrid-long"), out)
        XCTAssertFalse(out.contains("more column"), out)
    }
}
