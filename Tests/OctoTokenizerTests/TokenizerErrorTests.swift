import Foundation
import XCTest
@testable import OctoTokenizer

/// Bad inputs give typed errors that name the file and the field.
final class TokenizerErrorTests: XCTestCase {
    /// The llama3 fixture as a mutable JSON object.
    func fixtureObject() throws -> [String: Any] {
        try TestSupport.loadJSON(TestSupport.fixture("llama3-tok/tokenizer.json"))
    }

    func load(_ object: [String: Any]) throws -> Tokenizer {
        try Tokenizer(jsonData: JSONSerialization.data(withJSONObject: object), source: "bad.json")
    }

    func assertError(_ expected: TokenizerError, _ body: () throws -> Tokenizer, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? TokenizerError, expected, file: file, line: line)
        }
    }

    func testMalformedJSONNamesLineAndColumn() {
        let data = Data("{\n  \"model\": {\"vocab\": {\"a\": 0,}}\n}".utf8)
        assertError(.malformedJSON(file: "x.json", line: 2, column: 30, reason: "expected a string key")) {
            try Tokenizer(jsonData: data, source: "x.json")
        }
        assertError(.malformedJSON(file: "x.json", line: 1, column: 8, reason: "unterminated string")) {
            try Tokenizer(jsonData: Data("{\"model".utf8), source: "x.json")
        }
        XCTAssertEqual(TokenizerError.malformedJSON(file: "x.json", line: 2, column: 30, reason: "r").description,
                       "tokenizer: x.json:2:30: malformed JSON: r")
    }

    func testMissingModelField() throws {
        var object = try fixtureObject()
        object["model"] = nil
        assertError(.missingField(file: "bad.json", field: "model")) { try load(object) }
    }

    func testEmptyVocabularyIsALoadError() throws {
        var object = try fixtureObject()
        var model = try XCTUnwrap(object["model"] as? [String: Any])
        model["vocab"] = [String: Any]()
        model["merges"] = [Any]()
        object["model"] = model
        assertError(.invalidVocab(file: "bad.json", field: "model.vocab", reason: "the vocabulary is empty")) { try load(object) }
    }

    func testMissingVocabAndMerges() throws {
        var object = try fixtureObject()
        var model = try XCTUnwrap(object["model"] as? [String: Any])
        model["vocab"] = nil
        object["model"] = model
        assertError(.missingField(file: "bad.json", field: "model.vocab")) { try load(object) }
        model = try XCTUnwrap(try fixtureObject()["model"] as? [String: Any])
        model["merges"] = nil
        object["model"] = model
        assertError(.missingField(file: "bad.json", field: "model.merges")) { try load(object) }
    }

    func testMergeWithUnknownTokenNamesIt() throws {
        var object = try fixtureObject()
        var model = try XCTUnwrap(object["model"] as? [String: Any])
        var merges = try XCTUnwrap(model["merges"] as? [Any])
        merges[2] = ["Ġt", "zzz"]
        model["merges"] = merges
        object["model"] = model
        assertError(.badMerge(file: "bad.json", index: 2, merge: "Ġt zzz", reason: "`zzz` is not in model.vocab")) { try load(object) }
        merges[2] = "h e x"
        model["merges"] = merges
        object["model"] = model
        assertError(.badMerge(file: "bad.json", index: 2, merge: "h e x", reason: "expected two tokens separated by one space")) { try load(object) }
        merges[2] = "a b"   // both known, but "ab" is not a vocab entry
        model["merges"] = merges
        object["model"] = model
        XCTAssertThrowsError(try load(object)) { error in
            guard case .badMerge(_, 2, _, let reason)? = error as? TokenizerError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("`ab` is not in model.vocab"), reason)
        }
    }

    func testStringMergesLoadLikeArrayMerges() throws {
        var object = try fixtureObject()
        var model = try XCTUnwrap(object["model"] as? [String: Any])
        let merges = try XCTUnwrap(model["merges"] as? [[String]])
        model["merges"] = merges.map { $0.joined(separator: " ") }
        object["model"] = model
        let a = try load(object)
        let b = try Tokenizer(contentsOf: TestSupport.fixture("llama3-tok"))
        let text = "The answer is \\boxed{12}. Hello world, café!"
        XCTAssertEqual(a.encode(text), b.encode(text))
        XCTAssertGreaterThan(a.encode(text).count, 5)
    }

    func testUnsupportedModelTypeAndRegex() throws {
        var object = try fixtureObject()
        var model = try XCTUnwrap(object["model"] as? [String: Any])
        model["type"] = "WordPiece"
        object["model"] = model
        assertError(.unsupported(file: "bad.json", field: "model.type", value: "WordPiece")) { try load(object) }

        object = try fixtureObject()
        var pre = try XCTUnwrap(object["pre_tokenizer"] as? [String: Any])
        var steps = try XCTUnwrap(pre["pretokenizers"] as? [[String: Any]])
        steps[0]["pattern"] = ["Regex": "(\\w+|\\s+"]   // unbalanced: not a regex
        pre["pretokenizers"] = steps
        object["pre_tokenizer"] = pre
        XCTAssertThrowsError(try load(object)) { error in
            guard case .unsupported(_, let field, _)? = error as? TokenizerError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "pre_tokenizer.pretokenizers[0].pattern.Regex")
        }
    }

    func testWrongVocabIdType() throws {
        var object = try fixtureObject()
        var model = try XCTUnwrap(object["model"] as? [String: Any])
        var vocab = try XCTUnwrap(model["vocab"] as? [String: Any])
        vocab["!"] = "zero"
        model["vocab"] = vocab
        object["model"] = model
        assertError(.wrongType(file: "bad.json", field: "model.vocab[!]", expected: "an integer id in 0..<16777216")) { try load(object) }
    }

    func testHugeOrDuplicateIds() throws {
        var object = try fixtureObject()
        var added = try XCTUnwrap(object["added_tokens"] as? [[String: Any]])
        added[0]["id"] = 1 << 40
        object["added_tokens"] = added
        assertError(.missingField(file: "bad.json", field: "added_tokens[0].id (an integer in 0..<16777216)")) { try load(object) }

        object = try fixtureObject()
        var model = try XCTUnwrap(object["model"] as? [String: Any])
        var vocab = try XCTUnwrap(model["vocab"] as? [String: Any])
        vocab["zzz"] = 5
        model["vocab"] = vocab
        object["model"] = model
        XCTAssertThrowsError(try load(object)) { error in
            guard case .invalidVocab(_, "model.vocab", let reason)? = error as? TokenizerError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.hasPrefix("id 5 is used by both"), reason)
        }
    }

    /// Added tokens go through the ByteLevel decoder like vocab tokens (HF 0.23.3 decodes
    /// "đem" to "\u{11}em"); contents with characters outside the alphabet stay as written.
    func testAddedTokenDecodingMatchesHF() throws {
        var object = try fixtureObject()
        var added = try XCTUnwrap(object["added_tokens"] as? [[String: Any]])
        for (i, content) in ["đem", "a b", "xĠy"].enumerated() {
            added.append(["id": 600 + i, "content": content, "single_word": false, "lstrip": false, "rstrip": false,
                          "normalized": false, "special": false])
        }
        object["added_tokens"] = added
        let tok = try load(object)
        XCTAssertEqual(tok.decode([64, 600, 64]), "a\u{11}ema")
        XCTAssertEqual(tok.decode([64, 601, 64]), "aa ba")
        XCTAssertEqual(tok.decode([64, 602, 64]), "ax ya")
        XCTAssertEqual(tok.encode("za bz", addSpecialTokens: false), [89, 601, 89])
        XCTAssertEqual(tok.vocabSize, 603)
    }

    func testMissingFileAndFolder() {
        let url = URL(fileURLWithPath: "/nonexistent/tokenizer.json")
        assertError(.fileNotFound(path: "/nonexistent/tokenizer.json")) { try Tokenizer(contentsOf: url) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("octo-tok-empty-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        assertError(.fileNotFound(path: folder.appendingPathComponent("tokenizer.json").path)) { try Tokenizer(contentsOf: folder) }
    }
}
