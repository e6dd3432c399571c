// BPEModel: the `model` of tokenizer.json (type "BPE"): vocabulary, merges by rank, and the
// merge loop that turns one pre-token into ids.
//
// A pre-token's bytes start as one symbol each (the vocab id of the byte's character).
// Then, as HF's `Word::merge_all` does with its heap ordered by (rank, position), the
// adjacent pair with the lowest merge rank is merged, the leftmost one on ties, until no
// pair has a merge. With `ignore_merges` (Llama-3) a pre-token that is itself a vocab entry
// is emitted whole first. Results are cached per pre-token.
//
// Byte-level models (a ByteLevel pre-tokenizer: Llama-3, Qwen2, GPT-2 style) start from one
// symbol per byte. Other models (SentencePiece style: Llama-2, Mistral, TinyLlama) start from
// one symbol per Unicode scalar, as HF's `merge_word` does: a scalar missing from the vocab
// becomes its UTF-8 bytes as `<0xHH>` tokens with `byte_fallback`, else `unk_token` (runs of
// unknowns fused into one with `fuse_unk`), else it is dropped.

import Foundation

/// Byte-level BPE vocabulary and merges.
final class BPEModel: @unchecked Sendable {
    /// Model vocab: byte-level string -> id.
    let vocab: [String: Int]
    /// id -> byte-level string (nil for gaps).
    let idToToken: [String?]
    let ignoreMerges: Bool
    /// Whether symbols start as bytes of the byte-level alphabet (else as Unicode scalars).
    let byteLevel: Bool
    let byteFallback: Bool
    let unkId: Int32?
    let fuseUnk: Bool
    /// Vocab id of `<0xHH>` for each byte, or -1 (byte fallback).
    private let fallbackIds: [Int32]
    /// Number of merges (the highest rank + 1).
    let mergeCount: Int

    /// Vocab id of each byte's one-character token, or -1.
    private let byteIds: [Int32]
    /// (left id << 32 | right id) -> (rank << 32 | merged id).
    private let merges: [UInt64: UInt64]
    /// Raw bytes -> id of vocab entries made only of byte-level characters (ignore_merges).
    private let wordIds: [[UInt8]: Int32]
    private var cache: [[UInt8]: [Int32]] = [:]
    private let cacheLock = NSLock()
    private static let cacheCapacity = 100_000

