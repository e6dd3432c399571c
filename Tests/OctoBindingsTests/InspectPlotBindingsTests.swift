import XCTest
@testable import OctoBindings
import OctoSession

/// plot / hist / bar / table through the interpreter, with golden strings
/// (colour off: tests are not the interactive REPL).
final class InspectPlotBindingsTests: XCTestCase {
    private func session() throws -> (Session, (String) throws -> String) { try InspectFixture.sessionWithRollouts() }

    private let texts = InspectFixture.cotTexts

    /// A list of numbers: one unnamed series, no legend.
    func testPlotOfOneSeries() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(#"plot([1, 3, 2, 5, 4], title="one series", width=40, height=10)"#), #"""
                      one series
        6 ┤
          │                         ⣀⠜⠑⠒⠢⠤⣀⣀
        4 ┤                      ⢀⠤⠊        ⠉⠉⠒
          │       ⢀⡠⠤⢄⣀⡀       ⡠⠒⠁
        2 ┤   ⢀⡠⠔⠊⠁    ⠈⠉⠉⠒⠒⠤⠔⠉
          │⡠⠔⠊⠁
        0 ┤
          └┬─────────────────┬────────────────┬
           0                 2                4

        """#)
    }

    /// A dict: one series per key, the second dashed (colour off), a legend.
    func testPlotOfADictOfSeries() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(#"plot({"loss": [3, 2, 1.5, 1.2], "reward": [0.1, 0.3, 0.5, 0.6]}, width=40, height=10)"#), #"""
        3 ┤⠉⠒⠤⢄⣀
          │     ⠉⠒⠢⠤⣀
        2 ┤          ⠉⠑⠒⠢⠤⢄⣀⣀
          │                  ⠉⠉⠑⠒⠢⠤⠤⠤⢄⣀⣀⣀⣀⣀⡀
        1 ┤                                ⠈⠉⠉⠉
          │                  ⡀⢀⣀ ⣀⡀⣀⡀⢀⣀ ⡠⠄⠠⠤ ⠤⠄
        0 ┤⠤⠄⠠⠒ ⠒⠂⠐⠒ ⠉⠁⠉⠁⠈⠉ ⠉
          └┬───────────┬──────────┬───────────┬
           0           1          2           3
           ── loss   ╌╌ reward

        """#)
    }

    /// Rows with keys: x from 'step', one series per key.
    func testPlotOfHistoryRowsUsesStepAsX() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(#"plot([{"step": 10, "response_length": 120, "accuracy": 0.1}, {"step": 20, "response_length": 180, "accuracy": 0.3}, {"step": 30, "response_length": 260, "accuracy": 0.35}], "response_length", "accuracy", width=40, height=10)"#), #"""
        300 ┤                                ⢀⣀
            │                     ⢀⣀⣀⠤⠤⠤⠒⠒⠊⠉⠉⠁
        200 ┤        ⢀⣀⣀⣀⠤⠤⠤⠔⠒⠒⠊⠉⠉⠁
        100 ┤⠤⠤⠒⠒⠒⠊⠉⠉⠁
            │
          0 ┤⣀⡀⢀⣀ ⣀⡀⢀⣀ ⣀⡀⢀⣀ ⣀⡀⣀⡀⢀⣀ ⣀⡀⢀⣀ ⣀⡀⢀⣀ ⣀⡀
            └┬────────────────┬───────────────┬
             10               20              30
                            step
             ── response_length   ╌╌ accuracy

        """#)
    }

    /// hist: block columns with the counts 1, 2, 3, 2, 1.
    func testHistogram() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run("hist([1, 2, 2, 3, 3, 3, 4, 4, 5], bins=5, width=40, height=8)"), #"""
        3 ┤              ███████
          │              ███████
        2 ┤       █████████████████████
        1 ┤       █████████████████████
          │███████████████████████████████████
        0 ┤███████████████████████████████████
          └────────┬─────────────────┬────────
                   2                 4

        """#)
    }

    /// bar of a dict.
    func testBarOfADict() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(#"bar({"gsm": 0.512, "math": 0.231, "olympiad": 0.071}, title="accuracy", width=40)"#), #"""
        accuracy
        gsm      ████████████████████████  0.512
        math     ██████████▉               0.231
        olympiad ███▍                      0.071

        """#)
    }

    /// table of dicts: repr, Markdown, CSV, and a bar chart of one column.
    func testTableExportsAndBarOfATable() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(#"tb = table([{"model": "base", "gsm": 0.12, "n": 500}, {"model": "rl", "gsm": 0.4, "n": 7}], title="runs")"#), "")
        XCTAssertEqual(try run("tb"), #"""
        runs
        ┌───────┬──────┬─────┐
        │ model │  gsm │   n │
        ├───────┼──────┼─────┤
        │ base  │ 0.12 │ 500 │
        │ rl    │ 0.4  │   7 │
        └───────┴──────┴─────┘

        """#)
        XCTAssertEqual(try run("print(tb.markdown())"), #"""
        **runs**

        | model |  gsm |   n |
        | :---- | ---: | --: |
        | base  | 0.12 | 500 |
        | rl    | 0.4  |   7 |


        """#)
        XCTAssertEqual(try run("print(tb.csv())"), #"""
        model,gsm,n
        base,0.12,500
        rl,0.4,7


        """#)
        XCTAssertEqual(try run(#"bar(tb, value="gsm", width=40)"#), #"""
        base ████████▊                      0.12
        rl   █████████████████████████████   0.4

        """#)
    }

}
