import Foundation
import XCTest
import OctoTensor
@testable import OctoModel

final class SafetensorsWriterTests: XCTestCase {
    /// All tensors of a fixture folder as writer input.
    func tensors(of folder: String) throws -> [(name: String, shape: [Int], data: [Float])] {
        let reader = try SafetensorsCheckpoint(folder: STFixtures.folder(folder))
        return try reader.names.map { (name: $0, shape: try reader.info($0).shape, data: try reader.floats($0)) }
    }

    func testWritingTheF32FixtureReproducesPythonsFileByteForByte() throws {
        let dir = try STFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("model.safetensors")
        try SafetensorsWriter.write(try tensors(of: "tiny-llama").reversed(), dtype: .f32, to: out)
        let original = try Data(contentsOf: STFixtures.folder("tiny-llama").appendingPathComponent("model.safetensors"))
        XCTAssertEqual(try Data(contentsOf: out), original)
    }

    func testWritingBF16ReproducesTorchsRoundingByteForByte() throws {
        let dir = try STFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("model.safetensors")
        try SafetensorsWriter.write(try tensors(of: "tiny-llama"), dtype: .bf16, to: out)
        let torch = try Data(contentsOf: STFixtures.folder("tiny-llama-bf16").appendingPathComponent("model.safetensors"))
        XCTAssertEqual(try Data(contentsOf: out), torch)
    }

    func testRoundTripIsBitwiseForF32AndRoundsToNearestEvenForBF16() throws {
        let dir = try STFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Ties, subnormals, signed zero, infinities, the largest finite float (rounds to inf in bf16).
        let values: [Float] = [1, Float(bitPattern: 0x3F80_8000), Float(bitPattern: 0x3F81_8000),
                               Float(bitPattern: 0x3F80_8001), Float(bitPattern: 0x3F80_7FFF), -0.0, Float(bitPattern: 0x0001_16C2),
                               .infinity, -.infinity, .greatestFiniteMagnitude, 3.14159, -2.5e-3]
        let expectedBF16: [UInt16] = [0x3F80, 0x3F80, 0x3F82, 0x3F81, 0x3F80, 0x8000, 0x0001,
                                      0x7F80, 0xFF80, 0x7F80, 0x4049, 0xBB24]
        let tensors = [(name: "b", shape: [3, 4], data: values), (name: "a.scalar", shape: [Int](), data: [Float(7)]),
                       (name: "empty", shape: [0, 5], data: [Float]())]
        let f32URL = dir.appendingPathComponent("f32.safetensors")
        try SafetensorsWriter.write(tensors, dtype: .f32, metadata: ["format": "pt", "step": "12"], to: f32URL)
        let f32 = try SafetensorsFile(url: f32URL)
        XCTAssertEqual(f32.names, ["a.scalar", "b", "empty"])
        XCTAssertEqual(f32.metadata, ["format": "pt", "step": "12"])
        XCTAssertEqual(STFixtures.bits(try f32.floats("b")), STFixtures.bits(values))
        XCTAssertEqual(try f32.floats("a.scalar"), [7])
        XCTAssertEqual(try f32.info("empty").shape, [0, 5])
        XCTAssertEqual(try f32.floats("empty"), [])

        let bf16URL = dir.appendingPathComponent("bf16.safetensors")
        try SafetensorsWriter.write(tensors, dtype: .bf16, metadata: [:], to: bf16URL)
        let bf16 = try SafetensorsFile(url: bf16URL)
        XCTAssertEqual(bf16.metadata, [:])
        XCTAssertEqual(try bf16.info("b").dtype, .bf16)
        XCTAssertEqual(STFixtures.bits(try bf16.floats("b")), expectedBF16.map { UInt32($0) << 16 })
        let nan = SafetensorsDType.bf16FromFloat(.nan)
        XCTAssertTrue(SafetensorsDType.floatFromBF16(nan).isNaN)
    }

