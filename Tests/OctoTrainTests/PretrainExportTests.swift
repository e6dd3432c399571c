import XCTest
import Foundation
@testable import OctoTrain
import OctoModel
import OctoData
import OctoTensor
import OctoTokenizer

/// export_pretrain: text shards that re-tokenize to octorepl's packed stream, a manifest with
/// the phase's recipe, and (with torch in .venv) a torchrun recipe that runs 2 CPU steps and
/// writes an HF folder octorepl loads back.
final class PretrainExportTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let tinyLlama = root.appendingPathComponent("Tests/Fixtures/hf/tiny-llama")

    func makeBranch() throws -> Phase {
        let model = try DecoderModel.load(folder: Self.tinyLlama)
        let tok = try XCTUnwrap(model.tokenizer)
        let lab = MathLab(seed: 11)
        func mix(_ kinds: [(LabCorpusKind, Double)], seed: UInt64) throws -> Mixture {
            try Mixture(components: kinds.map { kind, w in
                let docs = lab.documents(kind: kind, count: 20).map { tok.encode($0, addSpecialTokens: false) }
                return MixtureComponent(name: kind.rawValue, weight: w,
                                        sequences: try PackedSequences(documents: docs, eos: tok.eosId ?? 0, seqLen: 32))
            }, seed: seed)
        }
        let stable = try Phase(model: model, data: mix([(.mathWeb, 1)], seed: 3),
                               config: PhaseConfig(name: "stable", totalTokens: 32 * 4 * 8, batchTokens: 32 * 4, peakLR: 1e-3,
                                                   schedule: .wsd(warmup: 0.25, decay: 0.25, shape: .sqrt, floor: 0)))
        try stable.run(steps: 1)
        return try stable.branch(name: "decay-qa", data: mix([(.mathWeb, 3), (.qaShort, 1)], seed: 4), tokens: 32 * 4 * 10,
                                 schedule: .wsd(warmup: 0.1, decay: 0.3, shape: .cosine, floor: 0.1), lr: 2e-3)
    }

    func testExportWritesShardsManifestCheckpointAndRecipe() throws {
        let branch = try makeBranch()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("octo-pretrain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try PretrainExport.export(branch, to: dir)
        XCTAssertEqual(m.phase, "decay-qa")
        XCTAssertEqual(m.parent, "stable@1")
        XCTAssertEqual(m.seqLen, 32)
        XCTAssertEqual(m.sequencesPerStep, 4)
        XCTAssertEqual(m.totalSteps, 10)
        XCTAssertEqual(m.peakLR, 2e-3, accuracy: 1e-9)
        XCTAssertEqual(m.schedule, ScheduleSpec(type: "wsd", warmup: 0.1, decay: 0.3, shape: "cosine", floor: 0.1))
        XCTAssertEqual(m.sources.map(\.name), ["lab:math_web", "lab:qa_short"])
        XCTAssertEqual(m.sources.map(\.file), ["data/lab_math_web.jsonl", "data/lab_qa_short.jsonl"])
        XCTAssertEqual(m.sources.map(\.weight), [0.75, 0.25])
        // The shards re-tokenize to exactly the stream octorepl trains on.
        let tok = try XCTUnwrap(branch.model.tokenizer)
        for (i, source) in m.sources.enumerated() {
            let lines = try String(contentsOf: dir.appendingPathComponent(source.file), encoding: .utf8).split(separator: "\n")
            XCTAssertEqual(lines.count, source.documents)
            var stream: [Int32] = []
            for line in lines {
                let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
                stream += tok.encode(try XCTUnwrap(obj["text"]), addSpecialTokens: false).map(Int32.init) + [Int32(m.eos)]
            }
            XCTAssertEqual(stream, branch.data.components[i].sequences.stream, source.name)
            XCTAssertEqual(source.tokens, stream.count)
        }
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("manifest.json"))) as? [String: Any])
        XCTAssertEqual(manifest["total_steps"] as? Int, 10)
        XCTAssertEqual(manifest["batch_tokens"] as? Int, 128)
        let back = try DecoderModel.load(folder: dir.appendingPathComponent("model"))
        XCTAssertEqual(back.params.all.flatMap { $0.1.toArray() }, branch.model.params.all.flatMap { $0.1.toArray() })
        for f in ["train_pretrain.py", "run_pretrain.sh"] { XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path), f) }
    }

    func testExportNeedsATokenizer() throws {
        let branch = try makeBranch()
        branch.model.tokenizer = nil
        XCTAssertThrowsError(try PretrainExport.export(branch, to: FileManager.default.temporaryDirectory.appendingPathComponent("octo-pt-\(UUID().uuidString)"))) {
            XCTAssertTrue("\($0)".contains("tokenizer"), "\($0)")
        }
    }

    /// With torch + transformers in .venv: the recipe's schedule equals octorepl's at every step,
    /// run_pretrain.sh trains 2 steps on CPU under torchrun, and octorepl loads the result.
    func testRecipeRunsTwoCPUStepsAndTheResultLoadsBack() throws {
        let python = Self.root.appendingPathComponent(".venv/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path),
              (try? run(python.path, ["-c", "import torch, transformers"]))?.status == 0 else {
            let line = "SKIP export_pretrain recipe run: torch/transformers are not installed in .venv (run `make verl-check`)"
            print(line)
            throw XCTSkip(line)
        }
        let branch = try makeBranch()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("octo-pretrain-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try PretrainExport.export(branch, to: dir)

        let sched = try run(python.path, ["train_pretrain.py", "--print-schedule"], cwd: dir)
        XCTAssertEqual(sched.status, 0, sched.output)
        let lrs = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sched.output.utf8)) as? [Double])
        XCTAssertEqual(lrs.count, m.totalSteps)
        for (s, lr) in lrs.enumerated() { XCTAssertEqual(lr, branch.lr(at: s), accuracy: 1e-12, "step \(s)") }

        var env = ProcessInfo.processInfo.environment
        env["PATH"] = python.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["NPROC"] = "1"; env["OMP_NUM_THREADS"] = "2"; env["OUT"] = dir.appendingPathComponent("out").path
        let r = try run("/bin/bash", ["run_pretrain.sh", "--steps", "2"], cwd: dir, env: env)
        XCTAssertEqual(r.status, 0, r.output)
        let log = try String(contentsOf: dir.appendingPathComponent("out/log.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(log.count, 2, r.output)
        for (i, line) in log.enumerated() {
            let rec = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertEqual(rec["step"] as? Int, i)
            XCTAssertEqual(try XCTUnwrap(rec["lr"] as? Double), branch.lr(at: i), accuracy: 1e-12)
            let loss = try XCTUnwrap(rec["loss"] as? Double)
            XCTAssertTrue(loss.isFinite && loss > 0, "loss \(loss)")
        }
        // Round trip: the folder the trainer wrote loads into octorepl, with changed weights.
        let back = try DecoderModel.load(folder: dir.appendingPathComponent("out"))
        XCTAssertEqual(back.config, branch.model.config)
        XCTAssertNotNil(back.tokenizer)
        let before = branch.model.params.all.flatMap { $0.1.toArray() }, after = back.params.all.flatMap { $0.1.toArray() }
        XCTAssertEqual(before.count, after.count)
        XCTAssertNotEqual(before, after)
        let maxDelta = zip(before, after).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThan(maxDelta, 0.1, "two small-lr steps moved a weight by \(maxDelta)")
        print("export_pretrain: 2 CPU steps, losses \(log.joined(separator: " | ")), max |Δw| \(maxDelta)")
    }

    func run(_ exe: String, _ args: [String], cwd: URL? = nil, env: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        if let env { p.environment = env }
        let pipe = Pipe()
        p.standardOutput = pipe; p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
