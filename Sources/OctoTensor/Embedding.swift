// Embedding: gather rows of a table (forward) and scatter-add into its gradient (backward).

/// Rows `ids` of `table` [V, C] → [ids.count, C]. Ids out of range throw.
public func embedding(_ table: Tensor, ids: [Int]) throws -> Tensor {
    guard table.rank == 2 else { throw TensorError.invalidShape(op: "embedding", shape: table.shape, reason: "table must be [vocab, dim]") }
    let v = table.shape[0], c = table.shape[1]
    for id in ids where id < 0 || id >= v { throw TensorError.indexOutOfRange(op: "embedding", index: id, bound: v) }
    let t = table.contiguous()
    let out = Tensor(unfilled: [ids.count, c])   // every row copied below
    for (r, id) in ids.enumerated() { (out.data + r * c).update(from: t.data + id * c, count: c) }
    return Tensor.record(out, op: .embedding, inputs: [table]) { g in
        let gt = Tensor(zeros: [v, c])
        // Sequential over tokens: deterministic accumulation order.
        for (r, id) in ids.enumerated() {
            let dst = gt.data + id * c, src = g.data + r * c
            for j in 0..<c { dst[j] += src[j] }
        }
        return [gt]
    }
}
