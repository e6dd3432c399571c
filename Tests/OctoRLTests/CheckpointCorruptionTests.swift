import XCTest
import Foundation
@testable import OctoRL
import OctoTrain
import OctoModel
import OctoTensor

/// The corrupted RL-checkpoint corpus: each damage is a `CheckpointError` naming the file
/// (and field), never a crash or a silent resume.
final class RLCheckpointCorruptionTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    func savedPPO(_ dir: URL) throws {
        var cfg = Toy.config(batch: 4, group: 2, minibatch: 2, lr: 5e-3, maxTokens: 3)
        cfg.totalSteps = 4
        let run = try RLRun(model: Toy.model(seed: 11), prompts: Array(Toy.problems().prefix(6)), algorithm: .ppo,
                            config: cfg, codec: Toy.codec, judge: Toy.judge)
        try run.run(steps: 1)
        try run.save(dir)
    }

    func expectError(_ dir: URL, file: String, field: String? = nil, _ label: String, line: UInt = #line) {
        XCTAssertThrowsError(try RLRun.resume(dir, codec: Toy.codec, judge: Toy.judge), label, line: line) { error in
            guard let e = error as? CheckpointError else { return XCTFail("\(label): \(error)", line: line) }
            XCTAssertTrue(e.file.hasSuffix(file), "\(label): \(e)", line: line)
            if let field { XCTAssertEqual(e.field, field, "\(label): \(e)", line: line) }
        }
    }

    func testDamagedRLCheckpointsAreLocatedErrors() throws {
        let root = Toy.tempDir("rl-corrupt")
        defer { try? FileManager.default.removeItem(at: root) }
        let base = root.appendingPathComponent("base")
        try savedPPO(base)
        XCTAssertEqual(try RLRun.resume(base, codec: Toy.codec, judge: Toy.judge).step, 1)
        func copy(_ name: String) throws -> URL {
            let d = root.appendingPathComponent(name)
            try FileManager.default.copyItem(at: base, to: d)
            return d
        }
        for file in ["policy/model.safetensors", "optimizer.safetensors", "critic.safetensors", "rl_state.json"] {
            let d = try copy("flip-" + file.replacingOccurrences(of: "/", with: "_"))
            let url = d.appendingPathComponent(file)
            var bytes = [UInt8](try Data(contentsOf: url))
            bytes[bytes.count - 3] ^= 0xFF
            try Data(bytes).write(to: url)
            expectError(d, file: file, "flipped byte in \(file)")
        }
        let edits: [(String, (inout [String: Any]) -> Void)] = [
            ("criticOptimizerSteps", { $0["criticOptimizerSteps"] = -1 }),
            ("optimizerSteps", { $0["optimizerSteps"] = -1 }),
            ("history", { $0["history"] = [Any]() }),
            ("format", { $0["format"] = "octorepl-rl/9" }),
            ("cursor.position", { $0["cursor"] = ["epoch": 0, "position": 99] }),
        ]
        for (field, edit) in edits {
            let d = try copy("edit-" + field)
            let url = d.appendingPathComponent("rl_state.json")
            var obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            edit(&obj)
            try JSONSerialization.data(withJSONObject: obj).write(to: url)
            try CheckpointManifest.write(in: d)
            expectError(d, file: "rl_state.json", field: field, field)
        }
        // A value head of another hidden size.
        let d = try copy("head")
        let head = ValueHead(hiddenSize: 3)
        try RLRun.writeTensors(head.params.all, to: d.appendingPathComponent("critic.safetensors"))
        try CheckpointManifest.write(in: d)
        expectError(d, file: "critic.safetensors", field: "value_head.weight", "value head of another size")
    }
}
