import Foundation
import XCTest
@testable import OctoTokenizer

/// Pre-tokenizers (Split behaviours, Digits, ByteLevel with the GPT-2 regex, Metaspace,
/// WhitespaceSplit, Sequence) and normalizers (Lowercase, NFKC, Replace, Prepend, Sequence)
/// give the pieces HF tokenizers 0.23 gives: Tests/Fixtures/tokenizers/pretokenizer_cases.json
/// (made by make_pretokenizer_cases.py).
final class PipelineStepTests: XCTestCase {
    func jsonValue(_ object: Any) throws -> JSONValue {
        try JSONValue.parse(JSONSerialization.data(withJSONObject: object), source: "case")
    }

    func loadCases() throws -> [String: Any] {
        try TestSupport.loadJSON(TestSupport.fixture("pretokenizer_cases.json"))
    }

    func testPreTokenizersMatchHF() throws {
        let groups = try XCTUnwrap(loadCases()["pre_tokenizers"] as? [[String: Any]])
        XCTAssertGreaterThan(groups.count, 20)
        var checked = 0
        for group in groups {
            let name = try XCTUnwrap(group["name"] as? String)
            let pipeline = try PreTokenizerPipeline.parse(jsonValue(try XCTUnwrap(group["json"])), file: name)
            for c in try XCTUnwrap(group["cases"] as? [[String: Any]]) {
                let text = try XCTUnwrap(c["text"] as? String)
                let pieces = pipeline.pieces(Array(text.utf8), atStart: true).map {
                    pipeline.byteLevel ? ByteLevel.encode($0) : String(decoding: $0, as: UTF8.self)
                }
                XCTAssertEqual(pieces, c["pieces"] as? [String], "\(name) on \(text.debugDescription)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }

    func testNormalizersMatchHF() throws {
        let groups = try XCTUnwrap(loadCases()["normalizers"] as? [[String: Any]])
        XCTAssertEqual(groups.count, 5)
        for group in groups {
            let name = try XCTUnwrap(group["name"] as? String)
            let normalizer = try XCTUnwrap(Normalizer.parse(jsonValue(try XCTUnwrap(group["json"])), field: "normalizer", file: name))
            for c in try XCTUnwrap(group["cases"] as? [[String: Any]]) {
                let text = try XCTUnwrap(c["text"] as? String)
                XCTAssertEqual(String(decoding: normalizer.apply(Array(text.utf8)), as: UTF8.self), c["normalized"] as? String,
                               "\(name) on \(text.debugDescription)")
            }
        }
    }

    func testMetaspaceFirstPrependsOnlyAtTheStartOfTheInput() throws {
        let step = PreTokenizerStep.metaspace(replacement: Array("\u{2581}".utf8), prepend: .first, split: false)
        let first = step.apply([PrePiece(bytes: Array("a b".utf8), atStart: true)])
        let later = step.apply([PrePiece(bytes: Array("a b".utf8), atStart: false)])
        XCTAssertEqual(first.map { String(decoding: $0.bytes, as: UTF8.self) }, ["\u{2581}a\u{2581}b"])
        XCTAssertEqual(later.map { String(decoding: $0.bytes, as: UTF8.self) }, ["a\u{2581}b"])
    }

    func testUnsupportedStepsAreLocatedErrors() throws {
        let cases: [(String, String)] = [
            (#"{"type":"Sequence","pretokenizers":[{"type":"ByteLevel"},{"type":"Digits"}]}"#, "pre_tokenizer.pretokenizers[0]"),
            (#"{"type":"Split","pattern":{"Regex":"a"},"behavior":"Sideways"}"#, "pre_tokenizer.behavior"),
            (#"{"type":"Split","pattern":{"Regex":"(unclosed"}}"#, "pre_tokenizer.pattern.Regex"),
            (#"{"type":"BertPreTokenizer"}"#, "pre_tokenizer.type"),
            (#"{"type":"Metaspace","prepend_scheme":"sometimes"}"#, "pre_tokenizer.prepend_scheme"),
        ]
        for (json, field) in cases {
            XCTAssertThrowsError(try PreTokenizerPipeline.parse(JSONValue.parse(Data(json.utf8), source: "t.json"), file: "t.json")) { error in
                guard case TokenizerError.unsupported(let file, let f, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(file, "t.json")
                XCTAssertEqual(f, field, json)
            }
        }
    }

    func testByteFallbackDecoderReplacesInvalidBytesOnePerByte() {
        let tokens = ["<0xE6>", "<0x97>", "a", "<0xE6>", "<0x97>", "<0xA5>"].map { Array($0.utf8) }
        let out = TokenDecoder.byteFallback.decode(tokens).map { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(out, ["\u{FFFD}", "\u{FFFD}", "a", "日"])
    }
}
