// The binary token cache beside a corpus file.
//
// Layout (little-endian): magic "OCTOTOKC", u32 version, u64 source size, i64 source mtime
// (ns since 1970), str tokenizer hash, str field, u8 policy, u64 documents, u64 tokens,
// u64 offsets[documents+1], u64 text hashes[documents], i32 tokens[tokens], str report JSON.
// A str is u32 byte length + UTF-8. Any mismatch or truncation reads as a miss.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum TokenCache {
    static let magic = Array("OCTOTOKC".utf8)
    static let version: UInt32 = 1

    /// What the cache must match: source file size and mtime, tokenizer, field, policy.
    struct Stamp: Equatable {
        var size: UInt64
        var mtimeNanos: Int64
        var tokenizerHash: String
        var field: String
        var policy: BadLinePolicy

        static func of(_ url: URL, tokenizerHash: String, field: String, policy: BadLinePolicy) throws -> Stamp {
            var st = stat()
            guard stat(url.path, &st) == 0 else { throw DataError.fileNotFound(path: url.path) }
            #if canImport(Darwin)
            let ns = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
            #else
            let ns = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            #endif
            return Stamp(size: UInt64(st.st_size), mtimeNanos: ns, tokenizerHash: tokenizerHash, field: field, policy: policy)
        }
    }

    // MARK: - write

    static func write(_ corpus: TokenizedCorpus, stamp: Stamp, to url: URL) throws {
        var out = [UInt8]()
        out.reserveCapacity(64 + corpus.tokens.count * 4 + corpus.offsets.count * 16)
        out += magic
        put(&out, version)
        put(&out, stamp.size)
        put(&out, UInt64(bitPattern: stamp.mtimeNanos))
        putString(&out, stamp.tokenizerHash)
        putString(&out, stamp.field)
        out.append(stamp.policy == .skip ? 0 : 1)
        put(&out, UInt64(corpus.documentCount))
        put(&out, UInt64(corpus.tokens.count))
        for o in corpus.offsets { put(&out, UInt64(o)) }
        for h in corpus.textHashes { put(&out, h) }
        for t in corpus.tokens { put(&out, UInt32(bitPattern: t)) }
        let report = (try? JSONEncoder().encode(corpus.report)) ?? Data()
        put(&out, UInt32(report.count))
        out += report
        // Atomic: write a temp file in the same directory, then rename over the target.
        let tmp = url.path + ".tmp-\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1e6))"
        guard FileManager.default.createFile(atPath: tmp, contents: Data(out)) else {
            throw DataError.unreadable(path: tmp, reason: "cannot create cache file")
        }
        guard rename(tmp, url.path) == 0 else {
            unlink(tmp)
            throw DataError.unreadable(path: url.path, reason: "cannot rename cache into place")
        }
    }

    static func put<T: FixedWidthInteger>(_ out: inout [UInt8], _ v: T) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    static func putString(_ out: inout [UInt8], _ s: String) {
        let b = Array(s.utf8)
        put(&out, UInt32(b.count))
        out += b
    }

    // MARK: - read

    /// The cached corpus when the file exists, is well formed and matches `stamp`.
    static func read(_ url: URL, expecting stamp: Stamp) -> TokenizedCorpus? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        var r = ByteReader(bytes: [UInt8](data))
        guard r.bytes(magic.count) == magic, r.u32() == version,
              r.u64() == stamp.size, r.u64().map({ Int64(bitPattern: $0) }) == stamp.mtimeNanos,
              r.string() == stamp.tokenizerHash, r.string() == stamp.field,
              r.u8() == (stamp.policy == .skip ? 0 : 1),
              let docs = r.u64().flatMap({ Int(exactly: $0) }), let count = r.u64().flatMap({ Int(exactly: $0) }),
              docs < r.remaining, count <= r.remaining / 4 else { return nil }
        var offsets = [Int](), hashes = [UInt64](), tokens = [Int32]()
        offsets.reserveCapacity(docs + 1); hashes.reserveCapacity(docs); tokens.reserveCapacity(count)
        for _ in 0...docs { guard let o = r.u64(), let v = Int(exactly: o), v <= count else { return nil }; offsets.append(v) }
        for _ in 0..<docs { guard let h = r.u64() else { return nil }; hashes.append(h) }
        for _ in 0..<count { guard let t = r.u32() else { return nil }; tokens.append(Int32(bitPattern: t)) }
        guard let n = r.u32(), let json = r.bytes(Int(n)), r.remaining == 0,
              let report = try? JSONDecoder().decode(LoadReport.self, from: Data(json)),
              offsets.first == 0, offsets.last == count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 })
        else { return nil }
        return TokenizedCorpus(tokens: tokens, offsets: offsets, textHashes: hashes, report: report)
    }

    /// A bounds-checked little-endian reader: every accessor returns nil past the end.
    struct ByteReader {
        let bytes: [UInt8]
        var at = 0
        var remaining: Int { bytes.count - at }

        mutating func bytes(_ n: Int) -> [UInt8]? {
            guard n >= 0, n <= remaining else { return nil }
            defer { at += n }
            return Array(bytes[at..<(at + n)])
        }
        mutating func u8() -> UInt8? { bytes(1)?.first }
        mutating func u32() -> UInt32? { fixed(4).map { UInt32(truncatingIfNeeded: $0) } }
        mutating func u64() -> UInt64? { fixed(8) }
        mutating func string() -> String? {
            guard let n = u32(), let b = bytes(Int(n)) else { return nil }
            return String(decoding: b, as: UTF8.self)
        }
        mutating func fixed(_ n: Int) -> UInt64? {
            guard n <= remaining else { return nil }
            var v: UInt64 = 0
            for i in 0..<n { v |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
            at += n
            return v
        }
    }
}
