// GGUFFile: a .gguf file (llama.cpp, Ollama, LM Studio), memory-mapped read-only.
//
// Layout (ggml docs/gguf.md; all little-endian):
//   "GGUF" u32 version, u64 tensor_count, u64 metadata_kv_count
//   metadata: key (u64 length + UTF-8), u32 value type, value
//   tensor infos: name, u32 n_dims, u64 dims[n_dims] (innermost first), u32 ggml type,
//                 u64 offset (relative to the data section)
//   padding to `general.alignment` (default 32), then the data section.
// Every read is bounds-checked: a truncated or corrupt file is a GGUFError naming the offset,
// never a crash. Tensor bytes are only touched when a tensor is dequantised.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of the tensor table.
public struct GGUFTensorInfo: Equatable, Sendable {
    public let name: String
    /// Dimensions as GGUF stores them, innermost first (`ne[0]` is the row length).
    public let dims: [Int]
    public let type: GGMLType
    /// Byte offset from the start of the file.
    public let fileOffset: Int
    public let byteCount: Int

    /// The row-major (PyTorch/HF) shape: `dims` reversed.
    public var shape: [Int] { dims.reversed() }
    public var elementCount: Int { dims.reduce(1, *) }
}

/// A memory-mapped GGUF file with its metadata and tensor table.
public final class GGUFFile: @unchecked Sendable {
    public let path: String
    public let version: UInt32
    public let fileSize: Int
    /// Metadata in file order and by key.
    public let metadataKeys: [String]
    public let metadata: [String: GGUFValue]
    public let tensors: [GGUFTensorInfo]
    public let tensorsByName: [String: GGUFTensorInfo]
    private let base: UnsafeMutableRawPointer

    /// Maps `url` and reads the header, metadata and tensor table.
    public init(url: URL) throws {
        path = url.path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw GGUFError.io(file: url.path, operation: "open", reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw GGUFError.io(file: url.path, operation: "stat", reason: String(cString: strerror(errno))) }
        let size = Int(status.st_size)
        guard size >= 4 else { throw GGUFError.notGGUF(file: url.path) }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw GGUFError.io(file: url.path, operation: "mmap", reason: String(cString: strerror(errno)))
        }
        base = mapped
        fileSize = size
        do {
            var r = GGUFCursor(base: UnsafeRawPointer(mapped), size: size, file: url.path)
            guard try r.u32("magic") == 0x4655_4747 else { throw GGUFError.notGGUF(file: url.path) }
            version = try r.u32("version")
            guard version == 2 || version == 3 else { throw GGUFError.unsupportedVersion(file: url.path, version: version) }
            let tensorCount = try r.count("tensor_count", limit: size / 8)
            let kvCount = try r.count("metadata_kv_count", limit: size / 8)
            var keys: [String] = [], meta: [String: GGUFValue] = [:]
            for _ in 0..<kvCount {
                let at = r.offset
                let key = try r.string("metadata key")
                let type = try r.u32("value type of '\(key)'")
                let value = try r.value(type: type, key: key, depth: 0)
                if meta[key] != nil { throw GGUFError.malformed(file: url.path, offset: at, reason: "duplicate metadata key '\(key)'") }
                keys.append(key)
                meta[key] = value
            }
            metadataKeys = keys
            metadata = meta
            var alignment = 32
            if let a = meta["general.alignment"] {
                guard let v = a.int, v > 0, v <= 1 << 20, v & (v - 1) == 0 else {
                    throw GGUFError.missingKey(file: url.path, key: "general.alignment", expected: "a power of two")
                }
                alignment = v
            }
            var raw: [(String, [Int], UInt32, UInt64, Int)] = []
            for _ in 0..<tensorCount {
                let at = r.offset
                let name = try r.string("tensor name")
                let nDims = try r.u32("n_dims of '\(name)'")
                guard nDims >= 1, nDims <= 4 else { throw GGUFError.malformed(file: url.path, offset: at, reason: "tensor '\(name)' has \(nDims) dimensions (1...4 expected)") }
                var dims: [Int] = []
                for d in 0..<Int(nDims) {
                    let v = try r.u64("dim \(d) of '\(name)'")
                    guard v >= 1, v <= 1 << 40 else { throw GGUFError.badTensor(file: url.path, tensor: name, reason: "dimension \(d) is \(v)") }
                    dims.append(Int(v))
                }
                let type = try r.u32("type of '\(name)'")
                let offset = try r.u64("offset of '\(name)'")
                raw.append((name, dims, type, offset, at))
            }
            let dataStart = (r.offset + alignment - 1) / alignment * alignment
            var infos: [GGUFTensorInfo] = [], byName: [String: GGUFTensorInfo] = [:]
            for (name, dims, typeCode, offset, _) in raw {
                guard let type = GGMLType(rawValue: typeCode) else {
                    throw GGUFError.unsupportedTensorType(file: url.path, tensor: name, type: "ggml type \(typeCode)", supported: GGMLType.supportedNames)
                }
                let (elements, overflow) = dims.reduce((1, false)) { acc, d in
                    let m = acc.0.multipliedReportingOverflow(by: d)
                    return (m.partialValue, acc.1 || m.overflow)
                }
                guard !overflow, elements % type.blockSize == 0, dims[0] % type.blockSize == 0 else {
                    throw GGUFError.badTensor(file: url.path, tensor: name, reason: "\(dims) elements do not fill whole \(type.name) blocks of \(type.blockSize)")
                }
                let bytes = elements / type.blockSize * type.blockBytes
                guard offset <= UInt64(size), Int(offset) % alignment == 0 else {
                    throw GGUFError.badTensor(file: url.path, tensor: name, reason: "data offset \(offset) is not aligned to \(alignment) or lies past the end")
                }
                let start = dataStart + Int(offset)
                guard start <= size, bytes <= size - start else {
                    throw GGUFError.truncated(file: url.path, offset: start, needed: bytes, fileSize: size, what: "data of tensor '\(name)'")
                }
                guard byName[name] == nil else { throw GGUFError.badTensor(file: url.path, tensor: name, reason: "appears twice in the tensor table") }
                let info = GGUFTensorInfo(name: name, dims: dims, type: type, fileOffset: start, byteCount: bytes)
                infos.append(info)
                byName[name] = info
            }
            tensors = infos
            tensorsByName = byName
        } catch {
            munmap(mapped, size)
            throw error
        }
    }

    deinit { munmap(base, fileSize) }

    /// Dequantises tensor `info` to float32 into `destination` (`info.elementCount` floats).
    public func dequantize(_ info: GGUFTensorInfo, into destination: UnsafeMutablePointer<Float>) {
        GGMLDequantize.run(info.type, UnsafeRawPointer(base) + info.fileOffset, count: info.elementCount, into: destination)
    }

    /// Tensor `name` as float32, row-major.
    public func floats(_ name: String) throws -> [Float] {
        guard let info = tensorsByName[name] else { throw GGUFError.missingTensor(file: path, tensor: name) }
        return [Float](unsafeUninitializedCapacity: info.elementCount) { buffer, n in
            if let p = buffer.baseAddress { dequantize(info, into: p) }
            n = info.elementCount
        }
    }
}

