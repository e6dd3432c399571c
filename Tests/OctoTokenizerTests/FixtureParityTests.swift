import Foundation
import XCTest
@testable import OctoTokenizer

/// Every case of Tests/Fixtures/tokenizers/*/tokenizer_cases.json (made with HF tokenizers
/// 0.23.3 and cross-checked with transformers) must match exactly.
final class FixtureParityTests: XCTestCase {
    func checkCases(_ folder: String, family: TokenizerFamily, bos: String?, eos: String) throws {
        let url = TestSupport.fixture(folder)
        let tok = try Tokenizer(contentsOf: url)
        let expected = try TestSupport.loadJSON(url.appendingPathComponent("tokenizer_cases.json"))
        XCTAssertEqual(tok.family, family)
        XCTAssertEqual(tok.vocabSize, expected["vocab_size"] as? Int)
        let specials = (expected["special_tokens"] as? [String: Int]) ?? [:]
        XCTAssertFalse(specials.isEmpty)
        XCTAssertEqual(tok.specialTokens, specials)
        XCTAssertEqual(tok.bosId, bos.flatMap { specials[$0] })
        XCTAssertEqual(tok.eosId, specials[eos])

        let cases = try XCTUnwrap(expected["cases"] as? [[String: Any]])
        XCTAssertGreaterThan(cases.count, 40)
        for c in cases {
            let text = try XCTUnwrap(c["text"] as? String)
            let ids = try XCTUnwrap(TestSupport.ints(c["ids"]))
            let idsNoSpecial = try XCTUnwrap(TestSupport.ints(c["ids_no_special"]))
            XCTAssertEqual(tok.encode(text), ids, "ids of \(text.debugDescription)")
            XCTAssertEqual(tok.encode(text, addSpecialTokens: false), idsNoSpecial, "ids_no_special of \(text.debugDescription)")
            XCTAssertEqual(tok.decode(ids), c["decoded"] as? String, "decoded of \(text.debugDescription)")
            XCTAssertEqual(tok.decode(ids, skipSpecialTokens: true), c["decoded_skip_special"] as? String)
            XCTAssertEqual(tok.decode(idsNoSpecial), c["decoded_no_special_ids"] as? String)
            if let tokens = c["tokens"] as? [String] {
                XCTAssertEqual(ids.map { tok.tokenString($0) ?? "?" }, tokens, "tokens of \(text.debugDescription)")
                XCTAssertEqual(tokens.map { tok.id(of: $0) }, ids)
            }
        }

        let singles = try XCTUnwrap(expected["single_token_decodes"] as? [[String: Any]])
        XCTAssertFalse(singles.isEmpty)
        for s in singles {
            let ids = try XCTUnwrap(TestSupport.ints(s["ids"]))
            let text = try XCTUnwrap(s["text"] as? String)
            XCTAssertEqual(tok.encode(text, addSpecialTokens: false), ids)
            XCTAssertEqual(ids.map { tok.decode([$0]) }, s["single_token_decodes"] as? [String], "single decodes of \(text)")
        }
    }

    func testLlama3FixtureCasesExact() throws {
        try checkCases("llama3-tok", family: .llama3, bos: "<|begin_of_text|>", eos: "<|end_of_text|>")
    }

    func testQwen2FixtureCasesExact() throws {
        try checkCases("qwen2-tok", family: .qwen2, bos: nil, eos: "<|endoftext|>")
    }

    func testGPT2StyleFixtureCasesExact() throws {
        // NFKC+Replace+Lowercase, Sequence[Split(regex), Digits, ByteLevel(use_regex, prefix
        // space)], TemplateProcessing "$A <|endoftext|>" (made by make_bytelevel_spm_fixtures.py).
        try checkCases("gpt2-tok", family: .gpt2, bos: nil, eos: "<|endoftext|>")
    }

    func testSentencePieceStyleFixtureCasesExact() throws {
        // Metaspace(first), byte_fallback + unk, decoder Replace/ByteFallback/Fuse/Strip.
        try checkCases("spm-tok", family: .sentencepiece, bos: "<s>", eos: "</s>")
    }