    /// Parses the `model` object of tokenizer.json.
    init(json: JSONValue, file: String, byteLevel: Bool = true) throws {
        guard json.object != nil else { throw TokenizerError.wrongType(file: file, field: "model", expected: "an object") }
        if let type = json["type"], type.string != "BPE" {
            throw TokenizerError.unsupported(file: file, field: "model.type", value: type.string ?? "\(type)")
        }
        if let dropout = json["dropout"], !dropout.isNull {
            throw TokenizerError.unsupported(file: file, field: "model.dropout", value: "BPE dropout is not supported")
        }
        for field in ["continuing_subword_prefix", "end_of_word_suffix"] {
            if let s = json[field]?.string, !s.isEmpty {
                throw TokenizerError.unsupported(file: file, field: "model." + field, value: s)
            }
        }
        ignoreMerges = json["ignore_merges"]?.bool ?? false

        // Vocabulary.
        guard let vocabJSON = json["vocab"] else { throw TokenizerError.missingField(file: file, field: "model.vocab") }
        guard let vocabObject = vocabJSON.object else {
            throw TokenizerError.wrongType(file: file, field: "model.vocab", expected: "an object {token: id}")
        }
        // An empty vocabulary would load and encode every text as just its special tokens.
        guard !vocabObject.isEmpty else {
            throw TokenizerError.invalidVocab(file: file, field: "model.vocab", reason: "the vocabulary is empty")
        }
        var vocab: [String: Int] = [:]
        vocab.reserveCapacity(vocabObject.count)
        var maxId = -1
        for (token, value) in vocabObject {
            guard let id = value.int, id >= 0, id < 1 << 24 else {
                throw TokenizerError.wrongType(file: file, field: "model.vocab[\(token)]", expected: "an integer id in 0..<16777216")
            }
            vocab[token] = id
            maxId = max(maxId, id)
        }
        var idToToken = [String?](repeating: nil, count: maxId + 1)
        for (token, id) in vocab {
            if let other = idToToken[id] {
                throw TokenizerError.invalidVocab(file: file, field: "model.vocab", reason: "id \(id) is used by both `\(other)` and `\(token)`")
            }
            idToToken[id] = token
        }
        self.vocab = vocab
        self.idToToken = idToToken
        self.byteLevel = byteLevel
        byteFallback = json["byte_fallback"]?.bool ?? false
        fuseUnk = json["fuse_unk"]?.bool ?? false
        if let unk = json["unk_token"]?.string {
            guard let id = vocab[unk] else {
                throw TokenizerError.invalidVocab(file: file, field: "model.unk_token", reason: "`\(unk)` is not in model.vocab")
            }
            unkId = Int32(id)
        } else {
            unkId = nil
        }
        fallbackIds = (0..<256).map { b in
            vocab["<0x" + String(b, radix: 16, uppercase: true).leftPadded(to: 2) + ">"].map { Int32($0) } ?? -1
        }

        var byteIds = [Int32](repeating: -1, count: 256)
        for b in 0..<256 {
            if let s = Unicode.Scalar(ByteLevel.byteToScalar[b]), let id = vocab[String(Character(s))] { byteIds[b] = Int32(id) }
        }
        self.byteIds = byteIds

        var wordIds: [[UInt8]: Int32] = [:]
        if ignoreMerges {
            wordIds.reserveCapacity(vocab.count)
            for (token, id) in vocab {
                if let bytes = byteLevel ? ByteLevel.decodeStrict(token) : Array(token.utf8) { wordIds[bytes] = Int32(id) }
            }
        }
        self.wordIds = wordIds

        // Merges, in rank order: "a b" strings or [a, b] arrays.
        guard let mergesJSON = json["merges"] else { throw TokenizerError.missingField(file: file, field: "model.merges") }
        guard let mergeArray = mergesJSON.array else {
            throw TokenizerError.wrongType(file: file, field: "model.merges", expected: "an array")
        }
        var merges: [UInt64: UInt64] = [:]
        merges.reserveCapacity(mergeArray.count)
        for (rank, item) in mergeArray.enumerated() {
            let a: String, b: String
            if let s = item.string {
                let parts = s.split(separator: " ", omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw TokenizerError.badMerge(file: file, index: rank, merge: s, reason: "expected two tokens separated by one space")
                }
                a = String(parts[0]); b = String(parts[1])
            } else if let pair = item.array, pair.count == 2, let x = pair[0].string, let y = pair[1].string {
                a = x; b = y
            } else {
                throw TokenizerError.badMerge(file: file, index: rank, merge: "\(item)", reason: "expected \"a b\" or [\"a\", \"b\"]")
            }
            guard let ia = vocab[a] else { throw TokenizerError.badMerge(file: file, index: rank, merge: a + " " + b, reason: "`\(a)` is not in model.vocab") }
            guard let ib = vocab[b] else { throw TokenizerError.badMerge(file: file, index: rank, merge: a + " " + b, reason: "`\(b)` is not in model.vocab") }
            guard let merged = vocab[a + b] else {
                throw TokenizerError.badMerge(file: file, index: rank, merge: a + " " + b, reason: "the merged token `\(a + b)` is not in model.vocab")
            }
            let key = UInt64(ia) << 32 | UInt64(ib)
            merges[key] = UInt64(rank) << 32 | UInt64(merged)  // a repeated pair: the last wins, as in HF's map
        }
        self.merges = merges
        self.mergeCount = mergeArray.count
    }

    /// Appends the ids of one pre-token (raw bytes) to `out`.
    func tokenize(_ word: ArraySlice<UInt8>, into out: inout [Int]) {
        if byteLevel, word.count == 1, let b = word.first {
            let id = byteIds[Int(b)]
            if id >= 0 { out.append(Int(id)) }
            return
        }
        let key = Array(word)
        if ignoreMerges, let id = wordIds[key] { out.append(Int(id)); return }
        cacheLock.lock()
        let cached = cache[key]
        cacheLock.unlock()
        if let cached {
            for id in cached { out.append(Int(id)) }
            return
        }
        let ids = merge(key)
        cacheLock.lock()
        if cache.count < Self.cacheCapacity { cache[key] = ids }
        cacheLock.unlock()
        for id in ids { out.append(Int(id)) }
    }

    /// The merge loop: lowest rank first, leftmost on ties. Bytes with no vocab entry are
    /// dropped (HF with no unk_token). Short words scan an array of pair ranks (O(n^2), fast
    /// for the usual few bytes); long ones use a heap as HF does.
    func merge(_ word: [UInt8]) -> [Int32] {
        var sym: [Int32] = []
        sym.reserveCapacity(word.count)
        if byteLevel {
            for b in word where byteIds[Int(b)] >= 0 { sym.append(byteIds[Int(b)]) }
        } else {
            sym = initialScalarSymbols(word)
        }
        if sym.count < 2 { return sym }
        return sym.count > 64 ? mergeLong(sym) : mergeShort(sym)
    }

