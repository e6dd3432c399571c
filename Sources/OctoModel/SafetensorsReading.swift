// The read API shared by one safetensors file and a (possibly sharded) checkpoint.

/// Something tensors can be read from by name: a `SafetensorsFile` or a `SafetensorsCheckpoint`.
///
/// Tensors come out as float32 whatever their dtype on disk (F32, BF16, F16).
public protocol SafetensorsReading: AnyObject {
    /// All tensor names, sorted (bytewise, as the safetensors library orders them).
    var names: [String] { get }
    /// The dtype, shape and offsets of tensor `name`.
    /// - Throws: `ModelFileError.tensorNotFound`.
    func info(_ name: String) throws -> SafetensorsTensorInfo
    /// Converts tensor `name` to float32 straight into `destination`, which must hold exactly
    /// `count` = product(shape) elements.
    /// - Throws: `ModelFileError.tensorNotFound` or `.countMismatch`.
    func withFloats(_ name: String, into destination: UnsafeMutablePointer<Float>, count: Int) throws
}

extension SafetensorsReading {
    /// Whether a tensor called `name` exists.
    public func contains(_ name: String) -> Bool { (try? info(name)) != nil }

    /// Tensor `name` as a new float32 array in row-major order.
    /// - Throws: `ModelFileError.tensorNotFound`.
    public func floats(_ name: String) throws -> [Float] {
        let count = try info(name).elementCount
        return try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                try withFloats(name, into: base, count: count)
            }
            initialized = count
        }
    }
}
