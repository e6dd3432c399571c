import Foundation
import XCTest
@testable import OctoModel

/// Corrupted or inconsistent inputs give a typed error naming the file and tensor.
final class SafetensorsCorruptionTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try STFixtures.tempFolder(name) }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// Opens `url` and returns the ModelFileError it throws (failing if it opens).
    func openError(_ url: URL, line: UInt = #line) -> ModelFileError? {
        do {
            _ = try SafetensorsFile(url: url)
            XCTFail("opened a corrupted file", line: line)
        } catch let error as ModelFileError {
            XCTAssertTrue(error.description.contains(url.path), error.description, line: line)
            return error
        } catch {
            XCTFail("untyped error \(error)", line: line)
        }
        return nil
    }

    func fixtureBytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: STFixtures.folder("tiny-llama").appendingPathComponent("model.safetensors")))
    }

    func raw(_ header: String, _ data: [UInt8] = [UInt8](repeating: 0, count: 16)) throws -> URL {
        let url = dir.appendingPathComponent("bad.safetensors")
        try STFixtures.rawFile(url, header: header, data: data)
        return url
    }

    func testTruncatedFixtureNamesTheLastTensor() throws {
        let url = dir.appendingPathComponent("model.safetensors")
        try Data(try fixtureBytes().dropLast(100)).write(to: url)
        XCTAssertEqual(openError(url), .offsetsOutOfRange(file: url.path, tensor: "model.norm.weight",
                                                          begin: 523_264, end: 523_520, dataSize: 523_420))
    }

    func testFileShorterThanTheLengthPrefix() throws {
        let url = dir.appendingPathComponent("tiny.safetensors")
        try Data(try fixtureBytes().prefix(5)).write(to: url)
        XCTAssertEqual(openError(url), .truncated(file: url.path, size: 5))
        try Data().write(to: url)
        XCTAssertEqual(openError(url), .truncated(file: url.path, size: 0))
    }

    func testHeaderLengthPastEndOfFile() throws {
        var bytes = try fixtureBytes()
        bytes.replaceSubrange(0..<8, with: [0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00])
        let url = dir.appendingPathComponent("len.safetensors")
        try Data(bytes).write(to: url)
        XCTAssertEqual(openError(url), .headerLengthPastEnd(file: url.path, headerLength: 1 << 32, fileSize: 525_592))
        // The header cut in the middle (file ends inside the JSON).
        try Data(try fixtureBytes().prefix(1000)).write(to: url)
        XCTAssertEqual(openError(url), .headerLengthPastEnd(file: url.path, headerLength: 2064, fileSize: 1000))
    }

    func testOverlappingOffsets() throws {
        let url = try raw(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#)
        XCTAssertEqual(openError(url), .overlappingTensors(file: url.path, tensor: "b", other: "a"))
    }

    func testOffsetsPastTheEndOfTheData() throws {
        let url = try raw(#"{"a":{"dtype":"F32","shape":[10],"data_offsets":[0,40]}}"#)
        XCTAssertEqual(openError(url), .offsetsOutOfRange(file: url.path, tensor: "a", begin: 0, end: 40, dataSize: 16))
        let reversed = try raw(#"{"r":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}"#)
        XCTAssertEqual(openError(reversed), .offsetsOutOfRange(file: reversed.path, tensor: "r", begin: 8, end: 4, dataSize: 16))
    }

    func testShapeAndDtypeDisagreeWithTheByteSize() throws {
        let url = try raw(#"{"w":{"dtype":"BF16","shape":[3],"data_offsets":[0,12]}}"#)
        XCTAssertEqual(openError(url), .sizeMismatch(file: url.path, tensor: "w", shape: [3], dtype: "BF16",
                                                     expectedBytes: 6, actualBytes: 12))
        // The fixture's header with one shape edited (same length, so offsets stay put).
        var bytes = try fixtureBytes()
        let header = String(decoding: bytes[8..<(8 + 2064)], as: UTF8.self)
        let edited = header.replacingOccurrences(of: #""model.norm.weight":{"dtype":"F32","shape":[64]"#,
                                                 with: #""model.norm.weight":{"dtype":"F32","shape":[65]"#)
        XCTAssertNotEqual(edited, header)
        bytes.replaceSubrange(8..<(8 + 2064), with: Array(edited.utf8))
        let fixture = dir.appendingPathComponent("shape.safetensors")
        try Data(bytes).write(to: fixture)
        XCTAssertEqual(openError(fixture), .sizeMismatch(file: fixture.path, tensor: "model.norm.weight", shape: [65],
                                                         dtype: "F32", expectedBytes: 260, actualBytes: 256))
    }

    func testBadJSONHeader() throws {
        for header in [#"{"a": {"dtype": "F32", "#, "[1, 2, 3]", "\u{FF}"] {
            let url = try raw(header)
            guard case let .badHeader(file, _)? = openError(url) else { return XCTFail(header) }
            XCTAssertEqual(file, url.path)
        }
    }

    func testUnknownDtypeNamesDtypeAndTensor() throws {
        let url = try raw(#"{"__metadata__":{"format":"pt"},"q":{"dtype":"I8","shape":[16],"data_offsets":[0,16]}}"#)
        let error = openError(url)
        XCTAssertEqual(error, .unsupportedDType(file: url.path, tensor: "q", dtype: "I8"))
        XCTAssertEqual(error?.description, "\(url.path): tensor 'q' has dtype I8; supported: F32, BF16, F16")
    }

    func testEntriesWithMissingOrMistypedFields() throws {
        let cases: [(String, String)] = [
            (#"{"t":{"shape":[4],"data_offsets":[0,16]}}"#, "missing or non-string 'dtype'"),
            (#"{"t":{"dtype":"F32","data_offsets":[0,16]}}"#, "missing or non-array 'shape'"),
            (#"{"t":{"dtype":"F32","shape":[4]}}"#, "missing or non-array 'data_offsets'"),
            (#"{"t":{"dtype":"F32","shape":[4],"data_offsets":[0]}}"#, "data_offsets must be two non-negative integers"),
            (#"{"t":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}}"#, "shape has a dimension that is not a non-negative integer"),
            (#"{"t":{"dtype":"F32","shape":[1.5],"data_offsets":[0,16]}}"#, "shape has a dimension that is not a non-negative integer"),
            (#"{"t":[1]}"#, "entry is not a JSON object"),
        ]
        for (header, reason) in cases {
            let url = try raw(header)
            XCTAssertEqual(openError(url), .badTensorEntry(file: url.path, tensor: "t", reason: reason), header)
        }
        let meta = try raw(#"{"__metadata__":{"step":3}}"#)
        XCTAssertEqual(openError(meta), .badHeader(file: meta.path, reason: "__metadata__ value of 'step' is not a string"))
    }

    func testMissingFileAndMissingTensor() throws {
        let url = dir.appendingPathComponent("absent.safetensors")
        XCTAssertEqual(openError(url), .fileNotFound(file: url.path))
        let file = try SafetensorsFile(url: STFixtures.folder("tiny-llama").appendingPathComponent("model.safetensors"))
        XCTAssertThrowsError(try file.floats("lm_head.weight")) { error in
            XCTAssertEqual(error as? ModelFileError, .tensorNotFound(file: file.url.path, tensor: "lm_head.weight"))
        }
        XCTAssertFalse(file.contains("lm_head.weight"))
        XCTAssertThrowsError(try SafetensorsCheckpoint(folder: dir)) { error in
            XCTAssertEqual(error as? ModelFileError, .noWeights(folder: dir.path))
        }
    }

    func testShardedCheckpointNamesTheMissingShardAndTensor() throws {
        let copy = dir.appendingPathComponent("sharded")
        try FileManager.default.copyItem(at: STFixtures.folder("tiny-llama-sharded"), to: copy)
        let index = copy.appendingPathComponent("model.safetensors.index.json")
        // A tensor the index places in a shard that does not hold it.
        let original = try String(contentsOf: index, encoding: .utf8)
        let moved = original.replacingOccurrences(
            of: #""model.norm.weight": "model-00002-of-00002.safetensors""#,
            with: #""model.norm.weight": "model-00001-of-00002.safetensors""#)
        XCTAssertNotEqual(moved, original)
        try moved.write(to: index, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SafetensorsCheckpoint(folder: copy)) { error in
            XCTAssertEqual(error as? ModelFileError, .missingShard(
                file: index.path, shard: "model-00001-of-00002.safetensors", tensor: "model.norm.weight"))
        }
        // A shard file that is gone.
        try original.write(to: index, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("model-00002-of-00002.safetensors"))
        XCTAssertThrowsError(try SafetensorsCheckpoint(folder: copy)) { error in
            XCTAssertEqual(error as? ModelFileError, .missingShard(
                file: index.path, shard: "model-00002-of-00002.safetensors",
                tensor: "model.layers.1.input_layernorm.weight"))
            XCTAssertTrue("\(error)".contains("model-00002-of-00002.safetensors"))
        }
        // An index without weight_map.
        try #"{"metadata": {}}"#.write(to: index, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SafetensorsCheckpoint(folder: copy)) { error in
            XCTAssertEqual(error as? ModelFileError, .missingField(file: index.path, field: "weight_map"))
        }
    }
}
