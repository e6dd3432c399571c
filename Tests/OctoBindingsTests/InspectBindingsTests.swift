import XCTest
@testable import OctoBindings
import OctoSession

/// inspect / step / analyze / fork / compare through the interpreter, with golden strings
/// (colour off: tests are not the interactive REPL).
final class InspectBindingsTests: XCTestCase {
    private func session() throws -> (Session, (String) throws -> String) { try InspectFixture.sessionWithRollouts() }

    private let texts = InspectFixture.cotTexts

    /// Page 1 of the token table, then the whole text with the lowest tenth of logprobs marked.
    func testInspectPrintsTokenTableAndHeatMap() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run("inspect(r, page_size=8)"), #"""
        19 tokens · truncated at max_tokens
        ┌─────┬─────────┬─────┬─────────┬─────────┬─────────────────────────┐
        │ pos │ token   │  id │ logprob │ entropy │ top-k                   │
        ├─────┼─────────┼─────┼─────────┼─────────┼─────────────────────────┤
        │   0 │ ·The    │ 326 │   0.000 │   0.125 │ ·The(0.75) ·g(0.12)     │
        │   1 │ ·answer │ 317 │  -0.062 │   0.188 │ ·answer(0.75) ous(0.12) │
        │   2 │ ·is     │ 431 │  -0.125 │   0.250 │ ·is(0.75) ·old(0.12)    │
        │   3 │ ·       │ 220 │  -0.188 │   0.312 │ ·(0.75) <0x7F>(0.12)    │
        │   4 │ 7       │  22 │  -0.250 │   0.375 │ 7(0.75) 8(0.12)         │
        │   5 │ .↵      │ 320 │  -3.250 │   0.438 │ .↵(0.75) ily(0.12)      │
        │   6 │ W       │  54 │  -0.375 │   2.500 │ W(0.75) X(0.12)         │
        │   7 │ a       │  64 │  -0.438 │   0.562 │ a(0.75) b(0.12)         │
        └─────┴─────────┴─────┴─────────┴─────────┴─────────────────────────┘
        page 1/3 · tokens 0–7 of 19

         The answer is 7⟦.↵⟧
        Wait, ⟦3⟧ + 4 = 7.

        ⟦…⟧ lowest 10% of logprob (≤ -2)

        """#)
    }

    /// The last page and the entropy heat map.
    func testInspectEntropyLastPage() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(#"inspect(r, color="entropy", page=2, page_size=8)"#), #"""
        19 tokens · truncated at max_tokens
        ┌─────┬───────┬─────┬─────────┬─────────┬──────────────────────┐
        │ pos │ token │  id │ logprob │ entropy │ top-k                │
        ├─────┼───────┼─────┼─────────┼─────────┼──────────────────────┤
        │  16 │ ·     │ 220 │  -1.000 │   1.125 │ ·(0.75) <0x7F>(0.12) │
        │  17 │ 7     │  22 │  -1.062 │   1.188 │ 7(0.75) 8(0.12)      │
        │  18 │ .     │  13 │  -1.125 │   1.250 │ .(0.75) /(0.12)      │
        └─────┴───────┴─────┴─────────┴─────────┴──────────────────────┘
        page 3/3 · tokens 16–18 of 19

         The answer is 7.↵
        ⟦W⟧ait, 3 + ⟦4⟧ = 7.

        ⟦…⟧ highest 10% of entropy (≥ 1.75)

        """#)
    }

    /// A non-Sample response (found through its host) gets reward, gold and advantage columns and a diverging heat map.
    func testInspectRolloutShowsRewardAdvantageAndGold() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(#"inspect(a, color="advantage")"#), #"""
        6 tokens · reward 1 · gold 7
        ┌─────┬─────────┬─────┬─────────┬─────────┬───────────┬───────┐
        │ pos │ token   │  id │ logprob │ entropy │ advantage │ top-k │
        ├─────┼─────────┼─────┼─────────┼─────────┼───────────┼───────┤
        │   0 │ ·The    │ 326 │  -0.500 │         │     0.500 │       │
        │   1 │ ·answer │ 317 │  -1.000 │         │     0.250 │       │
        │   2 │ ·is     │ 431 │  -0.250 │         │     0.000 │       │
        │   3 │ ·       │ 220 │  -2.000 │         │    -0.250 │       │
        │   4 │ 7       │  22 │  -0.125 │         │     1.500 │       │
        │   5 │ .↵      │ 320 │  -0.750 │         │    -1.000 │       │
        └─────┴─────────┴─────┴─────────┴─────────┴───────────┴───────┘
        page 1/1 · tokens 0–5 of 6

         The answer is ⟦7⟧⟨.↵⟩

        ⟦…⟧ highest 10% of advantage (≥ 1.5)  ⟨…⟩ lowest 10% (≤ -1)

