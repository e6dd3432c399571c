// Tensors in the language: printed like numpy (rows on their own lines, big ones elided),
// `tensor([[1, 2], [3, 4]])` to make one, indexing (`t[0]`, `t[1][2]`, negative from the
// end) and elementwise + - * / with a number or a tensor of the same shape (float32, as
// numpy: x / 0 is inf). No autograd: results are plain values.
import OctoScript
import OctoTensor
import OctoTerm

enum TensorBindings {
    static let type: NativeType<Tensor> = NativeType("Tensor", doc: "A float32 array (row-major).") { t in
        t.attribute("shape", .list, doc: "the dimensions") { .ints($0.shape) }
        t.method("tolist", doc: "The values as (nested) lists.") { x, _, _ in nestedList(x) }
        t.method("item", doc: "The single value of a one-element tensor.") { x, _, _ in
            guard x.count == 1 else { throw ScriptError(.value, "item() needs one element, tensor has shape \(x.shape)") }
            return .float(Double(x.item))
        }
        t.method("argmax", doc: "Index of the largest value along the last axis.") { x, _, _ in
            let r = try bridge("argmax") { try x.argmax(axis: -1) }
            return r.count == 1 ? .int(r[0]) : .ints(r)
        }
        t.index { x, key, _ in
            guard let i = key.intValue else { throw ScriptError(.type, "tensor index must be an int, got \(key.typeName)") }
            guard x.rank > 0 else { throw ScriptError(.index, "cannot index a scalar tensor") }
            guard i >= -x.shape[0] && i < x.shape[0] else { throw ScriptError(.index, "index \(i) out of range for dimension of size \(x.shape[0])") }
            return try row(x, i)
        }
        t.elements { x, _ in
            guard x.rank > 0 else { return [] }
            return try (0..<x.shape[0]).map { try row(x, $0) }
        }
        t.binary { x, op, other, reversed in try arithmetic(x, op, other, reversed: reversed) }
        t.repr { x in ArrayFormat.render(x.toArray(), shape: x.shape, width: InspectBindings.viewWidth() ?? 80) }
    }

    static func register(in r: Registry) {
        r.describe(type)
        r.function("tensor", params: [Param("data", .any, doc: "a number, a (nested) list of numbers, or a Tensor")],
                   doc: "A float32 tensor from nested lists (rectangular): tensor([[1, 2], [3, 4]]).") { a, _ in
            if let x = type.unwrap(a["data"]) { return type.wrap(try bridge("tensor") { try Tensor(x.toArray(), shape: x.shape) }) }
            var values: [Float] = []
            let shape = try shapeAndValues(a["data"], into: &values)
            return type.wrap(try bridge("tensor") { try Tensor(values, shape: shape) })
        }
    }

    /// Row `i` of `x` (a float for a 1-D tensor).
    static func row(_ x: Tensor, _ i: Int) throws -> Value {
        let r = try bridge("index") { try x.index(i) }
        return r.rank == 0 ? .float(Double(r.item)) : type.wrap(r)
    }

    /// Most dimensions `tensor()` reads (deeper nesting, or a list inside itself, is an error).
    static let maxRank = 16

    /// The shape of nested lists of numbers, appending their values row-major.
    static func shapeAndValues(_ value: Value, into values: inout [Float], depth: Int = 0) throws -> [Int] {
        if let number = value.doubleValue { values.append(Float(number)); return [] }
        guard depth < maxRank else { throw ScriptError(.value, "tensor() reads at most \(maxRank) nested lists") }
        guard let items = value.listItems else {
            throw ScriptError(.type, "tensor() needs numbers or lists of numbers, got \(value.typeName)")
        }
        var inner: [Int]? = nil
        for item in items {
            let shape = try shapeAndValues(item, into: &values, depth: depth + 1)
            if let inner, inner != shape {
                throw ScriptError(.value, "tensor() needs rectangular lists: rows of shape \(inner) and \(shape)")
            }
            inner = shape
        }
        return [items.count] + (inner ?? [])
    }

    /// `x op other` (`other op x` when `reversed`) elementwise; nil for other operators or operands.
    static func arithmetic(_ x: Tensor, _ op: BinaryOp, _ other: Value, reversed: Bool) throws -> Value? {
        let f: (Float, Float) -> Float
        switch op {
        case .add: f = (+)
        case .sub: f = (-)
        case .mul: f = (*)
        case .div: f = (/)
        default: return nil
        }
        let a = x.toArray()
        var out: [Float]
        if case .bool = other { return nil }
        if let s = other.doubleValue.map(Float.init) {
            out = reversed ? a.map { f(s, $0) } : a.map { f($0, s) }
        } else if let y = type.unwrap(other) {
            guard y.shape == x.shape else {
                throw ScriptError(.value, "elementwise \(op.rawValue) needs tensors of the same shape, got \(reversed ? y.shape : x.shape) and \(reversed ? x.shape : y.shape)")
            }
            let b = y.toArray()
            out = reversed ? zip(b, a).map(f) : zip(a, b).map(f)
        } else {
            return nil
        }
        let result = out
        return type.wrap(try bridge("tensor \(op.rawValue)") { try Tensor(result, shape: x.shape) })
    }

    static func nestedList(_ x: Tensor) -> Value {
        let v = x.toArray()
        func build(_ dim: Int, _ offset: Int) -> Value {
            if dim == x.rank { return .float(Double(v[offset])) }
            let stride = x.shape[(dim + 1)...].reduce(1, *)
            return .makeList((0..<x.shape[dim]).map { build(dim + 1, offset + $0 * stride) })
        }
        return x.rank == 0 ? .float(Double(x.item)) : build(0, 0)
    }
}
