// GGUF reading: dequantisation against gguf-py, tiny models in GGUF against the same weights
// from safetensors, the tokenizer from tokenizer.ggml.* against tokenizer.json, save back to
// an HF folder. Fixtures: Tests/Fixtures/gguf (made by make_gguf_fixtures.py).
import Foundation
import XCTest
@testable import OctoModel
import OctoTensor
import OctoTokenizer

let fixturesGGUF = packageRoot.appendingPathComponent("Tests/Fixtures/gguf")

final class GGUFTests: XCTestCase {
    func testDequantisationMatchesGGUFPy() throws {
        let file = try GGUFFile(url: fixturesGGUF.appendingPathComponent("quants.gguf"))
        XCTAssertEqual(file.version, 3)
        var seen: Set<GGMLType> = []
        for t in file.tensors where !t.name.hasSuffix(".expected") {
            seen.insert(t.type)
            XCTAssertEqual(t.shape, [2, 256], t.name)
            let got = try file.floats(t.name), want = try file.floats(t.name + ".expected")
            XCTAssertEqual(got.count, want.count)
            XCTAssertGreaterThan(want.map(abs).max() ?? 0, 0.01, t.name)
            for (i, (a, b)) in zip(got, want).enumerated() where a != b {
                XCTFail("\(t.name)[\(i)]: \(a) != \(b)")
                break
            }
        }
        XCTAssertEqual(seen, Set(GGMLType.allCases))
    }

    func testHalfConversionCoversSubnormalsAndSpecials() {
        XCTAssertEqual(GGMLDequantize.halfToFloat(0x3C00), 1)
        XCTAssertEqual(GGMLDequantize.halfToFloat(0xC000), -2)
        XCTAssertEqual(GGMLDequantize.halfToFloat(0x0001), 5.9604645e-08)
        XCTAssertEqual(GGMLDequantize.halfToFloat(0x7BFF), 65504)
        XCTAssertEqual(GGMLDequantize.halfToFloat(0x7C00), .infinity)
        XCTAssertTrue(GGMLDequantize.halfToFloat(0x7E00).isNaN)
    }

    /// The GGUF model (q/k permuted by the converter, no rope scaling) gives the logits of the
    /// safetensors weights run with the same config.
    func checkModel(_ name: String) throws {
        let g = try DecoderModel.load(gguf: fixturesGGUF.appendingPathComponent(name + ".gguf"))
        let folder = fixturesHF.appendingPathComponent(name)
        var config = try ModelConfig.load(from: folder)
        config.ropeScaling = nil
        config.initializerRange = 0.02   // GGUF does not store it: the default
        let hf = try DecoderModel(config: config, weights: SafetensorsCheckpoint(folder: folder))
        XCTAssertEqual(g.config, hf.config)
        let ids = [[1, 5, 9, 42, 7, 300, 12, 3]]
        let a = try g.logits(ids).toArray(), b = try hf.logits(ids).toArray()
        XCTAssertEqual(a, b)

        let tok = try XCTUnwrap(g.tokenizer)
        let ref = try Tokenizer(contentsOf: folder)
        XCTAssertEqual(tok.vocabSize, ref.vocabSize)
        XCTAssertEqual(tok.family, ref.family)
        XCTAssertEqual(tok.bosId, ref.bosId)
        XCTAssertEqual(tok.eosId, ref.eosId)
        let cases = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: packageRoot
            .appendingPathComponent("Tests/Fixtures/tokenizers/\(name == "tiny-llama" ? "llama3" : "qwen2")-tok/tokenizer_cases.json"))) as? [String: Any])
        let texts = try XCTUnwrap(cases["cases"] as? [[String: Any]]).compactMap { $0["text"] as? String }
        XCTAssertGreaterThan(texts.count, 40)
        for text in texts {
            XCTAssertEqual(tok.encode(text), ref.encode(text), text)
            XCTAssertEqual(tok.decode(ref.encode(text)), ref.decode(ref.encode(text)), text)
        }
    }

    func testTinyLlamaGGUFMatchesSafetensors() throws { try checkModel("tiny-llama") }
    func testTinyQwen2GGUFMatchesSafetensors() throws { try checkModel("tiny-qwen2") }

    func testQKUnpermutationIsNeeded() throws {
        // Read raw, the permuted q rows differ from the HF ones: the undo is doing real work.
        let file = try GGUFFile(url: fixturesGGUF.appendingPathComponent("tiny-llama.gguf"))
        let raw = try file.floats("blk.0.attn_q.weight")
        let hf = try SafetensorsCheckpoint(folder: fixturesHF.appendingPathComponent("tiny-llama")).floats("model.layers.0.self_attn.q_proj.weight")
        XCTAssertNotEqual(raw, hf)
        XCTAssertEqual(raw.sorted(), hf.sorted())
    }

    func testSentencePieceVocabularyMatchesTokenizerJSON() throws {
        let file = try GGUFFile(url: fixturesGGUF.appendingPathComponent("spm-vocab.gguf"))
        let tok = try GGUFTokenizer.make(file)
        let ref = try Tokenizer(contentsOf: packageRoot.appendingPathComponent("Tests/Fixtures/tokenizers/spm-tok"))
        XCTAssertEqual(tok.family, .sentencepiece)
        XCTAssertEqual(tok.bosId, 1)
        XCTAssertEqual(tok.eosId, 2)
        let cases = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: packageRoot
            .appendingPathComponent("Tests/Fixtures/tokenizers/spm-tok/tokenizer_cases.json"))) as? [String: Any])
        for c in try XCTUnwrap(cases["cases"] as? [[String: Any]]) {
            let text = try XCTUnwrap(c["text"] as? String)
            // spm-tok has an NFC normalizer, which a GGUF vocabulary does not carry.
            guard text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars) else { continue }
            XCTAssertEqual(tok.encode(text), ref.encode(text), text)
            XCTAssertEqual(tok.decode(ref.encode(text), skipSpecialTokens: true), c["decoded_skip_special"] as? String, text)
        }
    }

    func testSaveOfGGUFModelWritesALoadableHFFolder() throws {
        let g = try DecoderModel.load(gguf: fixturesGGUF.appendingPathComponent("tiny-llama.gguf"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("octo-gguf-save-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try g.save(folder: dir)
        let config = try String(contentsOf: dir.appendingPathComponent("config.json"), encoding: .utf8)
        XCTAssertTrue(config.contains("\"rms_norm_eps\": 1e-05"), config)
        XCTAssertFalse(config.contains("9.99999"), config)
        let back = try DecoderModel.load(folder: dir)
        XCTAssertEqual(back.config, g.config)
        XCTAssertEqual(try back.logits([[3, 4, 5]]).toArray(), try g.logits([[3, 4, 5]]).toArray())
        XCTAssertEqual(back.tokenizer?.encode("x = 12 café"), g.tokenizer?.encode("x = 12 café"))
    }
}
