// Packing documents into fixed-length training sequences.
//
// Documents are laid end to end, each followed by EOS, into one stream. Sequence i is the
// window stream[i·L ..< i·L + L + 1] of L + 1 tokens (L = seqLen): inputs are its first L
// tokens, targets its last L. Consecutive windows share one token, so every stream token
// after the first is a target exactly once. The tail that does not fill a window is dropped.

/// Fixed-length sequences of `seqLen + 1` tokens cut from a packed token stream.
public struct PackedSequences: Equatable, Sendable {
    /// Tokens per training input (each sequence holds `seqLen + 1`).
    public let seqLen: Int
    /// The separator appended after each document.
    public let eos: Int32
    /// The packed stream (documents + EOS), including the dropped tail.
    public let stream: [Int32]

    /// - Throws: `DataError.invalidArgument` for `seqLen < 1` or an eos outside 0...Int32.max.
    public init(corpus: TokenizedCorpus, eos: Int, seqLen: Int) throws {
        guard seqLen >= 1 else { throw DataError.invalidArgument("sequence length \(seqLen) must be at least 1") }
        guard eos >= 0, eos <= Int(Int32.max) else { throw DataError.invalidArgument("eos id \(eos) is outside 0...\(Int32.max)") }
        var s = [Int32]()
        s.reserveCapacity(corpus.tokens.count + corpus.documentCount)
        for i in 0..<corpus.documentCount {
            s.append(contentsOf: corpus.tokens[corpus.offsets[i]..<corpus.offsets[i + 1]])
            s.append(Int32(eos))
        }
        self.seqLen = seqLen; self.eos = Int32(eos); self.stream = s
    }

    /// Packs in-memory documents of token ids.
    public init(documents: [[Int]], eos: Int, seqLen: Int) throws {
        try self.init(corpus: TokenizedCorpus(documents: documents), eos: eos, seqLen: seqLen)
    }

    /// Number of full sequences.
    public var count: Int { stream.count > seqLen ? (stream.count - 1) / seqLen : 0 }

    /// Stream tokens that fall in no window's target part.
    public var droppedTokens: Int { max(0, stream.count - 1 - count * seqLen) }

    /// Sequence `i`: `seqLen + 1` tokens.
    /// - Throws: `DataError.indexOutOfRange`.
    public func sequence(_ i: Int) throws -> ArraySlice<Int32> {
        guard i >= 0, i < count else { throw DataError.indexOutOfRange(index: i, count: count) }
        return stream[(i * seqLen)..<(i * seqLen + seqLen + 1)]
    }

    /// Inputs (first `seqLen` tokens) and targets (last `seqLen`) of sequence `i`.
    public func pair(_ i: Int) throws -> (inputs: ArraySlice<Int32>, targets: ArraySlice<Int32>) {
        let s = try sequence(i)
        return (s.dropLast(), s.dropFirst())
    }
}
