import XCTest
import Foundation
@testable import OctoTrain
import OctoModel
import OctoTensor

let trainFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/hf")

/// Three AdamW steps with clipping reproduce torch (reference.json `adamw`).
final class AdamWTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    func testThreeStepsMatchTorch() throws {
        for folder in ["tiny-llama", "tiny-qwen2"] {
            let dir = trainFixtures.appendingPathComponent(folder)
            let model = try DecoderModel.load(folder: dir)
            let ref = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("reference.json"))) as? [String: Any] ?? [:]
            let batch = (ref["batch_input_ids"] as? [[NSNumber]])?.map { $0.map(\.intValue) } ?? []
            let adam = ref["adamw"] as? [String: Any] ?? [:]
            let opt = AdamW(lr: 1e-3, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, skipDecay: AdamW.decayAll)
            let losses = (adam["loss_before_step"] as? [NSNumber])?.map(\.doubleValue) ?? []
            let norms = (adam["grad_norm_before_clip"] as? [NSNumber])?.map(\.doubleValue) ?? []
            XCTAssertEqual(losses.count, 3)
            for s in 0..<3 {
                model.params.zeroGrad()
                let loss = try model.loss(batch)
                XCTAssertEqual(Double(loss.item), losses[s], accuracy: 1e-4 * abs(losses[s]), "\(folder) step \(s)")
                try loss.backward()
                let n = clipGradNorm(model.params, maxNorm: 1.0)
                XCTAssertEqual(n, norms[s], accuracy: 1e-3 * norms[s], "\(folder) grad norm step \(s)")
                try opt.step(model.params)
            }
            let after = try noGrad { try model.loss(batch) }
            let expectedAfter = (adam["loss_after_step3"] as? NSNumber)?.doubleValue ?? .nan
            XCTAssertEqual(Double(after.item), expectedAfter, accuracy: 1e-4 * expectedAfter)
            let normW = (adam["model.norm.weight[:8]"] as? [NSNumber])?.map(\.floatValue) ?? []
            let ours = Array(try XCTUnwrap(model.params["model.norm.weight"]).toArray().prefix(8))
            for (a, b) in zip(ours, normW) { XCTAssertEqual(a, b, accuracy: 1e-5) }
            let emb = (adam["model.embed_tokens.weight[5][:8]"] as? [NSNumber])?.map(\.floatValue) ?? []
            let e = try XCTUnwrap(model.params["model.embed_tokens.weight"])
            let row5 = Array(e.toArray()[(5 * e.shape[1])..<(5 * e.shape[1] + 8)])
            for (a, b) in zip(row5, emb) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        }
    }

    func testClipLeavesSmallGradients() throws {
        let store = ParameterStore()
        let p = try Tensor([1, 2], shape: [2]); store.set("w", p)
        p.grad = try Tensor([0.3, 0.4], shape: [2])
        XCTAssertEqual(clipGradNorm(store, maxNorm: 1), 0.5, accuracy: 1e-7)
        XCTAssertEqual(p.grad?.toArray(), [0.3, 0.4])
        p.grad = try Tensor([3, 4], shape: [2])
        XCTAssertEqual(clipGradNorm(store, maxNorm: 1), 5, accuracy: 1e-6)
        XCTAssertEqual(p.grad?.toArray()[0] ?? 0, 0.6, accuracy: 1e-6)
    }
}

/// A moment restored for another model's shape stops the step before any parameter moves.
final class AdamWStateTests: XCTestCase {
    func testMismatchedMomentThrowsAndLeavesEverythingAsItWas() throws {
        let store = ParameterStore()
        let a = Tensor.full([4], 1), b = Tensor.full([2, 2], 1)
        store.set("a", a); store.set("b", b)
        a.grad = Tensor.full([4], 0.5); b.grad = Tensor.full([2, 2], 0.5)
        let opt = AdamW(lr: 0.1)
        opt.loadState(step: 3, tensors: ["exp_avg.b": Tensor(zeros: [3]), "exp_avg_sq.b": Tensor(zeros: [3])])
        XCTAssertThrowsError(try opt.step(store)) { error in
            guard case let TensorError.shapeMismatch(op, lhs, rhs) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(op.contains("b"), op); XCTAssertEqual(lhs, [2, 2]); XCTAssertEqual(rhs, [3])
        }
        XCTAssertEqual(opt.stepCount, 3)
        XCTAssertEqual(a.toArray(), [1, 1, 1, 1])
        XCTAssertEqual(b.toArray(), [1, 1, 1, 1])
    }
}