        """#)
    }

    /// n, j 5, p, an unknown command, then q (the final n is never read).
    func testStepWalksWithBatchCommands() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(#"step(r, commands="n j 5 p x q n")"#), #"""
        ── token 0 of 19 ────────────────────
        [prompt] <|begin_of_text|>Q: 3 + 4?↵A:⟦ The⟧
        next: ·The (id 326)  logprob 0  entropy 0.125
        distribution (stored top-2):
        ▶ ·The ██████████████████████████████████████████████████████████   0.75
          ·g   █████████▋                                                  0.125
        ── token 1 of 19 ────────────────────
         The⟦ answer⟧
        next: ·answer (id 317)  logprob -0.0625  entropy 0.1875
        distribution (stored top-2):
        ▶ ·answer ███████████████████████████████████████████████████████   0.75
          ous     █████████▏                                               0.125
        ── token 5 of 19 ────────────────────
         The answer is 7⟦.↵⟧
        next: .↵ (id 320)  logprob -3.25  entropy 0.4375
        distribution (stored top-2):
        ▶ .↵  ███████████████████████████████████████████████████████████   0.75
          ily █████████▉                                                   0.125
        ── token 4 of 19 ────────────────────
         The answer is ⟦7⟧
        next: 7 (id 22)  logprob -0.25  entropy 0.375
        distribution (stored top-2):
        ▶ 7 █████████████████████████████████████████████████████████████   0.75
          8 ██████████▏                                                    0.125
        (unknown command 'x': n, p, j N, q)

        """#)
    }

    /// Sentence units: context, the sentence, its mean logprob and peak entropy; n past the end says so.
    func testStepBySentence() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(#"step(r, by="sentence", commands="n n")"#), #"""
        ── sentence 0 of 2 · tokens 0–5 ────────────────────
        [prompt] <|begin_of_text|>Q: 3 + 4?↵A:⟦ The answer is 7.↵⟧
        next: ·The (id 326)  logprob 0  entropy 0.125
        sentence: 6 tokens  mean logprob -0.6458  max entropy 0.4375 at token 5
        distribution (stored top-2):
        ▶ ·The ██████████████████████████████████████████████████████████   0.75
          ·g   █████████▋                                                  0.125
        ── sentence 1 of 2 · tokens 6–18 ────────────────────
         The answer is 7.↵⟦Wait, 3 + 4 = 7.⟧
        next: W (id 54)  logprob -0.375  entropy 2.5
        sentence: 13 tokens  mean logprob -0.851  max entropy 2.5 at token 6
        distribution (stored top-2):
        ▶ W █████████████████████████████████████████████████████████████   0.75
          X ██████████▏                                                    0.125
        (end of response)

        """#)
    }

    /// Rates split by correctness, per-response rows (positions in words), the length histogram by correctness.
    func testAnalyzeTableOnHandMadeTexts() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(texts), "")
        XCTAssertEqual(try run(#"z = analyze(t, gold="7")"#), "")
        XCTAssertEqual(try run("z"), #"""
        CoT analysis · 4 responses · length in words
        ┌─────────────────────────┬────────┬─────────┬───────────┐
        │ metric                  │    all │ correct │ incorrect │
        ├─────────────────────────┼────────┼─────────┼───────────┤
        │ responses               │      4 │       2 │         2 │
        │ accuracy                │  50.0% │         │           │
        │ reflection rate         │  50.0% │   50.0% │     50.0% │
        │ reflections / response  │   2.25 │     3.5 │         1 │
        │ repetition rate         │  25.0% │   50.0% │      0.0% │
        │ rep-4 (mean)            │ 0.1385 │  0.2353 │   0.04167 │
        │ truncation rate         │   0.0% │    0.0% │      0.0% │
        │ mean length             │  12.75 │      16 │       9.5 │
        │ correct somewhere       │  75.0% │  100.0% │     50.0% │
        │ overwritten             │  25.0% │         │           │
        │ first correct at (mean) │      7 │       5 │        11 │
        └─────────────────────────┴────────┴─────────┴───────────┘

        """#)
        XCTAssertEqual(try run("z.rows[1]"), #"""
        {"index": 1, "length": 20, "steps": 2, "truncated": false, "reflections": 7, "first_reflection": 5, "phrases": ["wait", "let me check", "wait", "let me check", "wait", "let me check", "wait"], "loop": true, "loop_start": 5, "loop_period": 4, "loop_block": "wait, let me check.", "rep4": 0.4706, "answers": ["7"], "final_answer": "7", "correct": true, "first_correct": 4, "overwritten": false}

        """#)
        XCTAssertEqual(try run("z.hist(bins=4)"), #"""
                           length (words) · correct · n=2
        1.0 ┤                                ████████████████████████████████
            │                                ████████████████████████████████
            │                                ████████████████████████████████
        0.5 ┤                                ████████████████████████████████
            │                                ████████████████████████████████
        0.0 ┤                                ████████████████████████████████
            └────┬───────────────────┬───────────────────┬──────────────────┬
                 5                   10                  15                 20
                                          words

