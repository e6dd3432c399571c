// GPT2Regex: the pre-tokenizer regex of GPT-2 (HF `ByteLevel` with `use_regex: true`, used by
// GPT-2, SmolLM/SmolLM2, Pythia, Phi, StarCoder, OLMo, ...), hand-written:
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// Contractions are case-sensitive here (unlike Llama-3's `(?i:...)`), ` ?` is one ASCII
// space, and `\s` includes CR/LF. Every position starts a match, so the pieces tile the text.
// Scalar classes are RegexSplitPreTokenizer's (`ScalarClass`), which follow Oniguruma.

/// The GPT-2 split regex.
enum GPT2Regex {
    static let pattern = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"

    /// Calls `emit(start, end)` with the byte range of each match in `bytes` (valid UTF-8).
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (Int, Int) -> Void) {
        if bytes.isEmpty { return }
        var cls = [UInt8](), val = [UInt32](), off = [Int]()
        cls.reserveCapacity(bytes.count)
        val.reserveCapacity(bytes.count)
        off.reserveCapacity(bytes.count + 1)
        var i = 0
        while i < bytes.count {
            let (v, len) = UTF8Scalars.decode(bytes, at: i)
            off.append(i)
            val.append(v)
            let c = ScalarClass.of(v)
            cls.append(c == ScalarClass.newline ? ScalarClass.space : c)
            i += len
        }
        off.append(bytes.count)
        let n = cls.count
        var p = 0
        while p < n {
            let e = matchEnd(p, n, cls, val)
            emit(off[p], off[e])
            p = e
        }
    }

    /// End (exclusive scalar index) of the match starting at `i`.
    private static func matchEnd(_ i: Int, _ n: Int, _ c: [UInt8], _ s: [UInt32]) -> Int {
        let L = ScalarClass.letter, N = ScalarClass.number, O = ScalarClass.other, W = ScalarClass.space
        if s[i] == 0x27 && i + 1 < n {   // 's 't 're 've 'm 'll 'd
            let a = s[i + 1]
            if a == 0x73 || a == 0x74 || a == 0x6D || a == 0x64 { return i + 2 }
            if i + 2 < n {
                let b = s[i + 2]
                if (a == 0x72 && b == 0x65) || (a == 0x76 && b == 0x65) || (a == 0x6C && b == 0x6C) { return i + 3 }
            }
        }
        // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`
        var j = i
        if s[i] == 0x20 && i + 1 < n && c[i + 1] != W { j = i + 1 }
        let k = c[j]
        if k == L || k == N || k == O {
            j += 1
            while j < n && c[j] == k { j += 1 }
            return j
        }
        // Whitespace: `\s+(?!\S)` leaves the run's last character to the next match when a
        // non-space follows; a single space before a non-space is `\s+`.
        j = i
        while j < n && c[j] == W { j += 1 }
        if j == n { return n }
        if j - i >= 2 { return j - 1 }
        return j
    }
}

/// UTF-8 decoding of one scalar (input is valid UTF-8; truncated sequences read as one byte).
enum UTF8Scalars {
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 >= 0xF0, i + 3 < bytes.count {
            return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F), 4)
        } else if b0 >= 0xE0, i + 2 < bytes.count {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        } else if b0 >= 0xC0, i + 1 < bytes.count {
            return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2)
        }
        return (b0, 1)
    }

    /// Byte length of the UTF-8 sequence starting with `b0` (1 for continuation/invalid bytes).
    @inline(__always)
    static func length(_ b0: UInt8) -> Int {
        b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1
    }
}
