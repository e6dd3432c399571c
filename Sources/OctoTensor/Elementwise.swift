// Broadcasting elementwise ops (add, sub, mul, div) and unary maps, forward and backward.
import Foundation

/// The broadcast shape of two shapes (numpy rules), or a shape error naming both.
public func broadcastShape(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
    let n = max(a.count, b.count)
    var out = [Int](repeating: 1, count: n)
    for i in 0..<n {
        let x = i < n - a.count ? 1 : a[i - (n - a.count)]
        let y = i < n - b.count ? 1 : b[i - (n - b.count)]
        guard x == y || x == 1 || y == 1 else { throw TensorError.shapeMismatch(op: op, lhs: a, rhs: b) }
        out[i] = max(x, y)
    }
    return out
}

extension Tensor {
    /// Sums a gradient of a broadcast result back to `target` shape.
    func sumTo(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        let src = contiguous()
        let out = Tensor(zeros: target)
        let n = shape.count
        let padded = [Int](repeating: 1, count: n - target.count) + target
        let tStrides = Tensor.contiguousStrides(padded)
        var idx = [Int](repeating: 0, count: n)
        for i in 0..<count {
            var t = 0
            for d in 0..<n where padded[d] != 1 { t += idx[d] * tStrides[d] }
            out.data[t] += src.data[i]
            var d = n - 1
            while d >= 0 { idx[d] += 1; if idx[d] < shape[d] { break }; idx[d] = 0; d -= 1 }
        }
        return out
    }

    /// Applies `f` elementwise over the broadcast of a and b.
    static func broadcastBinary(_ a: Tensor, _ b: Tensor, op: String,
                                _ f: (Float, Float) -> Float) throws -> Tensor {
        let sh = try broadcastShape(a.shape, b.shape, op: op)
        let out = Tensor(zeros: sh)
        let ac = a.contiguous(), bc = b.contiguous()
        let n = out.count, o = out.data, x = ac.data, y = bc.data
        if a.shape == sh && b.shape == sh {
            for i in 0..<n { o[i] = f(x[i], y[i]) }
        } else if a.shape == sh && (b.count == 1) {
            let s = y[0]; for i in 0..<n { o[i] = f(x[i], s) }
        } else if a.shape == sh && sh.count >= b.shape.count && Array(sh.suffix(b.shape.count)) == b.shape {
            let m = b.count
            for r in 0..<(n / Swift.max(m, 1)) { for j in 0..<m { o[r * m + j] = f(x[r * m + j], y[j]) } }
        } else {
            let r = sh.count
            let pa = [Int](repeating: 1, count: r - a.rank) + a.shape
            let pb = [Int](repeating: 1, count: r - b.rank) + b.shape
            let sa = Tensor.contiguousStrides(pa), sb = Tensor.contiguousStrides(pb)
            var idx = [Int](repeating: 0, count: r)
            for i in 0..<n {
                var ia = 0, ib = 0
                for d in 0..<r {
                    if pa[d] != 1 { ia += idx[d] * sa[d] }
                    if pb[d] != 1 { ib += idx[d] * sb[d] }
                }
                o[i] = f(x[ia], y[ib])
                var d = r - 1
                while d >= 0 { idx[d] += 1; if idx[d] < sh[d] { break }; idx[d] = 0; d -= 1 }
            }
        }
        return out
    }

    public func add(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.broadcastBinary(self, other, op: "add", +)
        let sa = shape, sb = other.shape
        return Tensor.record(out, op: .add, inputs: [self, other]) { g in [g.sumTo(sa), g.sumTo(sb)] }
    }

    public func sub(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.broadcastBinary(self, other, op: "sub", -)
        let sa = shape, sb = other.shape
        return Tensor.record(out, op: .sub, inputs: [self, other]) { g in
            [g.sumTo(sa), g.mapValues { -$0 }.sumTo(sb)]
        }
    }

    public func mul(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.broadcastBinary(self, other, op: "mul", *)
        let a = self.detach(), b = other.detach()
        return Tensor.record(out, op: .mul, inputs: [self, other]) { g in
            [(try? Tensor.broadcastBinary(g, b, op: "mul", *))?.sumTo(a.shape),
             (try? Tensor.broadcastBinary(g, a, op: "mul", *))?.sumTo(b.shape)]
        }
    }

    public func div(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.broadcastBinary(self, other, op: "div", /)
        let a = self.detach(), b = other.detach()
        return Tensor.record(out, op: .div, inputs: [self, other]) { g in
            let ga = (try? Tensor.broadcastBinary(g, b, op: "div", /))?.sumTo(a.shape)
            // d(a/b)/db = -a/b²
            let q = try? Tensor.broadcastBinary(a, b, op: "div") { $0 / ($1 * $1) }
            let gb = q.flatMap { try? Tensor.broadcastBinary(g, $0, op: "mul") { -$0 * $1 } }?.sumTo(b.shape)
            return [ga, gb]
        }
    }

    /// `self * s` (recorded).
    public func scaled(_ s: Float) -> Tensor {
        let out = mapValues { $0 * s }
        return Tensor.record(out, op: .scale, inputs: [self]) { g in [g.mapValues { $0 * s }] }
    }

    /// `self + s` (recorded).
    public func shifted(_ s: Float) -> Tensor {
        let out = mapValues { $0 + s }
        return Tensor.record(out, op: .shift, inputs: [self]) { g in [g] }
    }

    public func exp() -> Tensor {
        let out = mapValues { Foundation.exp($0) }
        let y = out.detach()
        return Tensor.record(out, op: .exp, inputs: [self]) { g in
            [try? Tensor.broadcastBinary(g, y, op: "exp", *)]
        }
    }

    public func log() -> Tensor {
        let out = mapValues { Foundation.log($0) }
        let x = detach()
        return Tensor.record(out, op: .log, inputs: [self]) { g in
            [try? Tensor.broadcastBinary(g, x, op: "log", /)]
        }
    }

    public func square() -> Tensor {
        let out = mapValues { $0 * $0 }
        let x = detach()
        return Tensor.record(out, op: .square, inputs: [self]) { g in
            [try? Tensor.broadcastBinary(g, x, op: "square") { 2 * $0 * $1 }]
        }
    }

    /// Unrecorded elementwise map into a new contiguous tensor.
    public func mapValues(_ f: (Float) -> Float) -> Tensor {
        let c = contiguous()
        let out = Tensor(unfilled: shape)   // every element written below
        let n = count, src = c.data, dst = out.data
        for i in 0..<n { dst[i] = f(src[i]) }
        return out
    }
}
