import XCTest
import Foundation
@testable import OctoTrain
import OctoModel
import OctoData
import OctoTensor
import OctoBase

/// The corrupted-checkpoint corpus: every damage to a saved phase is a `CheckpointError`
/// naming the file (and field), never a crash or a silent resume.
final class CheckpointCorruptionTests: XCTestCase {
    let phaseTests = PhaseTests(name: "helpers", testClosure: { _ in })
    var root: URL!

    override func setUpWithError() throws {
        Threads.set(2)
        root = FileManager.default.temporaryDirectory.appendingPathComponent("octo-ckcorrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    /// A 2-step checkpoint of the PhaseTests model, saved at `root/base`.
    func savedBase() throws -> URL {
        let cfg = PhaseConfig(totalTokens: 32 * 4 * 8, batchTokens: 32 * 4, peakLR: 2e-3)
        let p = try Phase(model: phaseTests.makeModel(), data: phaseTests.makeMixture(), config: cfg)
        try p.run(steps: 2)
        let dir = root.appendingPathComponent("base")
        try p.save(to: dir)
        return dir
    }

    /// Resumes as the `resume` binding does (state, model, phase).
    func resume(_ dir: URL, model: DecoderModel? = nil) throws -> Phase {
        _ = try Phase.readState(dir)
        let m = try model ?? Phase.loadModel(dir)
        return try Phase.resume(from: dir, data: phaseTests.makeMixture(), model: m)
    }

    func copy(_ base: URL, _ name: String) throws -> URL {
        let dir = root.appendingPathComponent(name)
        try FileManager.default.copyItem(at: base, to: dir)
        return dir
    }

    func assertCheckpointError(_ dir: URL, file: String, field: String? = nil, model: DecoderModel? = nil,
                               _ label: String, line: UInt = #line) {
        XCTAssertThrowsError(try resume(dir, model: model), label, line: line) { error in
            guard let e = error as? CheckpointError else { return XCTFail("\(label): not a CheckpointError: \(error)", line: line) }
            XCTAssertTrue(e.file.hasSuffix(file), "\(label): \(e)", line: line)
            if let field { XCTAssertEqual(e.field, field, "\(label): \(e)", line: line) }
        }
    }

    func editState(_ dir: URL, remanifest: Bool = true, _ edit: (inout [String: Any]) -> Void) throws {
        let url = dir.appendingPathComponent("trainer_state.json")
        var obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        edit(&obj)
        try JSONSerialization.data(withJSONObject: obj).write(to: url)
        if remanifest { try CheckpointManifest.write(in: dir) }
    }

    func mutateBytes(_ url: URL, _ body: (inout [UInt8]) -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        body(&bytes)
        try Data(bytes).write(to: url)
    }

    func testIntactCheckpointResumes() throws {
        let base = try savedBase()
        XCTAssertEqual(try resume(base).step, 2)
        // Saving again over it leaves no temporaries beside it.
        try resume(base).save(to: base)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["base"])
    }

    func testDamagedFilesAreDetectedByTheManifest() throws {
        let base = try savedBase()
        var dir = try copy(base, "trunc-model")
        try mutateBytes(dir.appendingPathComponent("model/model.safetensors")) { $0.removeLast($0.count / 2) }
        assertCheckpointError(dir, file: "model/model.safetensors", "truncated model")

        dir = try copy(base, "trunc-opt")
        try mutateBytes(dir.appendingPathComponent("optimizer.safetensors")) { $0.removeLast(100) }
        assertCheckpointError(dir, file: "optimizer.safetensors", "truncated optimizer")

        for (name, file) in [("flip-model", "model/model.safetensors"), ("flip-opt", "optimizer.safetensors"),
                             ("flip-config", "model/config.json"), ("flip-state", "trainer_state.json")] {
            dir = try copy(base, name)
            try mutateBytes(dir.appendingPathComponent(file)) { b in
                let mid = b.count * 3 / 4
                for i in mid..<min(b.count, mid + 16) { b[i] ^= 0x5A }
            }
            assertCheckpointError(dir, file: file, name)
        }

        dir = try copy(base, "eps")
        let cfgURL = dir.appendingPathComponent("model/config.json")
        let text = try String(contentsOf: cfgURL, encoding: .utf8)
        let edited = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.contains("\"rms_norm_eps\"") ? "  \"rms_norm_eps\": 0.001," : String($0) }.joined(separator: "\n")
        try edited.write(to: cfgURL, atomically: true, encoding: .utf8)
        XCTAssertNotEqual(try String(contentsOf: cfgURL, encoding: .utf8), text)
        assertCheckpointError(dir, file: "model/config.json", "changed rms_norm_eps")

        dir = try copy(base, "no-manifest")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("manifest.json"))
        assertCheckpointError(dir, file: "manifest.json", "no manifest")

