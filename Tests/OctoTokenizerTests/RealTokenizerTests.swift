import Foundation
import XCTest
@testable import OctoTokenizer

/// The real Llama-3.2 and Qwen tokenizer.json files (128k/151k vocabularies) from
/// ../shared/fixtures/real-tokenizers, with ids made by HF tokenizers 0.23.3 for 156 texts.
/// Skipped (with a printed SKIPPED line) when ../shared is absent.
final class RealTokenizerTests: XCTestCase {
    func checkReal(_ name: String, family: TokenizerFamily, bos: Int?, eos: Int, vocabSize: Int) throws {
        guard let folder = TestSupport.realTokenizer(name) else { return }
        let start = Date()
        let tok = try Tokenizer(contentsOf: folder)
        print("\(name): loaded \(tok.vocabSize) ids, \(tok.mergeCount) merges in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        XCTAssertEqual(tok.family, family)
        XCTAssertEqual(tok.vocabSize, vocabSize)
        XCTAssertEqual(tok.bosId, bos)
        XCTAssertEqual(tok.eosId, eos)

        let expected = try TestSupport.loadJSON(folder.appendingPathComponent("cases.json"))
        let cases = try XCTUnwrap(expected["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.count, 156)
        var failures = 0
        for c in cases {
            let text = try XCTUnwrap(c["text"] as? String)
            let ids = try XCTUnwrap(TestSupport.ints(c["ids"]))
            let idsNoSpecial = try XCTUnwrap(TestSupport.ints(c["ids_no_special"]))
            let got = tok.encode(text)
            if got != ids { failures += 1 }
            XCTAssertEqual(got, ids, "ids of \(text.debugDescription)")
            XCTAssertEqual(tok.encode(text, addSpecialTokens: false), idsNoSpecial, "ids_no_special of \(text.debugDescription)")
            XCTAssertEqual(tok.decode(idsNoSpecial), c["decoded"] as? String, "decoded of \(text.debugDescription)")
        }
        print("\(name): \(cases.count - failures)/\(cases.count) cases exact")
    }

    func testLlama32CasesExact() throws {
        try checkReal("llama-3.2", family: .llama3, bos: 128000, eos: 128001, vocabSize: 128257)
    }

    func testQwenCasesExact() throws {
        // Its tokenizer_config.json (a chat model's) names <|im_end|> as eos_token.
        try checkReal("qwen", family: .qwen2, bos: nil, eos: 151645, vocabSize: 151669)
    }

    func testQwenWithoutConfigUsesFamilyEOS() throws {
        guard let folder = TestSupport.realTokenizer("qwen") else { return }
        let data = try Data(contentsOf: folder.appendingPathComponent("tokenizer.json"))
        let tok = try Tokenizer(jsonData: data, source: "qwen tokenizer.json")
        XCTAssertEqual(tok.eosId, 151643)
        XCTAssertNil(tok.bosId)
        XCTAssertEqual(tok.specialTokens["<|im_start|>"], 151644)
        XCTAssertNil(tok.specialTokens["<think>"])          // added but not special
        XCTAssertEqual(tok.id(of: "<think>"), 151667)
        XCTAssertEqual(tok.encode("a<think>b", addSpecialTokens: false), [64, 151667, 65])
        XCTAssertEqual(tok.decode([151644, 64, 151667], skipSpecialTokens: true), "a<think>")
    }
}