    func testHeaderIsSortedPaddedToEightAndDataAligned() throws {
        let dir = try STFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("x.safetensors")
        try SafetensorsWriter.write([(name: "z\"q", shape: [1], data: [1]), (name: "B", shape: [2], data: [2, 3])],
                                    dtype: .bf16, to: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        let length = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(length % 8, 0)
        let header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
        XCTAssertEqual(header.trimmingCharacters(in: .whitespaces),
                       #"{"__metadata__":{"format":"pt"},"B":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]},"#
                       + #""z\"q":{"dtype":"BF16","shape":[1],"data_offsets":[4,6]}}"#)
        XCTAssertEqual(bytes.count, 8 + length + 6)
        XCTAssertEqual(try SafetensorsFile(url: url).floats("z\"q"), [1])
    }

    func testWriteReplacesAtomicallyAndLeavesNoTemporaryFiles() throws {
        let dir = try STFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("m.safetensors")
        try SafetensorsWriter.write([(name: "w", shape: [2], data: [1, 2])], to: url)
        try SafetensorsWriter.write([(name: "w", shape: [3], data: [4, 5, 6])], to: url)
        XCTAssertEqual(try SafetensorsFile(url: url).floats("w"), [4, 5, 6])
        // A failing write (shape/data mismatch) leaves the previous file and no temporary file.
        XCTAssertThrowsError(try SafetensorsWriter.write([(name: "w", shape: [4], data: [1])], to: url)) { error in
            XCTAssertEqual(error as? ModelFileError, .badTensorForWriting(
                file: url.path, tensor: "w", reason: "shape [4] needs 4 values, got 1"))
        }
        XCTAssertEqual(try SafetensorsFile(url: url).floats("w"), [4, 5, 6])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["m.safetensors"])
    }

    func testWriterRejectsDuplicateReservedAndImpossibleTensors() throws {
        let dir = try STFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bad.safetensors")
        let cases: [([(name: String, shape: [Int], data: [Float])], String, String)] = [
            ([(name: "a", shape: [1], data: [1]), (name: "a", shape: [1], data: [2])], "a", "duplicate name"),
            ([(name: "__metadata__", shape: [1], data: [1])], "__metadata__", "reserved or empty name"),
            ([(name: "n", shape: [-1], data: [])], "n", "impossible shape [-1]"),
            ([(name: "h", shape: [1 << 40, 1 << 40], data: [])], "h", "impossible shape [1099511627776, 1099511627776]"),
        ]
        for (tensors, name, reason) in cases {
            XCTAssertThrowsError(try SafetensorsWriter.write(tensors, to: url)) { error in
                XCTAssertEqual(error as? ModelFileError, .badTensorForWriting(file: url.path, tensor: name, reason: reason))
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    func testSavedModelFolderReloadsWithTheSameConfigWeightsAndTokenizerFiles() throws {
        let dir = try STFixtures.tempFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = STFixtures.folder("tiny-llama-sharded")
        let config = try ModelConfig.load(from: source)
        let reader = try SafetensorsCheckpoint(folder: source)
        let weights = try reader.names.map { name in
            let data = try reader.floats(name)
            return SafetensorsWriter.Entry(name: name, shape: try reader.info(name).shape) { body in
                try data.withUnsafeBufferPointer(body)
            }
        }
        let tokenizer = try Data(contentsOf: source.appendingPathComponent("tokenizer.json"))
        let out = dir.appendingPathComponent("saved")
        try HFFolder.writeModel(to: out, config: config, weights: weights, dtype: .bf16,
                                files: ["tokenizer.json": tokenizer])
        try HFFolder.writeModel(to: out, config: config, weights: weights, files: ["tokenizer.json": tokenizer])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["config.json", "generation_config.json", "model.safetensors", "tokenizer.json"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["saved"])
        XCTAssertEqual(try ModelConfig.load(from: out), config)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("model.safetensors")),
                       try Data(contentsOf: STFixtures.folder("tiny-llama").appendingPathComponent("model.safetensors")))
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("tokenizer.json")), tokenizer)
        // Saving in bf16 records the dtype in config.json.
        try HFFolder.writeModel(to: out, config: config, weights: weights, dtype: .bf16)
        XCTAssertEqual(try ModelConfig.load(from: out).torchDtype, "bfloat16")
        XCTAssertEqual(try SafetensorsCheckpoint(folder: out).info("model.norm.weight").dtype, .bf16)
    }

    func testF16ConversionRoundTripsEveryHalfAndRoundsTiesToEven() {
        for bits in 0...UInt16.max {
            let value = SafetensorsDType.floatFromF16(bits)
            if value.isNaN {
                XCTAssertTrue(SafetensorsDType.floatFromF16(SafetensorsDType.f16FromFloat(value)).isNaN)
            } else if SafetensorsDType.f16FromFloat(value) != bits {
                return XCTFail("half \(String(bits, radix: 16)) = \(value) re-encodes differently")
            }
        }
        XCTAssertEqual(SafetensorsDType.f16FromFloat(1 + 0x1p-11), 0x3C00)       // tie → even
        XCTAssertEqual(SafetensorsDType.f16FromFloat(1 + 3 * 0x1p-11), 0x3C02)   // tie → even (up)
        XCTAssertEqual(SafetensorsDType.f16FromFloat(0x1p-25), 0x0000)           // tie → zero
        XCTAssertEqual(SafetensorsDType.f16FromFloat(0x1.8p-25), 0x0001)
        XCTAssertEqual(SafetensorsDType.f16FromFloat(65520), 0x7C00)             // rounds past max → inf
        XCTAssertEqual(SafetensorsDType.f16FromFloat(65519), 0x7BFF)
        XCTAssertEqual(SafetensorsDType.f16FromFloat(-1e-9), 0x8000)
        // Cross-check against OctoTensor's independent decoder (not Swift's Float16, whose
        // hardware conversion flushes subnormal halves once the engine sets DAZ).
        #if !(os(macOS) && arch(x86_64))
        for bits in stride(from: 0, through: 0xFFFF, by: 7) {
            let float = f16ToFloat(UInt16(bits))
            let ours = SafetensorsDType.floatFromF16(UInt16(bits))
            XCTAssertTrue(float.bitPattern == ours.bitPattern || (float.isNaN && ours.isNaN), "\(bits)")
        }
        #endif
    }
}
