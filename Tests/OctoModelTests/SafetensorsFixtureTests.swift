import Foundation
import XCTest
@testable import OctoModel

/// Paths and builders shared by the safetensors and config tests.
enum STFixtures {
    /// <package root>/Tests/Fixtures/hf/<name>
    static func folder(_ name: String) -> URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" && url.path != "/" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/hf/\(name)")
    }

    /// A fresh empty folder under the system temp folder.
    static func tempFolder(_ label: String = #function) throws -> URL {
        let clean = label.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("octo-st-\(clean)-\(getpid())-\(HFFolder.uniqueSuffix())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a safetensors file by hand: length prefix, `header` verbatim (padded), `data`.
    static func rawFile(_ url: URL, header: String, data: [UInt8], lengthOverride: UInt64? = nil) throws {
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: (lengthOverride ?? UInt64(headerBytes.count)).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += headerBytes + data
        try Data(bytes).write(to: url)
    }

    /// Shapes of the tiny Llama fixture (hidden 64, 4 heads, 2 kv heads of 16, ffn 176, vocab 600,
    /// 2 layers), and of tiny Qwen2 (ffn 160, vocab 500, q/k/v biases).
    static func expectedShapes(qwen: Bool) -> [String: [Int]] {
        let ffn = qwen ? 160 : 176
        var shapes: [String: [Int]] = ["model.embed_tokens.weight": [qwen ? 500 : 600, 64], "model.norm.weight": [64]]
        for layer in 0..<2 {
            let p = "model.layers.\(layer)."
            shapes[p + "input_layernorm.weight"] = [64]
            shapes[p + "post_attention_layernorm.weight"] = [64]
            shapes[p + "mlp.gate_proj.weight"] = [ffn, 64]
            shapes[p + "mlp.up_proj.weight"] = [ffn, 64]
            shapes[p + "mlp.down_proj.weight"] = [64, ffn]
            shapes[p + "self_attn.q_proj.weight"] = [64, 64]
            shapes[p + "self_attn.k_proj.weight"] = [32, 64]
            shapes[p + "self_attn.v_proj.weight"] = [32, 64]
            shapes[p + "self_attn.o_proj.weight"] = [64, 64]
            if qwen {
                shapes[p + "self_attn.q_proj.bias"] = [64]
                shapes[p + "self_attn.k_proj.bias"] = [32]
                shapes[p + "self_attn.v_proj.bias"] = [32]
            }
        }
        return shapes
    }

    static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }
}

final class SafetensorsFixtureTests: XCTestCase {
    func checkNamesAndShapes(_ reader: SafetensorsReading, qwen: Bool, dtype: SafetensorsDType,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = STFixtures.expectedShapes(qwen: qwen)
        XCTAssertEqual(reader.names, expected.keys.sorted(), file: file, line: line)
        for (name, shape) in expected {
            let info = try reader.info(name)
            XCTAssertEqual(info.shape, shape, name, file: file, line: line)
            XCTAssertEqual(info.dtype, dtype, name, file: file, line: line)
            XCTAssertEqual(try reader.floats(name).count, shape.reduce(1, *), name, file: file, line: line)
        }
    }

    func testEveryFixtureFolderHasTheExpectedNamesShapesAndDtypes() throws {
        try checkNamesAndShapes(SafetensorsCheckpoint(folder: STFixtures.folder("tiny-llama")), qwen: false, dtype: .f32)
        try checkNamesAndShapes(SafetensorsCheckpoint(folder: STFixtures.folder("tiny-llama-bf16")), qwen: false, dtype: .bf16)
        try checkNamesAndShapes(SafetensorsCheckpoint(folder: STFixtures.folder("tiny-llama-sharded")), qwen: false, dtype: .f32)
        try checkNamesAndShapes(SafetensorsCheckpoint(folder: STFixtures.folder("tiny-qwen2")), qwen: true, dtype: .f32)
    }

    func testF32ValuesEqualWhatPythonSafetensorsReads() throws {
        let file = try SafetensorsFile(url: STFixtures.folder("tiny-llama").appendingPathComponent("model.safetensors"))
        XCTAssertEqual(file.metadata, ["format": "pt"])
        XCTAssertEqual(STFixtures.bits(Array(try file.floats("model.norm.weight").prefix(4))),
                       [0x3f75_7954, 0x3f8f_ef14, 0x3f7f_1902, 0x3f84_2f2b])
        let embed = try file.floats("model.embed_tokens.weight")
        XCTAssertEqual(STFixtures.bits(Array(embed.prefix(4))), [0xbdbe_2a97, 0xbb7a_8c2d, 0x3d38_591c, 0x3dee_6117])
        XCTAssertEqual(STFixtures.bits(Array(embed[(5 * 64)..<(5 * 64 + 3)])), [0xbba0_d086, 0x3d88_f132, 0x3da4_b12f])
        let qwen = try SafetensorsCheckpoint(folder: STFixtures.folder("tiny-qwen2"))
        XCTAssertEqual(STFixtures.bits(Array(try qwen.floats("model.layers.0.self_attn.k_proj.bias").prefix(3))),
                       [0xbd1a_6230, 0x3dcb_1c1b, 0x3dbd_a76f])
    }

