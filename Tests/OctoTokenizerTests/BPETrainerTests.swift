import Foundation
import XCTest
import OctoBase
@testable import OctoTokenizer

/// BPE training: exact merges on tiny corpora, and the written tokenizer.json reloads and
/// encodes identically (and round-trips text).
final class BPETrainerTests: XCTestCase {
    /// A deterministic mixed corpus (seeded `RNG`): words, numbers, LaTeX, code, accents, CJK.
    static func corpus(lines: Int, seed: UInt64) -> [String] {
        var rng = RNG(seed: seed)
        func next() -> UInt64 { rng.next() }
        let words = ["the", "answer", "is", "we", "have", "so", "total", "apples", "cost", "each", "café",
                     "naïve", "数学", "résumé", "don't", "it's", "They'll", "x", "y", "def", "return", "😀"]
        let pieces = ["\\frac{1}{2}", "$x^2$", " + ", " = ", "(", ")", ", ", ". ", "\n", "\n\n", "    ", "\t", "!"]
        return (0..<lines).map { _ in
            var s = ""
            for _ in 0..<(5 + Int(next() % 12)) {
                switch next() % 6 {
                case 0: s += String(next() % 100_000)
                case 1: s += pieces[Int(next() % UInt64(pieces.count))]
                default: s += (s.isEmpty ? "" : " ") + words[Int(next() % UInt64(words.count))]
                }
            }
            return s
        }
    }

    /// Same vocab and merges as HF's BpeTrainer (tokenizers 0.23.3, vocab 500, no special
    /// tokens) on Tests/Fixtures/tokenizers/hf-trained/corpus.txt, for both families.
    func testMergesEqualHFBpeTrainer() throws {
        let folder = TestSupport.fixture("hf-trained")
        let data = try Data(contentsOf: folder.appendingPathComponent("corpus.txt"))
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(lines.count, 1993)
        let expected = try TestSupport.loadJSON(folder.appendingPathComponent("merges.json"))
        for family in TokenizerFamily.trainable {
            let hf = try XCTUnwrap(expected[family.rawValue] as? [[String]])
            XCTAssertEqual(hf.count, 244)
            let tok = try Tokenizer.train(texts: lines, vocabSize: 500, specialTokens: [], family: family)
            let ours = try XCTUnwrap(try JSONValue.parse(tok.jsonData, source: "t")["model"]?["merges"]?.array)
            XCTAssertEqual(ours.map { ($0.array ?? []).compactMap(\.string) }, hf, "\(family)")
        }
    }

    func testMergesMostFrequentPairFirst() throws {
        let tok = try Tokenizer.train(texts: ["ab ab ab", "abc"], vocabSize: 259, specialTokens: [], family: .llama3)
        let merges = try XCTUnwrap(try JSONValue.parse(tok.jsonData, source: "t")["model"]?["merges"]?.array)
        XCTAssertEqual(merges.map { ($0.array ?? []).compactMap(\.string) }, [["a", "b"], ["Ġ", "ab"], ["ab", "c"]])
        XCTAssertEqual(tok.vocabSize, 259)
        XCTAssertEqual(tok.encode("ab abc", addSpecialTokens: false).map { tok.tokenString($0) ?? "?" }, ["ab", "Ġab", "c"])
    }

    func testTiesGoToTheSmallerPair() throws {
        let tok = try Tokenizer.train(texts: ["zw", "xy"], vocabSize: 257, specialTokens: [], family: .qwen2)
        XCTAssertEqual(tok.mergeCount, 1)
        XCTAssertEqual(tok.id(of: "xy"), 256)
        XCTAssertNil(tok.id(of: "zw"))
    }

