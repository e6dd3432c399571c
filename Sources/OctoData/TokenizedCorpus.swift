// Token ids of a corpus, one document after another, with per-document offsets and text
// hashes (for hash splits without re-reading the text).
import OctoBase

/// A tokenised corpus: `tokens[offsets[i]..<offsets[i+1]]` is document i.
public struct TokenizedCorpus: Equatable, Sendable {
    /// How a `TextCorpus.tokenize` call used the cache.
    public enum CacheStatus: Equatable, Sendable {
        case hit, written, disabled, writeFailed(String), none
    }

    /// All token ids, documents back to back (no separators).
    public let tokens: [Int32]
    /// Document boundaries, `documentCount + 1` entries starting at 0.
    public let offsets: [Int]
    /// FNV-1a 64 of each document's text.
    public let textHashes: [UInt64]
    /// The load report of the text pass (kept in the cache too).
    public let report: LoadReport
    /// Whether this value came from the cache.
    public var cacheStatus: CacheStatus = .none

    public init(tokens: [Int32], offsets: [Int], textHashes: [UInt64], report: LoadReport) {
        self.tokens = tokens; self.offsets = offsets; self.textHashes = textHashes; self.report = report
    }

    /// Builds a corpus from in-memory documents (e.g. lab text) already tokenised.
    public init(documents: [[Int]], texts: [String]? = nil, name: String = "<memory>") throws {
        var tokens: [Int32] = [], offsets = [0], hashes: [UInt64] = []
        for (i, doc) in documents.enumerated() {
            for id in doc {
                guard id >= 0, id <= Int(Int32.max) else {
                    throw DataError.invalidArgument("token id \(id) in document \(i) is outside 0...\(Int32.max)")
                }
                tokens.append(Int32(id))
            }
            offsets.append(tokens.count)
            if let texts, i < texts.count { hashes.append(FNV1a.hash64(texts[i])) } else { hashes.append(UInt64(i)) }
        }
        var report = LoadReport(file: name)
        report.linesRead = documents.count; report.accepted = documents.count
        self.init(tokens: tokens, offsets: offsets, textHashes: hashes, report: report)
    }

    /// Number of documents.
    public var documentCount: Int { max(0, offsets.count - 1) }

    /// The tokens of document `i`.
    /// - Throws: `DataError.indexOutOfRange`.
    public func document(_ i: Int) throws -> ArraySlice<Int32> {
        guard i >= 0, i < documentCount else { throw DataError.indexOutOfRange(index: i, count: documentCount) }
        return tokens[offsets[i]..<offsets[i + 1]]
    }

    /// The documents on each side of a hash split, in order.
    public func split(_ split: HashSplit) -> (train: TokenizedCorpus, heldOut: TokenizedCorpus) {
        var parts = [(tokens: [Int32](), offsets: [0], hashes: [UInt64]()), (tokens: [Int32](), offsets: [0], hashes: [UInt64]())]
        for i in 0..<documentCount {
            let side = split.isHeldOut(hash: textHashes[i]) ? 1 : 0
            parts[side].tokens.append(contentsOf: tokens[offsets[i]..<offsets[i + 1]])
            parts[side].offsets.append(parts[side].tokens.count)
            parts[side].hashes.append(textHashes[i])
        }
        let make = { (p: (tokens: [Int32], offsets: [Int], hashes: [UInt64])) in
            TokenizedCorpus(tokens: p.tokens, offsets: p.offsets, textHashes: p.hashes, report: self.report)
        }
        return (make(parts[0]), make(parts[1]))
    }

    /// Packs the documents, each followed by `eos`, into sequences of `seqLen + 1` tokens.
    /// - Throws: `DataError.invalidArgument` for `seqLen < 1` or a negative eos.
    public func packed(seqLen: Int, eos: Int) throws -> PackedSequences {
        try PackedSequences(corpus: self, eos: eos, seqLen: seqLen)
    }
}
