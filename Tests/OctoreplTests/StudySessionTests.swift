import Foundation
import XCTest
@testable import OctoBindings

/// The OctoThinker miniature, quick variant: the whole study (tokenizer, two bases, Stable-Decay
/// with branches and ablations, GRPO on nine arms, evaluation, findings) replays with
/// `run --check`, so every printed accuracy, length and verdict is bit-for-bit reproducible.
final class StudySessionTests: XCTestCase {
    static let quick = packageRoot.appendingPathComponent("sessions/octothinker-mini-quick.octo").path

    func testQuickStudySessionReplaysWithCheck() throws {
        #if DEBUG
        print("SKIPPED: the study session trains nine toy models; replay it in a release build (make test)")
        return
        #else
        let text = try String(contentsOfFile: Self.quick, encoding: .utf8)
        // The golden file must hold the findings with their measured values, not just run.
        for finding in ["(a) base easy acc", "(b) post-RL acc", "(c) RL length mean", "(d) RL length first→last", "(e) base easy acc"] {
            XCTAssertTrue(text.contains("#=> " + finding), "the quick session's outputs lack finding \(finding)")
        }
        XCTAssertTrue(text.contains("findings reproduce in full over 1 seed(s)"))
        let start = Date()
        let (status, out, err) = runCLI(["run", "--check", Self.quick])
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(status, 0, "quick study session differs from its golden outputs:\n\(err)")
        XCTAssertTrue(out.hasPrefix("ok: "), out)
        print("octothinker-mini-quick replayed in \(String(format: "%.1f", seconds)) s")
        #endif
    }

    /// The full session and the quick one run the same study: only the budget cell differs.
    func testFullAndQuickSessionsShareTheStudyCells() throws {
        let full = try String(contentsOfFile: packageRoot.appendingPathComponent("sessions/octothinker-mini.octo").path, encoding: .utf8)
        let quick = try String(contentsOfFile: Self.quick, encoding: .utf8)
        func code(_ s: String) -> [String] {
            s.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.hasPrefix("C = ") && !$0.hasPrefix("     \"") }
        }
        let (f, q) = (Set(code(full)), Set(code(quick)))
        let onlyFull = f.subtracting(q).sorted(), onlyQuick = q.subtracting(f).sorted()
        XCTAssertEqual(onlyQuick, ["SEEDS = [1]", "fn stage(name, t0) { eprint(f\"[time] {name}: {time() - t0:.1f} s\") }"])
        XCTAssertEqual(onlyFull, ["SEEDS = [1, 2, 3]", "fn stage(name, t0) { print(f\"[time] {name}: {time() - t0:.1f} s\") }",
                                  "save_json(runs, \"octothinker-mini-runs.json\")"])
    }
}
