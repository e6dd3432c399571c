// Parameters by Hugging Face name, in a stable order.
import OctoTensor

/// An ordered registry of named parameter tensors (HF names, e.g. `model.norm.weight`).
public final class ParameterStore {
    public private(set) var names: [String] = []
    private var byName: [String: Tensor] = [:]

    public init() {}

    /// Adds or replaces a parameter; it will receive gradients.
    public func set(_ name: String, _ t: Tensor) {
        if byName[name] == nil { names.append(name) }
        t.requiresGrad = true
        byName[name] = t
    }

    public subscript(name: String) -> Tensor? { byName[name] }

    /// The parameter, or an error naming it.
    public func get(_ name: String) throws -> Tensor {
        guard let t = byName[name] else { throw ModelError.missingParameter(name) }
        return t
    }

    /// (name, tensor) pairs in registration order.
    public var all: [(String, Tensor)] { names.compactMap { n in byName[n].map { (n, $0) } } }

    /// Total number of values.
    public var count: Int { all.reduce(0) { $0 + $1.1.count } }

    public func zeroGrad() { for (_, t) in all { t.grad = nil } }

    /// Global L2 norm of all gradients: each gradient's sum of squares in double (fixed chunks,
    /// `Tensor.sumOfSquares`), added in registration order.
    public func gradNorm() -> Double {
        var s = 0.0
        for (_, t) in all { if let g = t.grad { s += g.sumOfSquares() } }
        return s.squareRoot()
    }

    /// A deep copy (values only, fresh gradients).
    public func clone() -> ParameterStore {
        let out = ParameterStore()
        for (n, t) in all { out.set(n, t.copy()) }
        return out
    }
}