    func testAlphabetOrderMatchesHF() throws {
        let tok = try Tokenizer.train(texts: [], vocabSize: 256, specialTokens: [], family: .llama3)
        // Same first ids as the fixtures (trained by HF with ByteLevel.alphabet()).
        XCTAssertEqual(tok.id(of: "!"), 0)
        XCTAssertEqual(tok.id(of: "a"), 64)
        XCTAssertEqual(tok.id(of: "Ġ"), 220)
        XCTAssertEqual(tok.mergeCount, 0)
    }

    func testTrainedTokenizerRoundTrips() throws {
        let texts = Self.corpus(lines: 400, seed: 7)
        let specials = ["<|begin_of_text|>", "<|end_of_text|>", "<|eot_id|>"]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("octo-tok-train-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        for family in TokenizerFamily.trainable {
            let names = family == .llama3 ? specials : ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
            let tok = try Tokenizer.train(texts: texts, vocabSize: 380, specialTokens: names, family: family)
            XCTAssertEqual(tok.vocabSize, 380)
            XCTAssertEqual(tok.mergeCount, 380 - 256 - 3)
            XCTAssertEqual(tok.specialTokens[names[0]], 377)
            XCTAssertEqual(tok.specialTokens[names[2]], 379)
            XCTAssertEqual(tok.family, family)
            XCTAssertEqual(tok.bosId, family == .llama3 ? 377 : nil)
            XCTAssertEqual(tok.eosId, family == .llama3 ? 378 : 377)

            try tok.save(to: folder)
            let again = try Tokenizer(contentsOf: folder)
            XCTAssertEqual(again.jsonData, tok.jsonData)
            XCTAssertEqual(again.bosId, tok.bosId)
            XCTAssertEqual(again.eosId, tok.eosId)
            let probes = Self.corpus(lines: 40, seed: 99) + ["", " ", "x\(names[1])y", "e\u{301} 12345"]
            var total = 0
            for text in probes {
                let ids = tok.encode(text)
                total += ids.count
                XCTAssertEqual(again.encode(text), ids)
                let plain = tok.encode(text, addSpecialTokens: false)
                let expected = family == .qwen2 ? text.precomposedStringWithCanonicalMapping : text
                XCTAssertEqual(tok.decode(plain), expected)
                XCTAssertLessThanOrEqual(plain.count, text.utf8.count)
            }
            // Training compresses its own kind of text well below one id per byte.
            let bytes = probes.reduce(0) { $0 + $1.utf8.count }
            XCTAssertLessThan(Double(total), 0.6 * Double(bytes), "\(family)")
        }
    }

    func testTrainingIsDeterministic() throws {
        let texts = Self.corpus(lines: 200, seed: 3)
        let a = try Tokenizer.train(texts: texts, vocabSize: 400, specialTokens: ["<|endoftext|>"], family: .qwen2)
        let b = try Tokenizer.train(texts: texts.reversed(), vocabSize: 400, specialTokens: ["<|endoftext|>"], family: .qwen2)
        XCTAssertEqual(a.jsonData, b.jsonData)
    }

    func testSpecialTokensAreNotTrainedOn() throws {
        let texts = Array(repeating: "<|eot|><|eot|>hi", count: 50)
        let tok = try Tokenizer.train(texts: texts, vocabSize: 300, specialTokens: ["<|eot|>"], family: .llama3)
        XCTAssertNil(tok.id(of: "<|"))
        XCTAssertEqual(tok.encode("<|eot|>hi", addSpecialTokens: false), [tok.specialTokens["<|eot|>"], tok.id(of: "hi")].compactMap { $0 })
    }

    func testBadTrainingArguments() {
        XCTAssertThrowsError(try Tokenizer.train(texts: ["a"], vocabSize: 100, specialTokens: [], family: .llama3)) {
            guard case .training? = $0 as? TokenizerError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try Tokenizer.train(texts: ["a"], vocabSize: 300, specialTokens: ["x", "x"], family: .llama3))
        XCTAssertThrowsError(try Tokenizer.train(texts: ["a"], vocabSize: 300, specialTokens: ["a"], family: .llama3))
    }
}