        dir = try copy(base, "edited-unmanifested")
        try editState(dir, remanifest: false) { $0["optimizerStep"] = -1 }
        assertCheckpointError(dir, file: "trainer_state.json", "edit without manifest")
    }

    func testTrainerStateFieldsAreRangeChecked() throws {
        let base = try savedBase()
        let cases: [(String, String, (inout [String: Any]) -> Void)] = [
            ("optimizerStep", "optimizerStep", { $0["optimizerStep"] = -1 }),
            ("step", "step", { $0["step"] = 1_000_000 }),
            ("history", "history", { $0["history"] = [Any]() }),
            ("format", "format", { $0["format"] = "octorepl-phase-9" }),
            ("batchTokens", "config", { s in
                var c = s["config"] as? [String: Any] ?? [:]; c["batchTokens"] = 0; s["config"] = c }),
            ("beta2", "config", { s in
                var c = s["config"] as? [String: Any] ?? [:]; c["beta2"] = 1.5; s["config"] = c }),
        ]
        for (name, field, edit) in cases {
            let dir = try copy(base, "state-\(name)")
            try editState(dir, edit)
            assertCheckpointError(dir, file: "trainer_state.json", field: field, name)
        }
    }

    func testOptimizerTensorsAreCheckedAgainstTheModel() throws {
        let base = try savedBase()
        let optURL = { (d: URL) in d.appendingPathComponent("optimizer.safetensors") }
        let file = try SafetensorsFile(url: optURL(base))
        func rewrite(_ dir: URL, _ transform: (String, [Int], [Float]) -> (String, [Int], [Float])?) throws {
            var entries: [SafetensorsWriter.Entry] = []
            for info in file.tensorInfos {
                guard let (n, shape, values) = transform(info.name, info.shape, try file.floats(info.name)) else { continue }
                entries.append(SafetensorsWriter.Entry(name: n, shape: shape) { body in
                    try values.withUnsafeBufferPointer { try body($0) } })
            }
            try SafetensorsWriter.write(entries: entries, dtype: .f32, to: optURL(dir))
            try CheckpointManifest.write(in: dir)
        }
        let target = "exp_avg.model.layers.0.mlp.down_proj.weight"
        var dir = try copy(base, "swapped")
        try rewrite(dir) { n, s, v in n == target ? (n, s.reversed(), v) : (n, s, v) }
        assertCheckpointError(dir, file: "optimizer.safetensors", field: target, "swapped shape")

        dir = try copy(base, "removed")
        try rewrite(dir) { n, s, v in n == target ? nil : (n, s, v) }
        assertCheckpointError(dir, file: "optimizer.safetensors", field: target, "removed moment")

        dir = try copy(base, "renamed")
        try rewrite(dir) { n, s, v in n == target ? ("exp_avg.model.layers.9.mlp.down_proj.weight", s, v) : (n, s, v) }
        assertCheckpointError(dir, file: "optimizer.safetensors", field: "exp_avg.model.layers.9.mlp.down_proj.weight", "renamed moment")

        dir = try copy(base, "nan")
        try rewrite(dir) { n, s, v in n == target ? (n, s, [Float.nan] + v.dropFirst()) : (n, s, v) }
        assertCheckpointError(dir, file: "optimizer.safetensors", field: target, "NaN moment")

        // Optimizer state of a bigger model of the same family.
        var rng = RNG(seed: 3)
        let bigSpec = ModelConfig(family: .llama, vocabSize: try XCTUnwrap(PhaseTests.tokenizer).vocabSize, hiddenSize: 48, hiddenLayers: 2,
                                  attentionHeads: 4, kvHeads: 2, intermediateSize: 64)
        let big = try Phase(model: DecoderModel(randomWith: bigSpec, rng: &rng), data: phaseTests.makeMixture(),
                            config: PhaseConfig(totalTokens: 32 * 4 * 8, batchTokens: 32 * 4, peakLR: 2e-3))
        try big.run(steps: 2)
        try big.save(to: root.appendingPathComponent("big"))
        dir = try copy(base, "other-size")
        try FileManager.default.removeItem(at: optURL(dir))
        try FileManager.default.copyItem(at: optURL(root.appendingPathComponent("big")), to: optURL(dir))
        try CheckpointManifest.write(in: dir)
        XCTAssertThrowsError(try resume(dir)) { error in
            let e = error as? CheckpointError
            XCTAssertTrue(e?.file.hasSuffix("optimizer.safetensors") ?? false, "\(error)")
            XCTAssertTrue(e?.reason.contains("shape") ?? false, "\(error)")
        }

        // A model passed in must match the checkpoint's config.
        var other = try phaseTests.makeModel().config
        other.rmsNormEps = 1e-3
        let mismatched = try DecoderModel(randomWith: other, rng: &rng)
        assertCheckpointError(base, file: "model/config.json", field: "rmsNormEps", model: mismatched, "model with another eps")
    }

    func testResumeRecoversFromAKilledSave() throws {
        let base = try savedBase()
        // A kill between "old renamed aside" and "new renamed in" (the fallback path) and a
        // half-written temporary: the old folder is put back and both leftovers go.
        let dead = "99999999"
        let aside = root.appendingPathComponent(".base.old-\(dead)-1")
        try FileManager.default.moveItem(at: base, to: aside)
        let temp = root.appendingPathComponent(".base.tmp-\(dead)-2")
        try FileManager.default.createDirectory(at: temp.appendingPathComponent("model"), withIntermediateDirectories: true)
        XCTAssertEqual(try resume(base).step, 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["base"])
        // A temporary of a live writer (this process) is left alone.
        let live = root.appendingPathComponent(".base.tmp-\(getpid())-3")
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: true)
        let recovery = AtomicFolder.recover(base)
        XCTAssertEqual(recovery.removed, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: live.path))
    }
}