    func testLegacySentencePieceFixtureCasesExact() throws {
        // Prepend+Replace normalizers, no pre-tokenizer, decoder ByteFallback+Metaspace.
        try checkCases("spm-legacy-tok", family: .sentencepiece, bos: "<s>", eos: "</s>")
    }

    func testSentencePieceByteFallbackAndTokenBytes() throws {
        let tok = try Tokenizer(contentsOf: TestSupport.fixture("spm-tok"))
        let ids = tok.encode("\u{1F600}zq", addSpecialTokens: false)
        XCTAssertTrue(ids.contains { (tok.tokenString($0) ?? "").hasPrefix("<0x") }, "\(ids.map { tok.tokenString($0) ?? "?" })")
        XCTAssertEqual(tok.decode(ids), "\u{1F600}zq")
        XCTAssertEqual(tok.tokenBytes(try XCTUnwrap(tok.id(of: "<0x41>"))), [0x41])
        XCTAssertEqual(tok.tokenBytes(try XCTUnwrap(tok.id(of: "\u{2581}a"))), Array(" a".utf8))
    }

    func testLlama3AddsBOSOnlyWithSpecialTokens() throws {
        let tok = try Tokenizer(contentsOf: TestSupport.fixture("llama3-tok"))
        XCTAssertEqual(tok.encode("a"), [595, 64])
        XCTAssertEqual(tok.encode("a", addSpecialTokens: false), [64])
        XCTAssertEqual(tok.tokenBytes(220), [0x20])
        XCTAssertEqual(tok.tokenBytes(595), Array("<|begin_of_text|>".utf8))
        XCTAssertEqual(tok.tokenBytes(-1), [])
    }

    func testQwen2NormalizesToNFC() throws {
        let tok = try Tokenizer(contentsOf: TestSupport.fixture("qwen2-tok"))
        XCTAssertEqual(tok.encode("e\u{301}"), tok.encode("\u{e9}"))
        XCTAssertEqual(tok.decode(tok.encode("e\u{301}")), "\u{e9}")
    }
}

/// The heap merge loop used for long pre-tokens gives what the array loop gives.
final class MergeLoopTests: XCTestCase {
    func testHeapAndArrayMergeLoopsAgree() throws {
        let tok = try Tokenizer(contentsOf: TestSupport.fixture("qwen2-tok"))
        var state: UInt64 = 12345
        let alphabet = Array("the answer is café 12 ".utf8) + [0x0A]
        for length in [2, 3, 17, 65, 200, 1000] {
            var word: [Int32] = []
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let byte = alphabet[Int(state >> 33) % alphabet.count]
                word.append(Int32(try XCTUnwrap(tok.id(of: ByteLevel.encode([byte])))))
            }
            let short = tok.model.mergeShort(word)
            XCTAssertEqual(tok.model.mergeLong(word), short, "length \(length)")
            if length > 10 { XCTAssertLessThan(short.count, word.count) }
        }
        let spaces = String(repeating: " ", count: 5000)
        XCTAssertEqual(tok.decode(tok.encode(spaces)), spaces)
    }
}

/// Invalid UTF-8 decodes as Rust's `String::from_utf8_lossy` does (one U+FFFD per maximal
/// invalid subsequence); expected strings from HF tokenizers 0.23.3 on the llama3 fixture.
final class LossyDecodeTests: XCTestCase {
    func testInvalidUTF8MatchesHF() throws {
        let tok = try Tokenizer(contentsOf: TestSupport.fixture("llama3-tok"))
        let cases: [([Int], String)] = [
            ([172, 253, 246], "\u{FFFD}"),
            ([172, 253, 246, 64], "\u{FFFD}a"),
            ([162, 243], "\u{FFFD}"),
            ([127], "\u{FFFD}"),
            ([169, 254, 222], "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([64, 222, 222, 65], "a\u{FFFD}\u{FFFD}b"),
            ([176, 238, 222, 222], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
        ]
        for (ids, expected) in cases { XCTAssertEqual(tok.decode(ids), expected, "\(ids)") }
        XCTAssertEqual(tok.decode([64, 100_000, -5, 65]), "ab")   // unknown ids are skipped
    }
}
