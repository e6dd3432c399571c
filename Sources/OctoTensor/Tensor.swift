import Foundation
// Tensor: float32, row-major, with views (reshape, transpose, narrow) that share storage.
//
// Shape letters used across the engine: B batch, T time (sequence), C channels (model dim),
// H heads, D head dim, V vocabulary, F feed-forward width.

/// A float32 n-dimensional array. Reference type: autograd links tensors into a graph.
public final class Tensor {
    public let storage: Storage
    public let shape: [Int]
    public let strides: [Int]
    public let offset: Int
    /// Leaves with `requiresGrad` receive `.grad` from `backward()`.
    public var requiresGrad: Bool
    /// Accumulated gradient (same shape, contiguous).
    public var grad: Tensor?
    /// The node that made this tensor, when it was made with gradients enabled.
    var node: GradNode?

    /// A new zero-filled contiguous tensor.
    public init(zeros shape: [Int], requiresGrad: Bool = false) {
        self.shape = shape
        self.strides = Tensor.contiguousStrides(shape)
        self.offset = 0
        self.storage = Storage(count: shape.reduce(1, *))
        self.requiresGrad = requiresGrad
    }

    /// A contiguous tensor whose elements the caller must write before anything reads them
    /// (outputs of beta = 0 GEMMs and of kernels that write every element).
    init(unfilled shape: [Int]) {
        self.shape = shape
        self.strides = Tensor.contiguousStrides(shape)
        self.offset = 0
        self.storage = Storage(count: shape.reduce(1, *), zeroed: false)
        self.requiresGrad = false
    }

    /// A contiguous tensor holding `values` (count must equal the shape's product).
    public convenience init(_ values: [Float], shape: [Int], requiresGrad: Bool = false) throws {
        let n = shape.reduce(1, *)
        guard n == values.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidShape(op: "Tensor", shape: shape,
                                           reason: "needs \(n) values, got \(values.count)")
        }
        self.init(zeros: shape, requiresGrad: requiresGrad)
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { storage.data.update(from: base, count: n) }
        }
    }

    /// A view of `storage` (no copy).
    init(storage: Storage, shape: [Int], strides: [Int], offset: Int) {
        self.storage = storage; self.shape = shape; self.strides = strides; self.offset = offset
        self.requiresGrad = false
    }

    public static func scalar(_ v: Float) -> Tensor {
        let t = Tensor(zeros: [])
        t.storage.data[0] = v
        return t
    }

    public static func full(_ shape: [Int], _ v: Float) -> Tensor {
        let t = Tensor(zeros: shape)
        t.storage.data.update(repeating: v, count: t.count)
        return t
    }

    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) { s[i] = acc; acc *= shape[i] }
        return s
    }

    public var count: Int { shape.reduce(1, *) }
    public var rank: Int { shape.count }
    public var isContiguous: Bool { strides == Tensor.contiguousStrides(shape) }

    /// Pointer to the first element of this view (contiguous tensors: the whole data).
    public var data: UnsafeMutablePointer<Float> { storage.data + offset }

    /// A contiguous tensor with the same values (self when already contiguous).
    public func contiguous() -> Tensor {
        if isContiguous { return self }
        let out = Tensor(unfilled: shape)   // every element written below
        var idx = [Int](repeating: 0, count: rank)
        let dst = out.data
        for i in 0..<count {
            var src = offset
            for d in 0..<rank { src += idx[d] * strides[d] }
            dst[i] = storage.data[src]
            var d = rank - 1
            while d >= 0 { idx[d] += 1; if idx[d] < shape[d] { break }; idx[d] = 0; d -= 1 }
        }
        return Tensor.record(out, op: .contiguous, inputs: [self]) { g in [g] }
    }

    /// All values in row-major order.
    public func toArray() -> [Float] {
        let c = contiguous()
        return Array(UnsafeBufferPointer(start: c.data, count: c.count))
    }

    /// The value at a full index (bounds-checked).
    public func value(at index: [Int]) throws -> Float {
        guard index.count == rank else {
            throw TensorError.invalidArgument(op: "value", reason: "index \(index) has \(index.count) dims, tensor has \(rank)")
        }
        var p = offset
        for d in 0..<rank {
            guard index[d] >= 0 && index[d] < shape[d] else {
                throw TensorError.indexOutOfRange(op: "value", index: index[d], bound: shape[d])
            }
            p += index[d] * strides[d]
        }
        return storage.data[p]
    }

    /// The single value of a one-element tensor.
    public var item: Float { storage.data[offset] }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let vals = toArray()
        let shown = vals.prefix(8).map { String(format: "%.4g", $0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(vals.count > 8 ? ", …" : "")])"
    }
}
