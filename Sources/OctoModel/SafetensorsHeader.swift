// Parsing and validation of a safetensors header.
//
// Layout of a file: 8 bytes little-endian UInt64 N, then N bytes of UTF-8 JSON (padded with
// spaces), then the data area. The JSON object maps each tensor name to
// {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]} (offsets relative to the data
// area) and may hold "__metadata__": {string: string}. Checks mirror the Rust reader of
// huggingface/safetensors (`Metadata::validate`), but gaps between tensors are tolerated.
import Foundation

/// A validated safetensors header.
struct SafetensorsHeader {
    /// Tensors sorted by name.
    let tensors: [SafetensorsTensorInfo]
    /// Index into `tensors` by name.
    let index: [String: Int]
    /// The `__metadata__` table (empty when absent).
    let metadata: [String: String]

    /// The Rust reader refuses headers above 100 MB; so do we.
    static let maxHeaderLength: UInt64 = 100_000_000

    /// Parses `json` (the header bytes) for a file whose data area has `dataSize` bytes.
    /// - Throws: `ModelFileError` naming `file` and the offending tensor.
    static func parse(_ json: UnsafeRawBufferPointer, dataSize: Int, file: String) throws -> SafetensorsHeader {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(json), options: [])
        } catch {
            throw ModelFileError.badHeader(file: file, reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard let table = object as? [String: Any] else {
            throw ModelFileError.badHeader(file: file, reason: "the header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        var tensors: [SafetensorsTensorInfo] = []
        tensors.reserveCapacity(table.count)
        for name in table.keys.sorted() {
            guard let value = table[name] else { continue }
            if name == "__metadata__" {
                guard let dict = value as? [String: Any] else {
                    throw ModelFileError.badHeader(file: file, reason: "__metadata__ is not an object")
                }
                for (key, entry) in dict {
                    guard let text = entry as? String else {
                        throw ModelFileError.badHeader(file: file, reason: "__metadata__ value of '\(key)' is not a string")
                    }
                    metadata[key] = text
                }
                continue
            }
            tensors.append(try parseEntry(name: name, value: value, dataSize: dataSize, file: file))
        }
        try validateLayout(tensors, dataSize: dataSize, file: file)
        tensors.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var index: [String: Int] = [:]
        for (i, info) in tensors.enumerated() { index[info.name] = i }
        return SafetensorsHeader(tensors: tensors, index: index, metadata: metadata)
    }

    // MARK: - Helpers

    private static func parseEntry(name: String, value: Any, dataSize: Int, file: String) throws -> SafetensorsTensorInfo {
        guard let entry = value as? [String: Any] else {
            throw ModelFileError.badTensorEntry(file: file, tensor: name, reason: "entry is not a JSON object")
        }
        guard let dtypeName = entry["dtype"] as? String else {
            throw ModelFileError.badTensorEntry(file: file, tensor: name, reason: "missing or non-string 'dtype'")
        }
        guard let rawShape = entry["shape"] as? [Any] else {
            throw ModelFileError.badTensorEntry(file: file, tensor: name, reason: "missing or non-array 'shape'")
        }
        guard let rawOffsets = entry["data_offsets"] as? [Any] else {
            throw ModelFileError.badTensorEntry(file: file, tensor: name, reason: "missing or non-array 'data_offsets'")
        }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw ModelFileError.unsupportedDType(file: file, tensor: name, dtype: dtypeName)
        }
        var shape: [Int] = []
        for dim in rawShape {
            guard let d = nonNegativeInt(dim) else {
                throw ModelFileError.badTensorEntry(file: file, tensor: name,
                                                    reason: "shape has a dimension that is not a non-negative integer")
            }
            shape.append(d)
        }
        guard rawOffsets.count == 2, let begin = nonNegativeInt(rawOffsets[0]),
              let end = nonNegativeInt(rawOffsets[1]) else {
            throw ModelFileError.badTensorEntry(file: file, tensor: name,
                                                reason: "data_offsets must be two non-negative integers")
        }
        guard begin <= end else {
            throw ModelFileError.offsetsOutOfRange(file: file, tensor: name, begin: begin, end: end, dataSize: dataSize)
        }
        var expected = dtype.size
        for d in shape {
            let (product, overflow) = expected.multipliedReportingOverflow(by: d)
            guard !overflow else {
                throw ModelFileError.badTensorEntry(file: file, tensor: name, reason: "shape \(shape) is too large")
            }
            expected = product
        }
        guard expected == end - begin else {
            throw ModelFileError.sizeMismatch(file: file, tensor: name, shape: shape, dtype: dtypeName,
                                              expectedBytes: expected, actualBytes: end - begin)
        }
        return SafetensorsTensorInfo(name: name, dtype: dtype, shape: shape, dataOffsets: begin..<end)
    }

    /// Offsets inside the data area, and no two tensors sharing a byte.
    private static func validateLayout(_ tensors: [SafetensorsTensorInfo], dataSize: Int, file: String) throws {
        let byOffset = tensors.sorted {
            ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound) < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound)
        }
        var previous: SafetensorsTensorInfo?
        for info in byOffset {
            if info.dataOffsets.upperBound > dataSize {
                throw ModelFileError.offsetsOutOfRange(file: file, tensor: info.name, begin: info.dataOffsets.lowerBound,
                                                       end: info.dataOffsets.upperBound, dataSize: dataSize)
            }
            if let prev = previous, info.dataOffsets.lowerBound < prev.dataOffsets.upperBound {
                throw ModelFileError.overlappingTensors(file: file, tensor: info.name, other: prev.name)
            }
            if !info.dataOffsets.isEmpty { previous = info }
        }
    }

    /// An integer ≥ 0 from a JSON number (rejecting fractions and negatives).
    private static func nonNegativeInt(_ value: Any) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        let real = number.doubleValue
        guard real >= 0, real == real.rounded(), real < 9.0e15 else { return nil }
        return number.intValue
    }
}