    /// The merge loop over an array of adjacent-pair ranks.
    func mergeShort(_ start: [Int32]) -> [Int32] {
        var sym = start
        if sym.count < 2 { return sym }
        var rank = [UInt64](repeating: .max, count: sym.count - 1)
        for i in 0..<rank.count { rank[i] = lookup(sym[i], sym[i + 1]) }
        while true {
            var best = -1
            var bestRank = UInt64.max
            for i in 0..<rank.count where rank[i] < bestRank { bestRank = rank[i]; best = i }
            if best < 0 { break }
            sym[best] = Int32(truncatingIfNeeded: bestRank & 0xFFFF_FFFF)
            sym.remove(at: best + 1)
            rank.remove(at: best)
            if best > 0 { rank[best - 1] = lookup(sym[best - 1], sym[best]) }
            if best < rank.count { rank[best] = lookup(sym[best], sym[best + 1]) }
        }
        return sym
    }

    /// The same merge order with a min-heap of (rank, position) over a linked list of
    /// symbols; stale heap entries are skipped when popped (HF's `Word::merge_all`).
    func mergeLong(_ start: [Int32]) -> [Int32] {
        var sym = start
        let n = sym.count
        if n < 2 { return sym }
        var next = (0..<n).map { $0 + 1 < n ? $0 + 1 : -1 }
        var prev = (0..<n).map { $0 - 1 }
        var alive = [Bool](repeating: true, count: n)
        var heap = BinaryHeap<RankEntry>()
        for i in 0..<(n - 1) {
            let r = lookup(sym[i], sym[i + 1])
            if r != .max { heap.push(RankEntry(rank: r, pos: Int32(i))) }
        }
        while let top = heap.pop() {
            let r = top.rank, p32 = top.pos
            let p = Int(p32)
            guard alive[p], next[p] >= 0, lookup(sym[p], sym[next[p]]) == r else { continue }
            let q = next[p]
            sym[p] = Int32(truncatingIfNeeded: r & 0xFFFF_FFFF)
            alive[q] = false
            next[p] = next[q]
            if next[q] >= 0 { prev[next[q]] = p }
            if prev[p] >= 0 {
                let left = lookup(sym[prev[p]], sym[p])
                if left != .max { heap.push(RankEntry(rank: left, pos: Int32(prev[p]))) }
            }
            if next[p] >= 0 {
                let right = lookup(sym[p], sym[next[p]])
                if right != .max { heap.push(RankEntry(rank: right, pos: p32)) }
            }
        }
        var out: [Int32] = []
        var i = 0
        while i >= 0 && i < n { out.append(sym[i]); i = next[i] }
        return out
    }

    /// One symbol per scalar (HF `merge_word` without a subword prefix/suffix).
    private func initialScalarSymbols(_ word: [UInt8]) -> [Int32] {
        var sym: [Int32] = []
        var pendingUnk = false
        var i = 0
        while i < word.count {
            let len = min(UTF8Scalars.length(word[i]), word.count - i)
            let bytes = Array(word[i..<(i + len)])
            i += len
            if let id = vocab[String(decoding: bytes, as: UTF8.self)] {
                if pendingUnk, let unkId { sym.append(unkId); pendingUnk = false }
                sym.append(Int32(id))
                continue
            }
            if byteFallback && bytes.allSatisfy({ fallbackIds[Int($0)] >= 0 }) {
                for b in bytes { sym.append(fallbackIds[Int(b)]) }   // a pending unk stays pending, as in HF
                continue
            }
            guard let unkId else { continue }
            if pendingUnk && !fuseUnk { sym.append(unkId) }
            pendingUnk = true
        }
        if pendingUnk, let unkId { sym.append(unkId) }
        return sym
    }

    @inline(__always)
    private func lookup(_ a: Int32, _ b: Int32) -> UInt64 {
        merges[UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))] ?? .max
    }
}


/// A merge candidate: (packed rank, position); lowest rank first, then leftmost position.
struct RankEntry: HeapOrdered {
    var rank: UInt64
    var pos: Int32
    static func before(_ x: RankEntry, _ y: RankEntry) -> Bool { x.rank != y.rank ? x.rank < y.rank : x.pos < y.pos }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