/// A bounds-checked reader over the mapped bytes.
struct GGUFCursor {
    let base: UnsafeRawPointer
    let size: Int
    let file: String
    var offset = 0

    mutating func take(_ n: Int, _ what: String) throws -> UnsafeRawPointer {
        guard n >= 0, offset <= size, n <= size - offset else {
            throw GGUFError.truncated(file: file, offset: offset, needed: n, fileSize: size, what: what)
        }
        defer { offset += n }
        return base + offset
    }

    mutating func u8(_ what: String) throws -> UInt8 { try take(1, what).load(as: UInt8.self) }
    mutating func u16(_ what: String) throws -> UInt16 { UInt16(littleEndian: try take(2, what).loadUnaligned(as: UInt16.self)) }
    mutating func u32(_ what: String) throws -> UInt32 { UInt32(littleEndian: try take(4, what).loadUnaligned(as: UInt32.self)) }
    mutating func u64(_ what: String) throws -> UInt64 { UInt64(littleEndian: try take(8, what).loadUnaligned(as: UInt64.self)) }

    /// A u64 count that must be at most `limit` (anything larger cannot fit in the file).
    mutating func count(_ what: String, limit: Int) throws -> Int {
        let at = offset
        let v = try u64(what)
        guard v <= UInt64(limit) else { throw GGUFError.malformed(file: file, offset: at, reason: "\(what) \(v) is larger than the file allows") }
        return Int(v)
    }

    mutating func string(_ what: String) throws -> String {
        let n = try count("length of \(what)", limit: size)
        let at = offset
        let p = try take(n, what)
        guard let s = String(validating: UnsafeRawBufferPointer(start: p, count: n), as: UTF8.self) else {
            throw GGUFError.malformed(file: file, offset: at, reason: "\(what) is not valid UTF-8")
        }
        return s
    }

    /// A value of GGUF type `type` (0 u8, 1 i8, 2 u16, 3 i16, 4 u32, 5 i32, 6 f32, 7 bool,
    /// 8 string, 9 array, 10 u64, 11 i64, 12 f64).
    mutating func value(type: UInt32, key: String, depth: Int) throws -> GGUFValue {
        let at = offset
        switch type {
        case 0: return .uint(UInt64(try u8(key)))
        case 1: return .int(Int64(Int8(bitPattern: try u8(key))))
        case 2: return .uint(UInt64(try u16(key)))
        case 3: return .int(Int64(Int16(bitPattern: try u16(key))))
        case 4: return .uint(UInt64(try u32(key)))
        case 5: return .int(Int64(Int32(bitPattern: try u32(key))))
        case 6: return .float(Double(Float(bitPattern: try u32(key))))
        case 7:
            let b = try u8(key)
            guard b <= 1 else { throw GGUFError.malformed(file: file, offset: at, reason: "bool '\(key)' is \(b)") }
            return .bool(b == 1)
        case 8: return .string(try string("string '\(key)'"))
        case 9:
            guard depth < 4 else { throw GGUFError.malformed(file: file, offset: at, reason: "arrays nested too deep in '\(key)'") }
            let itemType = try u32("array type of '\(key)'")
            let n = try count("array length of '\(key)'", limit: size - offset)
            var items: [GGUFValue] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try value(type: itemType, key: key, depth: depth + 1)) }
            return .array(items)
        case 10: return .uint(try u64(key))
        case 11: return .int(Int64(bitPattern: try u64(key)))
        case 12: return .float(Double(bitPattern: try u64(key)))
        default:
            throw GGUFError.malformed(file: file, offset: at - 4, reason: "unknown value type \(type) of '\(key)'")
        }
    }
}
