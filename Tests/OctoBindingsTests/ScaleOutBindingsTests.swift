import Foundation
import XCTest
@testable import OctoBindings
import OctoSession

/// export_pretrain and export_verl from OctoScript cells.
final class ScaleOutBindingsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let tiny = root.appendingPathComponent("Tests/Fixtures/hf/tiny-llama").path

    private func session() -> (Session, () -> String, () -> String) {
        InterruptibleProgress.barsEnabled = false
        var out = "", err = ""
        let s = Session(write: { out += $0 }, writeError: { err += $0 })
        return (s, { defer { out = "" }; return out }, { defer { err = "" }; return err })
    }

    func testExportPretrainOfABranchAndExportVerl() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("octo-scaleout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (s, out, err) = session()
        XCTAssertEqual(s.submit("m = load(\"\(Self.tiny)\")"), .ok, err())
        XCTAssertEqual(s.submit("p = phase(m, mix(lab_math_web=0.75, lab_web=0.25), tokens=32 * 4 * 6, batch_tokens=32 * 4, seq_len=32, lr=1e-3, schedule=wsd(warmup=0.2, decay=0.4, shape=\"1-sqrt\"))"), .ok, err())
        XCTAssertEqual(s.submit("b = branch(p, mix(lab_qa_short=1.0), tokens=32 * 4 * 3, schedule=cosine(to=0.0), name=\"qa\")"), .ok, err())
        XCTAssertEqual(s.submit("e = export_pretrain(b, \"\(dir.path)/pt\")"), .ok, err())
        XCTAssertEqual(s.submit("e[\"steps\"], e[\"seq_len\"], e[\"batch_tokens\"], e[\"sources\"][0][\"file\"]"), .ok, err())
        XCTAssertEqual(out(), "[3, 32, 128, \"data/lab_qa_short.jsonl\"]\n")
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("pt/manifest.json"))) as? [String: Any])
        XCTAssertEqual(manifest["parent"] as? String, "phase@0")
        XCTAssertEqual((manifest["schedule"] as? [String: Any])?["type"] as? String, "cosine")
        XCTAssertEqual(s.submit("export_pretrain(m, \"\(dir.path)/bad\")"), .failed)
        let e = err()
        XCTAssertTrue(e.contains("Phase"), e)

        XCTAssertEqual(s.submit("rl = grpo(m, prompts=problems(\"lab:gsm\")[:4], batch=2, group=2, minibatch=2, max_tokens=8)"), .ok, err())
        XCTAssertEqual(s.submit("export_verl(rl, \"\(dir.path)/verl\", octorepl=\"/opt/octorepl\")"), .ok, err())
        let reward = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("verl/reward.json"))) as? [String: Any])
        XCTAssertEqual(reward["octorepl"] as? String, "/opt/octorepl")
        let sh = try String(contentsOf: dir.appendingPathComponent("verl/run_verl.sh"), encoding: .utf8)
        XCTAssertTrue(sh.contains("'actor_rollout_ref.actor.optim.betas=[0.9,0.999]'"), sh)
    }
}
