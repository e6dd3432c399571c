// Corrupt and truncated GGUF files give located GGUFErrors, never a crash: every prefix of
// a real file, wrong magic/version, impossible counts and types, and random byte flips.
import Foundation
import XCTest
@testable import OctoModel

final class GGUFCorruptionTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("octo-gguf-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func original() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixturesGGUF.appendingPathComponent("tiny-qwen2.gguf")))
    }

    /// Writes `bytes` and loads them as a model; returns the error (nil when it loaded).
    func load(_ bytes: [UInt8], name: String = "bad.gguf") -> Error? {
        let url = dir.appendingPathComponent(name)
        do {
            try Data(bytes).write(to: url)
            _ = try DecoderModel.load(gguf: url)
            return nil
        } catch {
            return error
        }
    }

    func put32(_ bytes: inout [UInt8], at offset: Int, _ v: UInt32) {
        for k in 0..<4 { bytes[offset + k] = UInt8((v >> (8 * UInt32(k))) & 0xFF) }
    }

    func testEveryTruncationIsALocatedError() throws {
        let full = try original()
        let cuts = Array(0..<200) + Array(stride(from: 200, to: full.count, by: 997)) + [full.count - 1]
        for n in cuts {
            let error = load(Array(full[0..<n]))
            guard let e = error as? GGUFError else { return XCTFail("prefix \(n): \(String(describing: error))") }
            XCTAssertTrue(e.description.contains("bad.gguf"), e.description)
            if n >= 4, case .truncated(_, let offset, _, let size, _) = e {
                XCTAssertEqual(size, n)
                XCTAssertLessThanOrEqual(offset, n + 64)
            }
        }
    }

    func testHeaderFieldsAreChecked() throws {
        let full = try original()
        var bad = full
        bad[0] = UInt8(ascii: "X")
        XCTAssertEqual(load(bad) as? GGUFError, .notGGUF(file: dir.appendingPathComponent("bad.gguf").path))
        bad = full
        put32(&bad, at: 4, 7)
        XCTAssertEqual(load(bad) as? GGUFError, .unsupportedVersion(file: dir.appendingPathComponent("bad.gguf").path, version: 7))
        bad = full
        for k in 8..<16 { bad[k] = 0xFF }   // tensor_count = 2^64 - 1
        guard case .malformed(_, let offset, let reason)? = load(bad) as? GGUFError else { return XCTFail() }
        XCTAssertEqual(offset, 8)
        XCTAssertTrue(reason.contains("tensor_count"), reason)
        // The first metadata value type (after u64 key length and the key) set to 99.
        bad = full
        let keyLength = Int(full[24]) | Int(full[25]) << 8
        put32(&bad, at: 32 + keyLength, 99)
        guard case .malformed(_, _, let why)? = load(bad) as? GGUFError else { return XCTFail() }
        XCTAssertTrue(why.contains("unknown value type 99"), why)
    }

    func testUnsupportedTensorTypeAndArchitectureAreNamed() throws {
        let full = try original()
        let file = try GGUFFile(url: fixturesGGUF.appendingPathComponent("tiny-qwen2.gguf"))
        // The type field of the last tensor info sits 12 bytes before the end of the table.
        let name = try XCTUnwrap(file.tensors.last?.name)
        let nameBytes = Array(name.utf8)
        var at = -1
        for i in stride(from: full.count - nameBytes.count, through: 0, by: -1) where Array(full[i..<(i + nameBytes.count)]) == nameBytes {
            at = i; break
        }
        XCTAssertGreaterThan(at, 0)
        var bad = full
        let dimsCount = Int(full[at + nameBytes.count])
        put32(&bad, at: at + nameBytes.count + 4 + 8 * dimsCount, 10)   // Q2_K
        guard case .unsupportedTensorType(_, let t, let type, _)? = load(bad) as? GGUFError else { return XCTFail("\(String(describing: load(bad)))") }
        XCTAssertEqual(t, name)
        XCTAssertEqual(type, "ggml type 10")

        let arch = Array("qwen2".utf8)
        var renamed = full
        guard let i = (0..<(full.count - arch.count)).first(where: { Array(full[$0..<($0 + arch.count)]) == arch }) else { return XCTFail() }
        renamed.replaceSubrange(i..<(i + arch.count), with: Array("gemma".utf8))
        let e = load(renamed)
        guard case .unsupported(_, let key, let value, _)? = e as? GGUFError else { return XCTFail("\(String(describing: e))") }
        XCTAssertEqual(key, "general.architecture")
        XCTAssertEqual(value, "gemma")
    }

    func testRandomByteFlipsNeverCrash() throws {
        let full = try original()
        let file = try GGUFFile(url: fixturesGGUF.appendingPathComponent("tiny-qwen2.gguf"))
        let tableEnd = try XCTUnwrap(file.tensors.map(\.fileOffset).min())
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var errors = 0
        for _ in 0..<300 {
            var bad = full
            for _ in 0..<(1 + next() % 4) { bad[next() % tableEnd] ^= UInt8(1 + next() % 255) }
            if let e = load(bad) {
                errors += 1
                XCTAssertFalse("\(e)".isEmpty)
            }
        }
        XCTAssertGreaterThan(errors, 100)
    }
}
