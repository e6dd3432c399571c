import XCTest
@testable import OctoData
import OctoBase

final class TextCorpusTests: XCTestCase {
    /// A toy tokenizer: one id per UTF-8 byte, counting its calls.
    final class ByteTokenizer: @unchecked Sendable {
        var calls = 0
        func encode(_ s: String) -> [Int] { calls += 1; return s.utf8.map { Int($0) } }
    }

    func write(_ lines: [String], to url: URL) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    func testReadTextsSkipsBadLinesWithFileAndLine() throws {
        let url = try TestPaths.scratch().appendingPathComponent("c.jsonl")
        try write(["{\"text\": \"ab\"}", "not json", "{\"body\": \"x\"}", "{\"text\": 5}", "{\"text\": \"cd\"}"], to: url)
        let (texts, report) = try TextCorpus(url: url).readTexts()
        XCTAssertEqual(texts, ["ab", "cd"])
        XCTAssertEqual(report.issues.map(\.line), [2, 3, 4])
        XCTAssertEqual(report.issues.map(\.field), [nil, "text", "text"])
        XCTAssertThrowsError(try TextCorpus(url: url, policy: .fail).readTexts()) { error in
            guard case DataError.invalidJSON(_, 2, _) = error else { return XCTFail("got \(error)") }
        }
        let other = try TextCorpus(url: url, field: "body").readTexts()
        XCTAssertEqual(other.texts, ["x"])
    }

