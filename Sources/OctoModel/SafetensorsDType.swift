// Element types of safetensors files that octorepl reads (F32, BF16, F16) and the exact
// conversions between them and Float. All multi-byte values are little-endian on disk.
// References: safetensors format (huggingface/safetensors README), IEEE 754 binary16,
// bfloat16 as torch rounds it (round to nearest, ties to even).

/// A safetensors element type, spelled as in the file header.
public enum SafetensorsDType: String, CaseIterable, Sendable {
    case f32 = "F32"
    case bf16 = "BF16"
    case f16 = "F16"

    /// Bytes per element.
    public var size: Int { self == .f32 ? 4 : 2 }

    // MARK: - Scalar conversions

    /// bfloat16 bits → Float, exactly (the 16 bits are the top half of a Float).
    @inline(__always)
    public static func floatFromBF16(_ bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// Float → bfloat16 bits, rounding to nearest with ties to even (as torch does);
    /// NaN stays a (quiet) NaN, overflow becomes infinity.
    @inline(__always)
    public static func bf16FromFloat(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040 }
        let lsb = (bits >> 16) & 1
        return UInt16(truncatingIfNeeded: (bits &+ 0x7FFF &+ lsb) >> 16)
    }

    /// IEEE binary16 bits → Float, exactly (subnormals, ±0, ±inf and NaN payloads kept).
    @inline(__always)
    public static func floatFromF16(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        if exponent == 0 {
            // Zero or subnormal: mantissa * 2^-24, exact in Float.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        if exponent == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
    }

    /// Float → IEEE binary16 bits, rounding to nearest with ties to even; values beyond
    /// 65504 (after rounding) become infinity, tiny values become subnormals or zero.
    public static func f16FromFloat(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x7F_FFFF
        if exponent == 0xFF {
            return sign | 0x7C00 | (mantissa != 0 ? 0x200 | UInt16(truncatingIfNeeded: mantissa >> 13) : 0)
        }
        let halfExponent = exponent - 127 + 15
        if halfExponent >= 31 { return sign | 0x7C00 }
        if halfExponent <= 0 {
            if halfExponent < -10 { return sign }
            let full = mantissa | 0x80_0000
            let shift = UInt32(14 - halfExponent)
            var rounded = full >> shift
            let rest = full & ((UInt32(1) << shift) - 1)
            let halfway = UInt32(1) << (shift - 1)
            if rest > halfway || (rest == halfway && rounded & 1 == 1) { rounded += 1 }
            return sign | UInt16(truncatingIfNeeded: rounded)
        }
        var half = UInt32(halfExponent) << 10 | (mantissa >> 13)
        let rest = mantissa & 0x1FFF
        if rest > 0x1000 || (rest == 0x1000 && half & 1 == 1) { half += 1 }
        return sign | UInt16(truncatingIfNeeded: half)
    }

    // MARK: - Bulk conversions

    /// Converts `count` elements of this dtype at `source` (any alignment) into Floats.
    public func decode(_ source: UnsafeRawPointer, count: Int, into destination: UnsafeMutablePointer<Float>) {
        guard count > 0 else { return }
        switch self {
        case .f32:
            UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: count * 4)
        case .bf16:
            for i in 0..<count {
                let raw = source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
                destination[i] = Float(bitPattern: UInt32(UInt16(littleEndian: raw)) << 16)
            }
        case .f16:
            for i in 0..<count {
                let raw = source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
                destination[i] = SafetensorsDType.floatFromF16(UInt16(littleEndian: raw))
            }
        }
    }

    /// Converts Floats into this dtype's little-endian bytes at `destination`
    /// (room for `source.count * size` bytes).
    public func encode(_ source: UnsafeBufferPointer<Float>, into destination: UnsafeMutableRawPointer) {
        guard let base = source.baseAddress, source.count > 0 else { return }
        switch self {
        case .f32:
            destination.copyMemory(from: base, byteCount: source.count * 4)
        case .bf16:
            for i in 0..<source.count {
                destination.storeBytes(of: SafetensorsDType.bf16FromFloat(base[i]).littleEndian,
                                       toByteOffset: 2 * i, as: UInt16.self)
            }
        case .f16:
            for i in 0..<source.count {
                destination.storeBytes(of: SafetensorsDType.f16FromFloat(base[i]).littleEndian,
                                       toByteOffset: 2 * i, as: UInt16.self)
            }
        }
    }
}