    func testBF16FolderEqualsF32FolderRoundedToBF16() throws {
        let f32 = try SafetensorsCheckpoint(folder: STFixtures.folder("tiny-llama"))
        let bf16 = try SafetensorsCheckpoint(folder: STFixtures.folder("tiny-llama-bf16"))
        XCTAssertEqual(f32.names, bf16.names)
        var compared = 0
        for name in f32.names {
            let exact = try f32.floats(name)
            let widened = try bf16.floats(name)
            XCTAssertEqual(STFixtures.bits(widened),
                           exact.map { UInt32(SafetensorsDType.bf16FromFloat($0)) << 16 }, name)
            for (a, b) in zip(widened, exact) where abs(a - b) > abs(b) * 0x1p-8 {
                XCTFail("\(name): bf16 \(a) is not within 2^-8 relative of \(b)")
                break
            }
            compared += exact.count
        }
        XCTAssertEqual(compared, 130_880)
        // The first bf16 words of model.norm.weight as stored (read by numpy).
        let raw = try bf16.file(holding: "model.norm.weight").withRawBytes("model.norm.weight") { bytes in
            (0..<4).map { UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self)) }
        }
        XCTAssertEqual(raw, [0x3f75, 0x3f90, 0x3f7f, 0x3f84])
    }

    func testShardedCheckpointEqualsSingleFile() throws {
        let single = try SafetensorsCheckpoint(folder: STFixtures.folder("tiny-llama"))
        let sharded = try SafetensorsCheckpoint(folder: STFixtures.folder("tiny-llama-sharded"))
        XCTAssertEqual(sharded.files.map(\.url.lastPathComponent),
                       ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"])
        XCTAssertEqual(sharded.metadata["total_size"], "523520")
        XCTAssertEqual(try sharded.file(holding: "model.norm.weight").url.lastPathComponent,
                       "model-00002-of-00002.safetensors")
        XCTAssertEqual(single.names, sharded.names)
        for name in single.names {
            XCTAssertEqual(STFixtures.bits(try single.floats(name)), STFixtures.bits(try sharded.floats(name)), name)
        }
    }

    func testWithFloatsConvertsIntoACallerBuffer() throws {
        let bf16 = try SafetensorsCheckpoint(folder: STFixtures.folder("tiny-llama-bf16"))
        let name = "model.layers.1.self_attn.k_proj.weight"
        var buffer = [Float](repeating: .nan, count: 32 * 64 + 1)
        try buffer.withUnsafeMutableBufferPointer { try bf16.withFloats(name, into: $0.baseAddress!, count: 32 * 64) }
        XCTAssertEqual(Array(buffer.prefix(32 * 64)), try bf16.floats(name))
        XCTAssertTrue(buffer[32 * 64].isNaN, "wrote past count")
        XCTAssertThrowsError(try buffer.withUnsafeMutableBufferPointer {
            try bf16.withFloats(name, into: $0.baseAddress!, count: 5)
        }) { error in
            guard case let ModelFileError.countMismatch(_, tensor, expected, actual)? = error as? ModelFileError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual([tensor, "\(expected)", "\(actual)"], [name, "2048", "5"])
        }
    }

    func testF16TensorsDecodeExactlyIncludingSubnormalsInfinitiesAndNaN() throws {
        let dir = try STFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let words: [UInt16] = [0x3C00, 0xC000, 0x0001, 0x03FF, 0x0400, 0x7BFF, 0x7C00, 0xFC00, 0x8000, 0x7E00, 0x3555]
        var data: [UInt8] = []
        for w in words { data += [UInt8(w & 0xFF), UInt8(w >> 8)] }
        data.append(0)  // odd offset for the second tensor: reads must not need alignment
        data += [0x00, 0x3C]
        let url = dir.appendingPathComponent("h.safetensors")
        try STFixtures.rawFile(url, header: #"{"h":{"dtype":"F16","shape":[11],"data_offsets":[0,22]},"#
            + #""odd":{"dtype":"F16","shape":[],"data_offsets":[23,25]}}"#, data: data)
        let file = try SafetensorsFile(url: url)
        XCTAssertEqual(file.metadata, [:])
        let v = try file.floats("h")
        XCTAssertEqual(Array(v[0..<9]), [1, -2, 0x1p-24, 1023 * 0x1p-24, 0x1p-14, 65504, .infinity, -.infinity, -0.0])
        XCTAssertEqual(v[8].sign, .minus)
        XCTAssertTrue(v[9].isNaN)
        XCTAssertEqual(v[10], 0.333251953125)
        XCTAssertEqual(try file.floats("odd"), [1])
        XCTAssertEqual(try file.info("odd").shape, [])
    }
}
