// GGMLQuant: the ggml tensor types a GGUF file can hold and their dequantisation to float32
// (block layouts as in ggml's ggml-common.h / gguf-py quants.py; this is our own code).
//
//   F32, F16, BF16                 plain
//   Q8_0  32 per 34 B: f16 d, 32 x i8            x = d*q
//   Q4_0  32 per 18 B: f16 d, 16 B nibbles       x = d*(q-8); low nibbles are 0..15, high 16..31
//   Q4_1  32 per 20 B: f16 d, f16 m, 16 B        x = d*q + m
//   Q4_K  256 per 144 B: f16 d, f16 dmin, 12 B of 6-bit scales/mins for 8 sub-blocks of 32,
//         128 B nibbles (32-byte chunk j: low nibbles sub-block 2j, high 2j+1)
//                                               x = d*sc*q - dmin*m
//   Q5_K  256 per 176 B: as Q4_K plus 32 B of high bits (bit s of qh[l] for sub-block s)
//   Q6_K  256 per 210 B: 128 B low nibbles, 64 B 2-bit highs, 16 x i8 scales, f16 d
//                                               x = d*scale[i/16]*(q-32)

/// A ggml tensor type (the `type` of a GGUF tensor info).
public enum GGMLType: UInt32, Sendable, CaseIterable {
    case f32 = 0, f16 = 1, q4_0 = 2, q4_1 = 3, q8_0 = 8, q4_K = 12, q5_K = 13, q6_K = 14, bf16 = 30

    public var name: String {
        switch self {
        case .f32: return "F32"
        case .f16: return "F16"
        case .bf16: return "BF16"
        case .q4_0: return "Q4_0"
        case .q4_1: return "Q4_1"
        case .q8_0: return "Q8_0"
        case .q4_K: return "Q4_K"
        case .q5_K: return "Q5_K"
        case .q6_K: return "Q6_K"
        }
    }

    /// Elements per block.
    public var blockSize: Int {
        switch self {
        case .f32, .f16, .bf16: return 1
        case .q4_0, .q4_1, .q8_0: return 32
        case .q4_K, .q5_K, .q6_K: return 256
        }
    }

    /// Bytes per block.
    public var blockBytes: Int {
        switch self {
        case .f32: return 4
        case .f16, .bf16: return 2
        case .q4_0: return 18
        case .q4_1: return 20
        case .q8_0: return 34
        case .q4_K: return 144
        case .q5_K: return 176
        case .q6_K: return 210
        }
    }

    static let supportedNames = allCases.map(\.name)
}

