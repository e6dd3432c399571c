// Conversions from stored half-precision formats to float32.

/// Storage dtypes the engine reads.
public enum DType: String, Sendable, Codable { case f32 = "F32", bf16 = "BF16", f16 = "F16" }

/// bfloat16 bits → float32 (exact: the high 16 bits).
@inline(__always) public func bf16ToFloat(_ bits: UInt16) -> Float { Float(bitPattern: UInt32(bits) << 16) }

/// float32 → bfloat16 bits, rounding to nearest even (NaN stays NaN).
@inline(__always) public func floatToBF16(_ x: Float) -> UInt16 {
    let b = x.bitPattern
    if x.isNaN { return UInt16(b >> 16) | 0x0040 }
    let rounding = ((b >> 16) & 1) &+ 0x7FFF
    return UInt16((b &+ rounding) >> 16)
}

/// IEEE half bits → float32, including subnormals, infinities and NaN.
@inline(__always) public func f16ToFloat(_ h: UInt16) -> Float {
    let sign = UInt32(h & 0x8000) << 16
    let exp = Int((h >> 10) & 0x1F)
    let mant = UInt32(h & 0x3FF)
    if exp == 0 {
        if mant == 0 { return Float(bitPattern: sign) }
        let v = Float(mant) * Float(sign: .plus, exponent: -24, significand: 1)
        return sign != 0 ? -v : v
    }
    if exp == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (mant << 13)) }
    return Float(bitPattern: sign | (UInt32(exp + 112) << 23) | (mant << 13))
}

extension Tensor {
    /// A tensor from little-endian bf16 or f16 bytes (or f32), converted to float32.
    public static func fromBytes(_ bytes: UnsafeRawBufferPointer, dtype: DType, shape: [Int]) throws -> Tensor {
        let n = shape.reduce(1, *)
        let size = dtype == .f32 ? 4 : 2
        guard bytes.count == n * size else {
            throw TensorError.invalidShape(op: "fromBytes(\(dtype.rawValue))", shape: shape,
                                           reason: "needs \(n * size) bytes, got \(bytes.count)")
        }
        let t = Tensor(zeros: shape)
        let dst = t.data
        switch dtype {
        case .f32: for i in 0..<n { dst[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))) }
        case .bf16: for i in 0..<n { dst[i] = bf16ToFloat(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))) }
        case .f16: for i in 0..<n { dst[i] = f16ToFloat(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))) }
        }
        return t
    }
}
