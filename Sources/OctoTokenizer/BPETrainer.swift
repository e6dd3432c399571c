// BPETrainer: byte-level BPE training, as HF's BpeTrainer does it
// (huggingface/tokenizers, tokenizers/src/models/bpe/trainer.rs), with incremental pair counts.
//
// 1. Texts are split on the special tokens (which are not trained on), normalized and
//    pre-tokenized with the family's pipeline; identical pre-tokens are counted once.
// 2. The first 256 ids are the byte-level alphabet sorted by character (as HF's
//    `compute_alphabet` sorts it; "!" is 0, "Ġ" is 220).
// 3. Repeatedly the most frequent adjacent pair is merged everywhere, left to right without
//    overlap. Ties go to the smaller (left id, right id), HF's `Merge` ordering. A max-heap
//    holds (count, pair) entries; an entry whose count is stale is re-pushed when popped.
// 4. Special tokens get the ids after the vocabulary.
// On a corpus without special-token strings the vocab and merges equal HF's BpeTrainer
// (checked in BPETrainerTests). HF trains on special-token strings in the text unless they
// were registered first, and puts trainer special tokens at ids 0...; here they are skipped
// and placed last, as in the Llama-3/Qwen2 layouts.

import Foundation

extension Tokenizer {
    /// Trains a byte-level BPE of `family` with `vocabSize` ids in all (BPE vocab plus
    /// `specialTokens`, which get the highest ids, in order). For `.llama3` the
    /// post-processor adds `<|begin_of_text|>` when it is one of the special tokens.
    public static func train(texts: [String], vocabSize: Int, specialTokens: [String],
                             family: TokenizerFamily) throws -> Tokenizer {
        let trainer = try BPETrainer(vocabSize: vocabSize, specialTokens: specialTokens, family: family)
        let (vocab, merges) = trainer.run(texts)
        let names = Set(vocab.map { ByteLevel.encode($0) })
        if let clash = specialTokens.first(where: { names.contains($0) }) {
            throw TokenizerError.training(reason: "special token `\(clash)` is also a BPE vocab entry")
        }
        let data = makeJSON(family: family, vocab: vocab, merges: merges, specials: specialTokens)
        return try Tokenizer(jsonData: data, source: "<trained \(family.rawValue) vocab=\(vocabSize)>")
    }
}

/// The state of one training run.
struct BPETrainer {
    let targetBase: Int
    let specials: [String]
    let preTokenizer: RegexSplitPreTokenizer
    let normalizer: Normalizer?

    init(vocabSize: Int, specialTokens: [String], family: TokenizerFamily) throws {
        guard vocabSize >= 256 + specialTokens.count else {
            throw TokenizerError.training(reason: "vocabSize \(vocabSize) is below 256 byte tokens + \(specialTokens.count) special tokens")
        }
        guard Set(specialTokens).count == specialTokens.count, !specialTokens.contains("") else {
            throw TokenizerError.training(reason: "special tokens must be distinct and non-empty: \(specialTokens)")
        }
        guard TokenizerFamily.trainable.contains(family) else {
            throw TokenizerError.training(reason: "family \(family.rawValue) cannot be trained here (use llama3 or qwen2)")
        }
        targetBase = vocabSize - specialTokens.count
        specials = specialTokens
        preTokenizer = RegexSplitPreTokenizer(digitGroup: family == .llama3 ? 3 : 1)
        normalizer = family == .qwen2 ? .nfc : nil
    }