/// A step whose loss or gradient is NaN stops the phase, naming the step, with nothing applied.
final class NonFiniteStepTests: XCTestCase {
    func testNaNStepStopsThePhaseWithStateKept() throws {
        Threads.set(2)
        let helpers = PhaseTests(name: "helpers", testClosure: { _ in })
        let cfg = PhaseConfig(totalTokens: 32 * 4 * 8, batchTokens: 32 * 4, peakLR: 2e-3)
        let p = try Phase(model: helpers.makeModel(), data: helpers.makeMixture(), config: cfg)
        try p.run(steps: 2)
        try p.model.params.get("model.layers.1.mlp.down_proj.weight").data[3] = .nan
        let before = helpers.weights(p.model), cursor = p.data.cursor, optStep = p.optimizer.stepCount
        XCTAssertThrowsError(try p.run(steps: 3)) { error in
            guard case let TrainError.nonFinite(step, loss, _)? = error as? TrainError else { return XCTFail("\(error)") }
            XCTAssertEqual(step, 2)
            XCTAssertTrue(loss.isNaN)
            XCTAssertTrue("\(error)".contains("step 2"), "\(error)")
        }
        XCTAssertEqual(p.step, 2)
        XCTAssertEqual(p.history.count, 2)
        XCTAssertEqual(p.data.cursor, cursor)
        XCTAssertEqual(p.optimizer.stepCount, optStep)
        XCTAssertEqual(helpers.weights(p.model).map(\.bitPattern), before.map(\.bitPattern))
    }
}