/// Dequantisation kernels. `src` holds `count / blockSize` whole blocks (checked by GGUFFile).
enum GGMLDequantize {
    static func run(_ type: GGMLType, _ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<Float>) {
        let blocks = count / type.blockSize
        switch type {
        case .f32:
            for i in 0..<count { dst[i] = Float(bitPattern: UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
        case .f16:
            for i in 0..<count { dst[i] = half(src, 2 * i) }
        case .bf16:
            for i in 0..<count { dst[i] = Float(bitPattern: UInt32(u16(src, 2 * i)) << 16) }
        case .q8_0:
            for b in 0..<blocks {
                let p = src + b * 34, out = dst + b * 32
                let d = half(p, 0)
                for i in 0..<32 { out[i] = d * Float(Int8(bitPattern: p.load(fromByteOffset: 2 + i, as: UInt8.self))) }
            }
        case .q4_0:
            for b in 0..<blocks {
                let p = src + b * 18, out = dst + b * 32
                let d = half(p, 0)
                for i in 0..<16 {
                    let q = p.load(fromByteOffset: 2 + i, as: UInt8.self)
                    out[i] = d * Float(Int(q & 0x0F) - 8)
                    out[i + 16] = d * Float(Int(q >> 4) - 8)
                }
            }
        case .q4_1:
            for b in 0..<blocks {
                let p = src + b * 20, out = dst + b * 32
                let d = half(p, 0), m = half(p, 2)
                for i in 0..<16 {
                    let q = p.load(fromByteOffset: 4 + i, as: UInt8.self)
                    out[i] = d * Float(q & 0x0F) + m
                    out[i + 16] = d * Float(q >> 4) + m
                }
            }
        case .q4_K, .q5_K:
            let five = type == .q5_K
            let stride = type.blockBytes
            for b in 0..<blocks {
                let p = src + b * stride, out = dst + b * 256
                let d = half(p, 0), dmin = half(p, 2)
                let (sc, mn) = scalesAndMins(p + 4)
                let qh = p + 16                       // Q5_K only: 32 bytes of high bits
                let qs = p + (five ? 48 : 16)
                for s in 0..<8 {
                    let scale = d * Float(sc[s]), offset = dmin * Float(mn[s])
                    let chunk = qs + (s / 2) * 32
                    let shift = UInt8((s % 2) * 4)
                    for l in 0..<32 {
                        var q = (chunk.load(fromByteOffset: l, as: UInt8.self) >> shift) & 0x0F
                        if five { q |= ((qh.load(fromByteOffset: l, as: UInt8.self) >> UInt8(s)) & 1) << 4 }
                        out[s * 32 + l] = scale * Float(q) - offset
                    }
                }
            }
        case .q6_K:
            for b in 0..<blocks {
                let p = src + b * 210, out = dst + b * 256
                let ql = p, qh = p + 128, scales = p + 192
                let d = half(p, 208)
                for h in 0..<2 {
                    for r in 0..<128 {
                        let lo = (ql.load(fromByteOffset: 64 * h + r % 64, as: UInt8.self) >> UInt8(4 * (r / 64))) & 0x0F
                        let hi = (qh.load(fromByteOffset: 32 * h + r % 32, as: UInt8.self) >> UInt8(2 * (r / 32))) & 0x03
                        let e = h * 128 + r
                        let scale = Float(Int8(bitPattern: scales.load(fromByteOffset: e / 16, as: UInt8.self)))
                        out[e] = d * scale * Float(Int(lo | hi << 4) - 32)
                    }
                }
            }
        }
    }

    /// The 8 six-bit scales and mins of a Q4_K/Q5_K block (12 bytes at `p`).
    @inline(__always)
    static func scalesAndMins(_ p: UnsafeRawPointer) -> ([UInt8], [UInt8]) {
        var sc = [UInt8](repeating: 0, count: 8), mn = [UInt8](repeating: 0, count: 8)
        for i in 0..<4 {
            let d = p.load(fromByteOffset: i, as: UInt8.self)
            let m = p.load(fromByteOffset: 4 + i, as: UInt8.self)
            let md = p.load(fromByteOffset: 8 + i, as: UInt8.self)
            sc[i] = d & 0x3F
            mn[i] = m & 0x3F
            sc[4 + i] = (md & 0x0F) | ((d >> 2) & 0x30)
            mn[4 + i] = (md >> 4) | ((m >> 2) & 0x30)
        }
        return (sc, mn)
    }

    @inline(__always)
    static func u16(_ p: UnsafeRawPointer, _ offset: Int) -> UInt16 {
        UInt16(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    /// IEEE half at `p + offset` as Float (subnormals, infinities and NaN included).
    @inline(__always)
    static func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float { halfToFloat(u16(p, offset)) }

    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exp = Int(h >> 10) & 0x1F
        let man = UInt32(h & 0x03FF)
        if exp == 0 {
            let v = Float(man) * (1.0 / 16_777_216.0)     // man * 2^-24
            return sign != 0 ? -v : v
        }
        if exp == 31 { return Float(bitPattern: sign | 0x7F80_0000 | man << 13) }
        return Float(bitPattern: sign | UInt32(exp + 112) << 23 | man << 13)
    }
}