    /// Returns the vocabulary (raw bytes by id) and the merges (id pairs in rank order).
    func run(_ texts: [String]) -> (vocab: [[UInt8]], merges: [(Int, Int)]) {
        var vocab: [[UInt8]] = ByteLevel.alphabetInIdOrder.map { [$0] }
        var index: [[UInt8]: Int] = [:]
        for (id, bytes) in vocab.enumerated() { index[bytes] = id }
        var words: [[Int32]] = []
        var counts: [Int] = []
        for (word, count) in countWords(texts) {
            words.append(word.map { Int32(index[[$0]] ?? 0) })
            counts.append(count)
        }

        var pairCounts: [UInt64: Int] = [:]
        var wordsWith: [UInt64: [Int32]] = [:]
        for (w, word) in words.enumerated() where word.count > 1 {
            for i in 0..<(word.count - 1) {
                let p = Self.pair(word[i], word[i + 1])
                pairCounts[p, default: 0] += counts[w]
                wordsWith[p, default: []].append(Int32(w))
            }
        }
        var heap = BinaryHeap<PairEntry>()
        for (p, c) in pairCounts { heap.push(PairEntry(count: c, pair: p)) }

        var merges: [(Int, Int)] = []
        var stamp = [Int](repeating: -1, count: words.count)
        while vocab.count < targetBase, let top = heap.pop() {
            let current = pairCounts[top.pair] ?? 0
            if current != top.count {
                if current > 0 { heap.push(PairEntry(count: current, pair: top.pair)) }
                continue
            }
            if current < 1 { break }
            let a = Int32(truncatingIfNeeded: top.pair >> 32), b = Int32(truncatingIfNeeded: top.pair & 0xFFFF_FFFF)
            let bytes = vocab[Int(a)] + vocab[Int(b)]
            let c: Int32
            if let existing = index[bytes] {
                c = Int32(existing)
            } else {
                c = Int32(vocab.count)
                vocab.append(bytes)
                index[bytes] = Int(c)
            }
            merges.append((Int(a), Int(b)))
            var grown = Set<UInt64>()
            for w32 in wordsWith.removeValue(forKey: top.pair) ?? [] {
                let w = Int(w32)
                if stamp[w] == merges.count { continue }
                stamp[w] = merges.count
                let weight = counts[w]
                func change(_ p: UInt64, _ delta: Int) {
                    pairCounts[p, default: 0] += delta * weight
                    if delta > 0 {
                        wordsWith[p, default: []].append(w32)
                        grown.insert(p)
                    }
                }
                words[w] = Self.merge(words[w], a, b, c, change)
            }
            for p in grown { if let n = pairCounts[p], n > 0 { heap.push(PairEntry(count: n, pair: p)) } }
        }
        return (vocab, merges)
    }

    /// Merges every non-overlapping (a, b) of `word` left to right into c, reporting the
    /// pair count changes (as HF's `Word::merge`).
    static func merge(_ word: [Int32], _ a: Int32, _ b: Int32, _ c: Int32, _ change: (UInt64, Int) -> Void) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(word.count)
        var i = 0
        while i < word.count {
            if i + 1 < word.count && word[i] == a && word[i + 1] == b {
                if let left = out.last {
                    change(pair(left, a), -1)
                    change(pair(left, c), 1)
                }
                change(pair(a, b), -1)
                if i + 2 < word.count {
                    change(pair(b, word[i + 2]), -1)
                    change(pair(c, word[i + 2]), 1)
                }
                out.append(c)
                i += 2
            } else {
                out.append(word[i])
                i += 1
            }
        }
        return out
    }

    /// Pre-token byte strings and how often each occurs.
    func countWords(_ texts: [String]) -> [[UInt8]: Int] {
        let tokens = specials.enumerated().map { i, s in
            AddedToken(id: i, content: s, special: true, lstrip: false, rstrip: false, singleWord: false, normalized: false)
        }
        let matcher = AddedTokenMatcher(tokens: tokens, contents: specials.map { Array($0.utf8) })
        var counts: [[UInt8]: Int] = [:]
        for text in texts {
            let bytes = Array(text.utf8)
            for case .text(let range) in matcher.split(bytes, 0..<bytes.count) {
                var piece = Array(bytes[range])
                if let normalizer { piece = normalizer.apply(piece) }
                piece.withUnsafeBufferPointer { buffer in
                    preTokenizer.split(buffer) { start, end in counts[Array(piece[start..<end]), default: 0] += 1 }
                }
            }
        }
        return counts
    }

    @inline(__always)
    static func pair(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }
}

/// A pair count: larger count first, then smaller pair (left id, then right id).
struct PairEntry: HeapOrdered {
    var count: Int
    var pair: UInt64
    static func before(_ x: PairEntry, _ y: PairEntry) -> Bool { x.count != y.count ? x.count > y.count : x.pair < y.pair }
}
