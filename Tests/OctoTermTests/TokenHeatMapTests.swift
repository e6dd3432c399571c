import XCTest
@testable import OctoTerm

final class TokenHeatMapTests: XCTestCase {
    let tokens = ["The", " answer", " is", " 17", ".", "\n", "Wait", ",", " let", " me", " check", "."]
    let logprobs = [-0.1, -0.3, -0.05, -2.9, -0.2, -0.4, -3.5, -0.6, -0.3, -0.1, -1.1, -0.2]

    func testColourOffMarksTheLeastLikelyTenthAndWraps() throws {
        let map = try TokenHeatMap(tokens: tokens, values: logprobs, metric: "logprob")
        XCTAssertEqual(map.render(width: 16), """
        The answer is
        ⟦ 17⟧.↵
        ⟦Wait⟧, let me
         check.

        ⟦…⟧ lowest 10% of logprob (≤ -2.9)

        """)
    }

    func testEntropyMarksTheHighestTenth() throws {
        let map = try TokenHeatMap(tokens: ["a", "b", "c"], values: [0.1, 2.5, 0.3], metric: "entropy")
        XCTAssertEqual(map.render(), "a⟦b⟧c\n\n⟦…⟧ highest 10% of entropy (≥ 2.5)\n")
    }

    func testAdvantageDivergesWithTwoMarkers() throws {
        let map = try TokenHeatMap(tokens: ["a", "b", "c", "d", "e"], values: [1, -2, 0.5, 0, 3], metric: "advantage")
        XCTAssertEqual(map.scale, .diverging)
        XCTAssertEqual(map.render(width: 40), """
        a⟨b⟩cd⟦e⟧

        ⟦…⟧ highest 10% of advantage (≥ 3)  ⟨…⟩ lowest 10% (≤ -2)

        """)
    }

    func testColourUsesBackgroundEscapesAndAGradientLegend() throws {
        let map = try TokenHeatMap(tokens: tokens, values: logprobs, metric: "logprob")
        let text = map.render(width: 80, color: .truecolor)
        XCTAssertFalse(text.contains("⟦"))
        // The least likely token (Wait, -3.5) gets the darkest colour of the scale, #800026, with white ink.
        XCTAssertTrue(text.contains("\u{1B}[48;2;128;0;38;38;2;255;255;255mWait\u{1B}[0m"))
        // The most likely (" is", -0.05) gets the palest, #ffffcc, with black ink.
        XCTAssertTrue(text.contains("\u{1B}[48;2;255;255;204;38;2;0;0;0m is\u{1B}[0m"))
        XCTAssertTrue(text.contains("logprob: -0.05 "))
        XCTAssertTrue(text.hasSuffix(" -3.5  (darker = lower)\n"))
        let ansi = map.render(color: .ansi256)
        XCTAssertTrue(ansi.contains("\u{1B}[48;5;88;38;5;231mWait"))
    }

    func testMismatchedLengthsThrow() {
        XCTAssertThrowsError(try TokenHeatMap(tokens: ["a"], values: [], metric: "entropy")) {
            XCTAssertEqual($0 as? TermError, .lengthMismatch(what: "heat map tokens and entropy values", first: 1, second: 0))
        }
    }

    func testConstantValuesAreNotMarked() throws {
        let map = try TokenHeatMap(tokens: ["x", "y"], values: [1, 1], metric: "entropy")
        XCTAssertEqual(map.render(), "xy\n\n(entropy is constant: no marks)\n")
    }
}