    func testTokenizeWritesCacheThenHitsItWithoutCallingTheTokenizer() throws {
        let url = try TestPaths.scratch().appendingPathComponent("c.jsonl")
        try write(["{\"text\": \"ab\"}", "{\"oops\": 1}", "{\"text\": \"xyz\"}"], to: url)
        let cacheDir = url.deletingLastPathComponent().appendingPathComponent("cache")
        let corpus = TextCorpus(url: url, cacheDirectory: cacheDir)
        let tok = ByteTokenizer()
        let first = try corpus.tokenize(tokenizerHash: "bytes-v1", encode: tok.encode)
        XCTAssertEqual(first.cacheStatus, .written)
        XCTAssertEqual(tok.calls, 2)
        XCTAssertEqual(first.tokens, [97, 98, 120, 121, 122])
        XCTAssertEqual(first.offsets, [0, 2, 5])
        // The cache goes to the cache folder, not beside the user's data.
        XCTAssertTrue(FileManager.default.fileExists(atPath: corpus.cacheURL(tokenizerHash: "bytes-v1").path))
        XCTAssertEqual(corpus.cacheURL(tokenizerHash: "bytes-v1").deletingLastPathComponent().path, cacheDir.path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).sorted(), ["c.jsonl", "cache"])
        let second = try corpus.tokenize(tokenizerHash: "bytes-v1", encode: tok.encode)
        XCTAssertEqual(second.cacheStatus, .hit)
        XCTAssertEqual(tok.calls, 2, "a cache hit must not tokenise")
        XCTAssertEqual(second.tokens, first.tokens)
        XCTAssertEqual(second.offsets, first.offsets)
        XCTAssertEqual(second.textHashes, first.textHashes)
        XCTAssertEqual(second.report, first.report, "the bad-line report survives the cache")
        XCTAssertEqual(second.report.issues.map(\.line), [2])
    }

    func testCacheInvalidatedBySizeMtimeTokenizerAndCorruption() throws {
        let url = try TestPaths.scratch().appendingPathComponent("c.jsonl")
        try write(["{\"text\": \"ab\"}"], to: url)
        let corpus = TextCorpus(url: url, cacheDirectory: url.deletingLastPathComponent().appendingPathComponent("cache"))
        let tok = ByteTokenizer()
        _ = try corpus.tokenize(tokenizerHash: "t1", encode: tok.encode)
        // Content (size) change.
        try write(["{\"text\": \"abc\"}"], to: url)
        let changed = try corpus.tokenize(tokenizerHash: "t1", encode: tok.encode)
        XCTAssertEqual(changed.cacheStatus, .written)
        XCTAssertEqual(changed.tokens, [97, 98, 99])
        // Same size, new modification time.
        try write(["{\"text\": \"abd\"}"], to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: url.path)
        let touched = try corpus.tokenize(tokenizerHash: "t1", encode: tok.encode)
        XCTAssertEqual(touched.cacheStatus, .written)
        XCTAssertEqual(touched.tokens, [97, 98, 100])
        XCTAssertEqual(try corpus.tokenize(tokenizerHash: "t1", encode: tok.encode).cacheStatus, .hit)
        // A cache copied under another tokenizer's name has the wrong hash in its header.
        let c1 = corpus.cacheURL(tokenizerHash: "t1"), c2 = corpus.cacheURL(tokenizerHash: "t2")
        try FileManager.default.copyItem(at: c1, to: c2)
        XCTAssertEqual(try corpus.tokenize(tokenizerHash: "t2", encode: tok.encode).cacheStatus, .written)
        // A truncated cache reads as a miss and is rewritten.
        let bytes = try Data(contentsOf: c1)
        try bytes.prefix(bytes.count - 3).write(to: c1)
        let repaired = try corpus.tokenize(tokenizerHash: "t1", encode: tok.encode)
        XCTAssertEqual(repaired.cacheStatus, .written)
        XCTAssertEqual(repaired.tokens, [97, 98, 100])
        // No temp files are left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: corpus.cacheDirectory.path)
        XCTAssertFalse(left.contains { $0.contains(".tmp-") }, "\(left)")
    }

    func testTokenizeWithoutCacheAndUnsafeHashNames() throws {
        let url = try TestPaths.scratch().appendingPathComponent("c.jsonl")
        try write(["{\"text\": \"a\"}"], to: url)
        let corpus = TextCorpus(url: url, cacheDirectory: url.deletingLastPathComponent().appendingPathComponent("cache"))
        let name = corpus.cacheURL(tokenizerHash: "../x y").lastPathComponent
        XCTAssertTrue(name.hasPrefix("c.jsonl-") && name.hasSuffix(".___x_y.tokcache"), name)
        XCTAssertEqual(TextCorpus.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "/c"]).path, "/c/octorepl/tokcache")
        XCTAssertEqual(TextCorpus.defaultCacheDirectory(environment: ["OCTOREPL_CACHE_DIR": "/d", "XDG_CACHE_HOME": "/c"]).path, "/d")
        let r = try corpus.tokenize(tokenizerHash: "h", useCache: false) { _ in [1] }
        XCTAssertEqual(r.cacheStatus, .disabled)
        XCTAssertFalse(FileManager.default.fileExists(atPath: corpus.cacheURL(tokenizerHash: "h").path))
        XCTAssertThrowsError(try corpus.tokenize(tokenizerHash: "h", useCache: false) { _ in [-1] })
    }

    func testHashSplitIsStableAndNearTheFraction() throws {
        XCTAssertEqual(FNV1a.hash64(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a.hash64("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(FNV1a.hash64("foobar"), 0x8594_4171_f739_67e8)
        let split = try HashSplit(heldOutFraction: 0.1)
        let texts = (0..<10_000).map { "document number \($0)" }
        let (train, held) = split.split(texts)
        XCTAssertEqual(train.count + held.count, 10_000)
        XCTAssertEqual(Double(held.count) / 10_000, 0.1, accuracy: 0.015)
        XCTAssertEqual(split.split(texts.reversed()).heldOut.sorted(), held.sorted(), "independent of order")
        XCTAssertThrowsError(try HashSplit(heldOutFraction: 1.5))
        let corpus = try TokenizedCorpus(documents: texts.map { [$0.count] }, texts: texts)
        let parts = corpus.split(split)
        XCTAssertEqual(parts.heldOut.documentCount, held.count)
        XCTAssertEqual(parts.train.documentCount, train.count)
    }
}
