// Reverse-mode autograd: each op records a node with its backward closure; `backward()`
// walks the graph in reverse topological order and accumulates into leaves' `.grad`.
import CSupport

/// One recorded operation: its inputs and how to turn the output's gradient into theirs.
final class GradNode {
    let op: OpKind
    let inputs: [Tensor]
    /// Maps the output gradient (contiguous, output shape) to one gradient per input
    /// (contiguous, that input's shape), nil where an input needs none.
    let backward: (Tensor) -> [Tensor?]

    init(op: OpKind, inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) {
        self.op = op; self.inputs = inputs; self.backward = backward
    }
}

/// Whether operations record the graph. Use `noGrad { … }` to turn it off in a scope.
public enum GradMode {
    public static var enabled = true
}

/// Runs `body` without recording gradients (inference, optimizer updates).
public func noGrad<T>(_ body: () throws -> T) rethrows -> T {
    let saved = GradMode.enabled
    GradMode.enabled = false
    defer { GradMode.enabled = saved }
    return try body()
}

extension Tensor {
    /// True when gradients flow into or through this tensor.
    public var tracksGrad: Bool { requiresGrad || node != nil }

    /// The operation that produced this tensor, if recorded.
    public var opKind: OpKind? { node?.op }

    /// Whether an op on `inputs` is recorded: grad mode is on and an input tracks gradients.
    /// An op that saves extra state only for its backward asks this before computing it.
    static func willRecord(_ inputs: [Tensor]) -> Bool {
        GradMode.enabled && inputs.contains(where: { $0.tracksGrad })
    }

    /// Attaches a backward node to `out` when `willRecord(inputs)`.
    static func record(_ out: Tensor, op: OpKind, inputs: [Tensor],
                       backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        guard willRecord(inputs) else { return out }
        out.node = GradNode(op: op, inputs: inputs, backward: backward)
        return out
    }

    /// Back-propagates from this tensor. A scalar starts from 1; otherwise pass `gradient`.
    public func backward(_ gradient: Tensor? = nil) throws {
        let seed: Tensor
        if let g = gradient {
            guard g.shape == shape else { throw TensorError.shapeMismatch(op: "backward", lhs: shape, rhs: g.shape) }
            seed = g.contiguous()
        } else {
            guard count == 1 else {
                throw TensorError.noGradient(reason: "backward() without a gradient needs a one-element tensor, got shape \(shape)")
            }
            seed = Tensor.full(shape, 1)
        }
        guard tracksGrad else {
            throw TensorError.noGradient(reason: "this tensor does not depend on any parameter with requiresGrad (or a backward() already used its graph)")
        }

        // Reverse topological order by iterative DFS.
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (t, expanded) = stack.popLast() {
            if expanded { order.append(t); continue }
            let id = ObjectIdentifier(t)
            if visited.contains(id) { continue }
            visited.insert(id)
            stack.append((t, true))
            if let n = t.node {
                for inp in n.inputs where inp.tracksGrad && !visited.contains(ObjectIdentifier(inp)) {
                    stack.append((inp, false))
                }
            }
        }

        var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        var owned = Set<ObjectIdentifier>()
        // The graph is released as it is walked (PyTorch's default, retain_graph=False): each
        // node drops its backward closure, and with it the activations it saved, once used,
        // so activations of later layers are freed while earlier layers' gradients are made.
        while let t = order.popLast() {
            let id = ObjectIdentifier(t)
            guard let g = grads[id] else { t.node = nil; continue }
            let isLeaf = t.node == nil
            // Free as we go. A freed tensor's address (its ObjectIdentifier) can be reused by a
            // new gradient, so its key leaves both tables here.
            grads[id] = nil
            owned.remove(id)
            if let n = t.node {
                t.node = nil
                let inGrads = n.backward(g)
                guard inGrads.count == n.inputs.count else {
                    throw TensorError.invalidArgument(op: "backward of \(n.op.rawValue)",
                                                      reason: "\(inGrads.count) gradients for \(n.inputs.count) inputs")
                }
                for (inp, ig) in zip(n.inputs, inGrads) {
                    guard let ig = ig, inp.tracksGrad else { continue }
                    // Checked where it is accumulated: a wrong backward is an error, not an over-read.
                    guard ig.shape == inp.shape else {
                        throw TensorError.shapeMismatch(op: "backward of \(n.op.rawValue)", lhs: inp.shape, rhs: ig.shape)
                    }
                    let key = ObjectIdentifier(inp)
                    if let existing = grads[key] {
                        // The first gradient may alias another tensor: sum into a fresh one once.
                        if owned.contains(key) { try existing.addAssign(ig) } else {
                            grads[key] = try existing.adding(ig); owned.insert(key)
                        }
                    } else {
                        grads[key] = ig
                    }
                }
            }
            if t.requiresGrad && isLeaf {
                if let acc = t.grad { try acc.addAssign(g) } else { t.grad = g.copy() }
            }
        }
    }

    /// Clears the accumulated gradient.
    public func zeroGrad() { grad = nil }

    /// A new leaf with the same values and no graph.
    public func detach() -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: offset)
    }

    /// A contiguous copy with no graph.
    public func copy() -> Tensor {
        let c = contiguous()
        let out = Tensor(unfilled: shape)
        out.data.update(from: c.data, count: count)
        return out
    }

    /// In-place `self += other` (same shape; `self` contiguous). Not recorded.
    /// - Throws: `TensorError.shapeMismatch` when the shapes differ (never reads past `other`).
    public func addAssign(_ other: Tensor) throws {
        guard other.shape == shape else { throw TensorError.shapeMismatch(op: "addAssign", lhs: shape, rhs: other.shape) }
        let o = other.contiguous()
        let a = data, b = o.data
        parallelFor(count, minChunk: 1 << 16) { r in octo_add(a + r.lowerBound, b + r.lowerBound, r.count) }
    }

    /// In-place `self *= s` (`self` contiguous, as a gradient is). Not recorded.
    public func scaleInPlace(_ s: Float) {
        let a = data
        parallelFor(count, minChunk: 1 << 16) { r in octo_scale(a + r.lowerBound, r.count, s) }
    }

    /// `self + other` for same-shape tensors, not recorded.
    func adding(_ other: Tensor) throws -> Tensor {
        let out = copy()
        try out.addAssign(other)
        return out
    }
}

extension Tensor {
    /// Runs only this tensor's own backward step with `gradient` and returns its inputs'
    /// gradients (nil when not recorded). For benchmarks and debugging.
    public func localBackward(_ gradient: Tensor) -> [Tensor?]? { node?.backward(gradient) }
}
