// One safetensors file, memory-mapped read-only. Opening reads and validates only the header;
// tensor bytes are touched when a tensor is converted, straight from the mapping into the
// caller's buffer (no copy of the file). Format: see SafetensorsHeader.swift.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A memory-mapped, validated safetensors file.
///
/// ```swift
/// let file = try SafetensorsFile(url: folder.appendingPathComponent("model.safetensors"))
/// let norm = try file.floats("model.norm.weight")   // [Float], whatever the dtype on disk
/// ```
public final class SafetensorsFile: SafetensorsReading, @unchecked Sendable {
    // MARK: - Storage

    /// Where the file was opened from.
    public let url: URL
    /// The header's `__metadata__` table (e.g. `["format": "pt"]`), empty when absent.
    public let metadata: [String: String]
    /// Size of the whole file in bytes.
    public let fileSize: Int

    private let header: SafetensorsHeader
    /// The read-only mapping of the whole file (never written; unmapped in deinit).
    private let base: UnsafeMutableRawPointer
    /// Offset of the data area: 8 + header length.
    private let dataStart: Int

    // MARK: - Init

    /// Maps `url` and validates its header (length, JSON, every entry's dtype, shape and
    /// offsets, no overlaps, byte sizes).
    /// - Throws: `ModelFileError` naming the file and, where it applies, the tensor.
    public init(url: URL) throws {
        let path = url.path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { throw ModelFileError.fileNotFound(file: path) }
            throw ModelFileError.ioFailed(file: path, operation: "open", reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw ModelFileError.ioFailed(file: path, operation: "stat", reason: String(cString: strerror(errno)))
        }
        let size = Int(status.st_size)
        guard size >= 8 else { throw ModelFileError.truncated(file: path, size: size) }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
              mapped != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw ModelFileError.ioFailed(file: path, operation: "mmap", reason: String(cString: strerror(errno)))
        }
        do {
            let headerLength = UInt64(littleEndian: mapped.loadUnaligned(as: UInt64.self))
            guard headerLength <= UInt64(size - 8) else {
                throw ModelFileError.headerLengthPastEnd(file: path, headerLength: headerLength, fileSize: size)
            }
            guard headerLength <= SafetensorsHeader.maxHeaderLength else {
                throw ModelFileError.badHeader(file: path, reason: "header length \(headerLength) exceeds the 100 MB limit")
            }
            let start = 8 + Int(headerLength)
            let json = UnsafeRawBufferPointer(start: mapped + 8, count: Int(headerLength))
            header = try SafetensorsHeader.parse(json, dataSize: size - start, file: path)
            dataStart = start
        } catch {
            munmap(mapped, size)
            throw error
        }
        self.url = url
        self.base = mapped
        self.fileSize = size
        self.metadata = header.metadata
    }

    deinit { munmap(base, fileSize) }

    // MARK: - Reading

    /// All tensor names, sorted bytewise.
    public var names: [String] { header.tensors.map(\.name) }

    /// Every tensor's info, sorted by name.
    public var tensorInfos: [SafetensorsTensorInfo] { header.tensors }

    /// The dtype, shape and offsets of tensor `name`.
    /// - Throws: `ModelFileError.tensorNotFound` naming the file.
    public func info(_ name: String) throws -> SafetensorsTensorInfo {
        guard let i = header.index[name] else {
            throw ModelFileError.tensorNotFound(file: url.path, tensor: name)
        }
        return header.tensors[i]
    }

    /// Converts tensor `name` to float32 into `destination` (exactly `count` elements):
    /// F32 is copied, BF16 widened exactly (bits << 16), F16 converted exactly.
    /// - Throws: `ModelFileError.tensorNotFound` or `.countMismatch`.
    public func withFloats(_ name: String, into destination: UnsafeMutablePointer<Float>, count: Int) throws {
        let info = try info(name)
        guard count == info.elementCount else {
            throw ModelFileError.countMismatch(file: url.path, tensor: name, expected: info.elementCount, actual: count)
        }
        info.dtype.decode(UnsafeRawPointer(base) + dataStart + info.dataOffsets.lowerBound,
                          count: count, into: destination)
    }

    /// Calls `body` with the tensor's bytes as stored on disk (little-endian, dtype
    /// `info(name).dtype`), without copying. The pointer is valid only inside `body`, and
    /// it may be unaligned for the dtype.
    /// - Throws: `ModelFileError.tensorNotFound`, or what `body` throws.
    public func withRawBytes<R>(_ name: String, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let info = try info(name)
        let start = UnsafeRawPointer(base) + dataStart + info.dataOffsets.lowerBound
        return try withExtendedLifetime(self) {
            try body(UnsafeRawBufferPointer(start: start, count: info.byteCount))
        }
    }
}
