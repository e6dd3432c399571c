// Writing safetensors files the way the Python library does (huggingface/safetensors
// `serialize`): header `{"__metadata__": {...}, name: {"dtype", "shape", "data_offsets"}, ...}`
// compact, tensors sorted by name, header padded with spaces to a multiple of 8 so the data area
// is 8-byte aligned, tensors packed back to back in header order. The file is written to a
// temporary sibling and renamed over the destination, so a reader never sees half a file.
import Foundation
import OctoBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes float32 tensors to a safetensors file as F32, BF16 or F16.
public enum SafetensorsWriter {
    /// One tensor to write, whose float32 data a closure lends without copying.
    public struct Entry {
        /// HF parameter name.
        public var name: String
        /// Shape, outermost first.
        public var shape: [Int]
        /// Calls its argument once with the tensor's product(shape) floats, row-major.
        public var withData: (_ body: (UnsafeBufferPointer<Float>) throws -> Void) throws -> Void

        public init(name: String, shape: [Int],
                    withData: @escaping (_ body: (UnsafeBufferPointer<Float>) throws -> Void) throws -> Void) {
            self.name = name; self.shape = shape; self.withData = withData
        }
    }

    /// Writes `tensors` to `url` in `dtype` (BF16/F16 round to nearest, ties to even).
    /// - Parameters:
    ///   - tensors: names, shapes and row-major data (`data.count` must equal product(shape)).
    ///   - metadata: the `__metadata__` table (omitted when empty).
    /// - Throws: `ModelFileError.badTensorForWriting` (bad shape, duplicate name) or `.ioFailed`.
    public static func write(_ tensors: [(name: String, shape: [Int], data: [Float])],
                             dtype: SafetensorsDType = .f32, metadata: [String: String] = ["format": "pt"],
                             to url: URL) throws {
        let entries = tensors.map { tensor in
            Entry(name: tensor.name, shape: tensor.shape) { body in try tensor.data.withUnsafeBufferPointer(body) }
        }
        try write(entries: entries, dtype: dtype, metadata: metadata, to: url)
    }

    /// Writes `entries` to `url` in `dtype`, converting each tensor in chunks (no copy of the
    /// whole model). Same format and errors as `write(_:dtype:metadata:to:)`.
    public static func write(entries: [Entry], dtype: SafetensorsDType = .f32,
                             metadata: [String: String] = ["format": "pt"], to url: URL) throws {
        let path = url.path
        var seen = Set<String>()
        for entry in entries {
            guard !entry.name.isEmpty, entry.name != "__metadata__" else {
                throw ModelFileError.badTensorForWriting(file: path, tensor: entry.name, reason: "reserved or empty name")
            }
            guard seen.insert(entry.name).inserted else {
                throw ModelFileError.badTensorForWriting(file: path, tensor: entry.name, reason: "duplicate name")
            }
            var bytes = dtype.size
            for dim in entry.shape {
                let (product, overflow) = bytes.multipliedReportingOverflow(by: dim)
                guard dim >= 0, !overflow else {
                    throw ModelFileError.badTensorForWriting(file: path, tensor: entry.name,
                                                             reason: "impossible shape \(entry.shape)")
                }
                bytes = product
            }
        }
        let sorted = entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let header = headerBytes(sorted, dtype: dtype, metadata: metadata)

        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(HFFolder.uniqueSuffix())")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw ModelFileError.ioFailed(file: temp.path, operation: "create", reason: String(cString: strerror(errno)))
        }
        do {
            var length = UInt64(header.count).littleEndian
            try withUnsafeBytes(of: &length) { try writeAll(fd, $0, path: path) }
            try header.withUnsafeBytes { try writeAll(fd, $0, path: path) }
            var scratch = [UInt8](repeating: 0, count: chunkElements * dtype.size)
            for entry in sorted {
                try entry.withData { data in
                    let expected = entry.shape.reduce(1, *)
                    guard data.count == expected else {
                        throw ModelFileError.badTensorForWriting(
                            file: path, tensor: entry.name,
                            reason: "shape \(entry.shape) needs \(expected) values, got \(data.count)")
                    }
                    try writeTensor(fd, data, dtype: dtype, scratch: &scratch, path: path)
                }
            }
            guard fsync(fd) == 0 else {
                throw ModelFileError.ioFailed(file: path, operation: "fsync", reason: String(cString: strerror(errno)))
            }
            close(fd)
            guard rename(temp.path, path) == 0 else {
                throw ModelFileError.ioFailed(file: path, operation: "rename", reason: String(cString: strerror(errno)))
            }
        } catch {
            close(fd)
            unlink(temp.path)
            throw error
        }
    }

    // MARK: - Header

    /// The JSON header padded with spaces to a multiple of 8 bytes.
    static func headerBytes(_ sorted: [Entry], dtype: SafetensorsDType, metadata: [String: String]) -> [UInt8] {
        var json = "{"
        var first = true
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(JSONQuote.quoted($0)):\(JSONQuote.quoted(metadata[$0] ?? ""))" }
            json += "\"__metadata__\":{\(fields.joined(separator: ","))}"
            first = false
        }
        var offset = 0
        for entry in sorted {
            let bytes = entry.shape.reduce(1, *) * dtype.size
            if !first { json += "," }
            first = false
            json += "\(JSONQuote.quoted(entry.name)):{\"dtype\":\"\(dtype.rawValue)\","
            json += "\"shape\":[\(entry.shape.map(String.init).joined(separator: ","))],"
            json += "\"data_offsets\":[\(offset),\(offset + bytes)]}"
            offset += bytes
        }
        json += "}"
        var bytes = Array(json.utf8)
        let padding = (8 - bytes.count % 8) % 8
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
        return bytes
    }

    // MARK: - Data

    private static let chunkElements = 1 << 16

    private static func writeTensor(_ fd: Int32, _ data: UnsafeBufferPointer<Float>, dtype: SafetensorsDType,
                                    scratch: inout [UInt8], path: String) throws {
        guard let base = data.baseAddress, !data.isEmpty else { return }
        if dtype == .f32 {
            try writeAll(fd, UnsafeRawBufferPointer(data), path: path)
            return
        }
        var start = 0
        while start < data.count {
            let n = min(chunkElements, data.count - start)
            try scratch.withUnsafeMutableBytes { raw in
                guard let out = raw.baseAddress else { return }
                dtype.encode(UnsafeBufferPointer(start: base + start, count: n), into: out)
                try writeAll(fd, UnsafeRawBufferPointer(start: out, count: n * dtype.size), path: path)
            }
            start += n
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Glibc)
            let n = Glibc.write(fd, pointer, remaining)
            #else
            let n = Darwin.write(fd, pointer, remaining)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                throw ModelFileError.ioFailed(file: path, operation: "write", reason: String(cString: strerror(errno)))
            }
            pointer += n
            remaining -= n
        }
    }
}
