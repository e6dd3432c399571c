import XCTest
@testable import OctoTerm

final class TokenTableTests: XCTestCase {
    let tokens = [
        TokenInfo(position: 0, text: "The", id: 578, logprob: -0.105, entropy: 0.412, topK: [.init("The", 0.9), .init("So", 0.05)]),
        TokenInfo(position: 1, text: " answer", id: 4320, logprob: -1.2, entropy: 1.95, topK: [.init(" answer", 0.3), .init(" result", 0.25)]),
        TokenInfo(position: 2, text: "\n", id: 198, logprob: -0.0004, entropy: 0.01, topK: [.init("\n", 0.9996)]),
    ]

    func testPagesShowVisibleTokensAndTopK() throws {
        let t = try TokenTable(tokens: tokens, pageSize: 2)
        XCTAssertEqual(t.pageCount, 2)
        XCTAssertEqual(try t.render(page: 0), """
        ┌─────┬─────────┬──────┬─────────┬─────────┬────────────────────────────┐
        │ pos │ token   │   id │ logprob │ entropy │ top-k                      │
        ├─────┼─────────┼──────┼─────────┼─────────┼────────────────────────────┤
        │   0 │ The     │  578 │  -0.105 │   0.412 │ The(0.9) So(0.05)          │
        │   1 │ ·answer │ 4320 │  -1.200 │   1.950 │ ·answer(0.3) ·result(0.25) │
        └─────┴─────────┴──────┴─────────┴─────────┴────────────────────────────┘
        page 1/2 · tokens 0–1 of 3

        """)
        XCTAssertEqual(try t.render(page: 1), """
        ┌─────┬───────┬─────┬─────────┬─────────┬───────┐
        │ pos │ token │  id │ logprob │ entropy │ top-k │
        ├─────┼───────┼─────┼─────────┼─────────┼───────┤
        │   2 │ ↵     │ 198 │   0.000 │   0.010 │ ↵(1)  │
        └─────┴───────┴─────┴─────────┴─────────┴───────┘
        page 2/2 · tokens 2–2 of 3

        """)
    }

    func testRewardAndAdvantageColumnsAppearWhenPresent() throws {
        var rows = tokens
        rows[0].advantage = 0.5
        let page = try TokenTable(tokens: rows).page(0)
        XCTAssertEqual(page.columns.map(\.header), ["pos", "token", "id", "logprob", "entropy", "advantage", "top-k"])
        XCTAssertEqual(page.rows[1][5], .empty)
        rows[1].reward = 1
        let both = try TokenTable(tokens: rows).page(0)
        XCTAssertEqual(both.columns.map(\.header), ["pos", "token", "id", "logprob", "entropy", "reward", "advantage", "top-k"])
        XCTAssertEqual(both.rows[0][5], .empty)
        XCTAssertEqual(both.rows[1][5], .number(1))
        XCTAssertEqual(both.rows[0][6], .number(0.5))
    }

    func testPageOutOfRangeAndBadPageSizeThrow() throws {
        let t = try TokenTable(tokens: tokens, pageSize: 2)
        XCTAssertThrowsError(try t.page(2)) { XCTAssertEqual($0 as? TermError, .pageOutOfRange(page: 2, pageCount: 2)) }
        XCTAssertThrowsError(try t.page(-1))
        XCTAssertThrowsError(try TokenTable(tokens: tokens, pageSize: 0))
        XCTAssertEqual(try TokenTable(tokens: []).render(), """
        ┌─────┬───────┬────┬─────────┬─────────┬───────┐
        │ pos │ token │ id │ logprob │ entropy │ top-k │
        ├─────┼───────┼────┼─────────┼─────────┼───────┤
        └─────┴───────┴────┴─────────┴─────────┴───────┘
        page 1/1 · no tokens

        """)
    }
}