                          length (words) · incorrect · n=2
        1.0 ┤████████████████                ████████████████
            │████████████████                ████████████████
            │████████████████                ████████████████
        0.5 ┤████████████████                ████████████████
            │████████████████                ████████████████
        0.0 ┤████████████████                ████████████████
            └────┬───────────────────┬───────────────────┬──────────────────┬
                 5                   10                  15                 20
                                          words

        """#)
    }

    /// With a tokenizer, positions are tokens: the first correct '7' is token 4, 'Wait' starts at token 6.
    func testAnalyzeSampleReportsTokenPositions() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run(#"analyze(r, gold="7").rows[0]"#), #"""
        {"index": 0, "length": 19, "steps": 2, "truncated": true, "reflections": 1, "first_reflection": 6, "phrases": ["wait"], "loop": false, "loop_start": nil, "loop_period": nil, "loop_block": nil, "rep4": 0.0, "answers": ["7", "7"], "final_answer": "7", "correct": true, "first_correct": 4, "overwritten": false}

        """#)
    }

    /// Common prefix, first divergence, tokens side by side (a missing token counts as different).
    func testCompareAlignsTwoResponses() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run("compare(a, b)"), #"""
        a: 6 tokens · b: 7 tokens · common prefix: 4 tokens
        first divergence at token 4
        shared:  The answer is 
        ┌─────┬─────┬──────┬─────┬──────┬───┐
        │ pos │ a   │ a id │ b   │ b id │   │
        ├─────┼─────┼──────┼─────┼──────┼───┤
        │   2 │ ·is │  431 │ ·is │  431 │ = │
        │   3 │ ·   │  220 │ ·   │  220 │ = │
        │   4 │ 7   │   22 │ 8   │   23 │ ≠ │
        │   5 │ .↵  │  320 │ .↵  │  320 │ = │
        │   6 │     │      │ ,   │   11 │ ≠ │
        └─────┴─────┴──────┴─────┴──────┴───┘
        a from 4: 7.↵
        b from 4: 8.↵,

        """#)
    }

    /// fork continues prompt + 4 tokens with the tiny model; seeded, so the ids are golden.
    func testForkResamplesFromThePrefixDeterministically() throws {
        let (_, run) = try session()
        XCTAssertEqual(try run("seed(3)"), "")
        XCTAssertEqual(try run("f = fork(r, at=4, n=3, max_tokens=5)"), #"""
        fork at token 4: 3 continuations
        ┌──────┬────────┬────────────┬─────────┬─────────────────────────────────────┐
        │ #    │ tokens │ stop       │ mean lp │ continuation                        │
        ├──────┼────────┼────────────┼─────────┼─────────────────────────────────────┤
        │ orig │     15 │ max_tokens │  -0.971 │ 7.↵Wait, 3 + 4 = 7.                 │
        │ 0    │      5 │ max_tokens │  -6.144 │ Ol although! st r                   │
        │ 1    │      5 │ max_tokens │  -5.843 │  heavydentthouthou<|end_header_id|> │
        │ 2    │      5 │ max_tokens │  -6.421 │ <0xD9>.waysmadge                    │
        └──────┴────────┴────────────┴─────────┴─────────────────────────────────────┘

        """#)
        XCTAssertEqual(try run("f[0].ids, f[1].ids, f[2].ids, f[0].prompt_ids"), #"""
        [[584, 566, 0, 292, 578], [380, 527, 564, 564, 598], [149, 13, 391, 371, 464], [595, 48, 25, 220, 18, 398, 220, 19, 30, 198, 32, 25, 326, 317, 431, 220]]

        """#)
        XCTAssertEqual(try run("compare(r, f[0])"), #"""
        note: aligned after the shorter prompt (12 tokens); the longer prompt's extra tokens count as response
        a: 19 tokens · b: 9 tokens · common prefix: 4 tokens
        first divergence at token 4
        shared:  The answer is 
        ┌─────┬─────┬──────┬───────────┬──────┬───┐
        │ pos │ a   │ a id │ b         │ b id │   │
        ├─────┼─────┼──────┼───────────┼──────┼───┤
        │   2 │ ·is │  431 │ ·is       │  431 │ = │
        │   3 │ ·   │  220 │ ·         │  220 │ = │
        │   4 │ 7   │   22 │ Ol        │  584 │ ≠ │
        │   5 │ .↵  │  320 │ ·although │  566 │ ≠ │
        │   6 │ W   │   54 │ !         │    0 │ ≠ │
        │   7 │ a   │   64 │ ·st       │  292 │ ≠ │
        │   8 │ it  │  282 │ ·r        │  578 │ ≠ │
        │   9 │ ,   │   11 │           │      │ ≠ │
        │  10 │ ·   │  220 │           │      │ ≠ │
        │  11 │ 3   │   18 │           │      │ ≠ │
        └─────┴─────┴──────┴───────────┴──────┴───┘
        a from 4: 7.↵Wait, 3 + 4 = 7.
        b from 4: Ol although! st r

        """#)
    }

}
