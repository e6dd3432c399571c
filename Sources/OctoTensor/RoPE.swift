// Rotary position embeddings (HF "rotate half" layout), with Llama-3 frequency scaling or
// plain theta (Qwen2). Forward and backward side by side.
import Foundation
import CSupport

/// RoPE frequency scaling (`rope_scaling` / `rope_parameters` of config.json); nil is plain RoPE.
public enum RopeScaling: Equatable, Sendable {
    /// Llama 3.1+ (`rope_type: llama3`): wavelengths above original/lowFreqFactor are divided
    /// by `factor`, those below original/highFreqFactor kept, smooth in between.
    case llama3(factor: Double, lowFreqFactor: Double, highFreqFactor: Double, originalMaxPositionEmbeddings: Int)
}

/// Precomputed cos/sin per position, grown on demand. Each row holds D/2 frequencies.
public final class RopeTable {
    public let headDim: Int
    public let invFreq: [Float]
    private(set) var cos: [Float] = []
    private(set) var sin: [Float] = []
    public private(set) var positions = 0

    public init(headDim: Int, theta: Double, scaling: RopeScaling? = nil) {
        self.headDim = headDim
        let half = headDim / 2
        // As HF: inv_freq = 1 / theta^(2i/D) computed in float32.
        var f = (0..<half).map { i -> Float in
            let e = Float(2 * i) / Float(headDim)
            return 1 / Float(pow(Double(Float(theta)), Double(e)))
        }
        if case let .llama3(factor, lowFreqFactor, highFreqFactor, original)? = scaling {
            let lowWavelen = Double(original) / lowFreqFactor
            let highWavelen = Double(original) / highFreqFactor
            f = f.map { freq in
                let wavelen = 2 * Double.pi / Double(freq)
                if wavelen < highWavelen { return freq }
                if wavelen > lowWavelen { return Float(Double(freq) / factor) }
                let smooth = (Double(original) / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor)
                return Float((1 - smooth) * Double(freq) / factor + smooth * Double(freq))
            }
        }
        invFreq = f
    }

    /// Makes sure every one of `positions` is tabulated.
    /// - Throws: `TensorError.indexOutOfRange` naming `op` for a negative position.
    func ensure(positions: [Int], op: String) throws {
        if let bad = positions.first(where: { $0 < 0 }) { throw TensorError.indexOutOfRange(op: op, index: bad, bound: Int.max) }
        ensure((positions.max() ?? 0) + 1)
    }

    /// Makes sure positions 0..<n are tabulated.
    public func ensure(_ n: Int) {
        guard n > positions else { return }
        let target = Swift.max(n, positions * 2, 64)
        let half = headDim / 2
        cos.reserveCapacity(target * half); sin.reserveCapacity(target * half)
        for p in positions..<target {
            for i in 0..<half {
                let angle = Float(p) * invFreq[i]
                cos.append(Float(Foundation.cos(Double(angle))))
                sin.append(Float(Foundation.sin(Double(angle))))
            }
        }
        positions = target
    }
}

/// Rotates x [B, T, H, D] in place-free fashion at `positions` (B·T entries, one per token).
public func rope(_ x: Tensor, table: RopeTable, positions: [Int]) throws -> Tensor {
    guard x.rank == 4, x.shape[3] == table.headDim, positions.count == x.shape[0] * x.shape[1] else {
        throw TensorError.shapeMismatch(op: "rope (x [B,T,H,D] vs positions)", lhs: x.shape, rhs: [positions.count, table.headDim])
    }
    try table.ensure(positions: positions, op: "rope")
    // ropeApply writes both halves of every head: all of it when the head dim is even.
    let whole = table.headDim % 2 == 0
    let out = whole ? Tensor(unfilled: x.shape) : Tensor(zeros: x.shape)
    ropeApply(x.contiguous().data, out.data, table: table, positions: positions, heads: x.shape[2], inverse: false)
    return Tensor.record(out, op: .rope, inputs: [x]) { g in
        let gx = whole ? Tensor(unfilled: g.shape) : Tensor(zeros: g.shape)
        ropeApply(g.data, gx.data, table: table, positions: positions, heads: x.shape[2], inverse: true)
        return [gx]
    }
}

/// The rotation on raw rows: forward (x1 c − x2 s, x2 c + x1 s) or its inverse (the backward).
/// Token t's `heads` heads start at `src + t·srcStride` and `dst + t·dstStride` (`heads · D`
/// when nil: rows of just these heads); `dst` may be `src` (each pair is read before written).
public func ropeApply(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, table: RopeTable,
                      positions: [Int], heads: Int, inverse: Bool, srcStride: Int? = nil, dstStride: Int? = nil) {
    let d = table.headDim, srcRow = srcStride ?? heads * d, dstRow = dstStride ?? heads * d
    let sign: Float = inverse ? -1 : 1
    table.cos.withUnsafeBufferPointer { cosb in
        table.sin.withUnsafeBufferPointer { sinb in
            positions.withUnsafeBufferPointer { pos in
                guard let cp = cosb.baseAddress, let sp = sinb.baseAddress, let pp = pos.baseAddress else { return }
                parallelFor(pos.count, minChunk: 32) { range in
                    octo_rope(src, srcRow, dst, dstRow, pp, range.lowerBound, range.upperBound, heads, d, cp, sp, sign)
                }
            }
        }
    }
}
