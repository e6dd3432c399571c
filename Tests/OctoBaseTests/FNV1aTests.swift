import XCTest
import OctoBase

/// The one hash: FNV-1a 64 test vectors (Fowler/Noll/Vo reference) and chunked hashing.
final class FNV1aTests: XCTestCase {
    func testReferenceVectors() {
        XCTAssertEqual(FNV1a.hash64(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a.hash64("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(FNV1a.hash64("foobar"), 0x8594_4171_f739_67e8)
    }

    func testChunkedHashEqualsWholeHash() {
        let bytes = Array("checkpoint bytes, hashed in pieces".utf8)
        let whole = FNV1a.hash64(bytes: bytes)
        let chunked = bytes.withUnsafeBytes { raw -> UInt64 in
            let first = FNV1a.hash64(buffer: UnsafeRawBufferPointer(rebasing: raw[0..<10]))
            return FNV1a.hash64(buffer: UnsafeRawBufferPointer(rebasing: raw[10...]), seed: first)
        }
        XCTAssertEqual(chunked, whole)
        XCTAssertNotEqual(FNV1a.hash64("ab"), FNV1a.hash64("ba"))
    }
}
