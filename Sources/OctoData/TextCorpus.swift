// A jsonl text corpus: one document per line in a configurable field, tokenised once
// through a caller-supplied closure and cached in the user's cache folder (never beside the
// user's data: `$OCTOREPL_CACHE_DIR`, else `$XDG_CACHE_HOME/octorepl/tokcache`, else
// `~/.cache/octorepl/tokcache`).
import Foundation
import OctoBase

/// A jsonl corpus on disk. Creating one reads nothing; `readTexts` and `tokenize` do.
public struct TextCorpus: Sendable {
    /// The jsonl file.
    public let url: URL
    /// The field holding each document's text (default "text").
    public let field: String
    /// What to do with invalid JSON or lines without the field.
    public let policy: BadLinePolicy

    /// Where token caches are written.
    public let cacheDirectory: URL

    /// - Parameter cacheDirectory: where token caches go (default: `defaultCacheDirectory()`).
    public init(url: URL, field: String = "text", policy: BadLinePolicy = .skip, cacheDirectory: URL? = nil) {
        self.url = url; self.field = field; self.policy = policy
        self.cacheDirectory = cacheDirectory ?? TextCorpus.defaultCacheDirectory()
    }

    /// `$OCTOREPL_CACHE_DIR`, else `$XDG_CACHE_HOME/octorepl/tokcache`, else
    /// `~/.cache/octorepl/tokcache`.
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let dir = environment["OCTOREPL_CACHE_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("octorepl/tokcache")
    }

    /// The documents in file order, and the load report.
    /// - Throws: `DataError` (file missing; the first bad line under `.fail`).
    public func readTexts() throws -> (texts: [String], report: LoadReport) {
        var report = LoadReport(file: url.path)
        var texts: [String] = []
        try JSONLines.read(url, policy: policy, report: &report) { line in
            texts.append(try line.string(field))
        }
        return (texts, report)
    }

    /// Where the token cache for a tokenizer lives: `<cacheDirectory>/<file name>-<hash of the
    /// file's absolute path>.<tokenizerHash>.tokcache` (characters other than letters, digits,
    /// `-` and `_` in the tokenizer hash become `_`).
    public func cacheURL(tokenizerHash: String) -> URL {
        let safe = String(tokenizerHash.prefix(64).map { c -> Character in
            (c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_")) ? c : "_"
        })
        let pathHash = String(FNV1a.hash64(url.standardizedFileURL.path), radix: 16)
        return cacheDirectory.appendingPathComponent(url.lastPathComponent + "-" + pathHash + "." + safe + ".tokcache")
    }

    /// The corpus as token ids, from the cache when it is valid, else by reading the file,
    /// calling `encode` on every document and writing the cache atomically.
    ///
    /// The cache is valid when its header matches the file's size and modification time,
    /// the tokenizer hash, the field and the policy.
    /// - Parameters:
    ///   - tokenizerHash: identifies the tokenizer (any change must change it).
    ///   - useCache: false reads and writes no cache.
    ///   - encode: text → token ids (each in 0...Int32.max).
    /// - Throws: `DataError` for file problems, bad lines under `.fail`, or a token id out of range.
    public func tokenize(tokenizerHash: String, useCache: Bool = true,
                         encode: (String) throws -> [Int]) throws -> TokenizedCorpus {
        let cache = cacheURL(tokenizerHash: tokenizerHash)
        let stamp = try TokenCache.Stamp.of(url, tokenizerHash: tokenizerHash, field: field, policy: policy)
        if useCache, let hit = TokenCache.read(cache, expecting: stamp) {
            var corpus = hit
            corpus.cacheStatus = .hit
            return corpus
        }
        let (texts, report) = try readTexts()
        var tokens: [Int32] = []
        var offsets: [Int] = [0]
        var hashes: [UInt64] = []
        offsets.reserveCapacity(texts.count + 1)
        hashes.reserveCapacity(texts.count)
        for (i, text) in texts.enumerated() {
            for id in try encode(text) {
                guard id >= 0, id <= Int(Int32.max) else {
                    throw DataError.invalidArgument("token id \(id) from document \(i) of \(url.path) is outside 0...\(Int32.max)")
                }
                tokens.append(Int32(id))
            }
            offsets.append(tokens.count)
            hashes.append(FNV1a.hash64(text))
        }
        var corpus = TokenizedCorpus(tokens: tokens, offsets: offsets, textHashes: hashes, report: report)
        guard useCache else { corpus.cacheStatus = .disabled; return corpus }
        do {
            try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
            try TokenCache.write(corpus, stamp: stamp, to: cache)
            corpus.cacheStatus = .written
        } catch {
            corpus.cacheStatus = .writeFailed("\(error)")
        }
        return corpus
    }
}
