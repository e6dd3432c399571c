// What a safetensors header says about one tensor.

/// The dtype, shape and location of one tensor of a safetensors file.
public struct SafetensorsTensorInfo: Equatable, Sendable {
    /// The tensor's name (an HF parameter name such as `model.norm.weight`).
    public let name: String
    /// Element type on disk.
    public let dtype: SafetensorsDType
    /// Shape, outermost first (row-major; `[]` is a scalar).
    public let shape: [Int]
    /// Byte range inside the data area (after the 8-byte length and the JSON header).
    public let dataOffsets: Range<Int>

    /// Number of elements: the product of `shape` (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
    /// Bytes on disk.
    public var byteCount: Int { dataOffsets.count }

    public init(name: String, dtype: SafetensorsDType, shape: [Int], dataOffsets: Range<Int>) {
        self.name = name; self.dtype = dtype; self.shape = shape; self.dataOffsets = dataOffsets
    }
}
