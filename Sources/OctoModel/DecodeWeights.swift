// bfloat16 copies of a model's projection matrices and output head, for batch-1 decode that
// reads half the bytes per token (computed in f32: the GEMV kernels widen each weight in
// registers). A snapshot of the weights when made: make a new one after training. Norms,
// biases and the embedding gather stay f32 and are read from the model.
import OctoTensor

/// A model's decode weights in bfloat16 (`SamplingOptions.decodeWeights`).
public final class DecodeWeights: @unchecked Sendable {
    /// One layer's matrices.
    public struct Layer: @unchecked Sendable {
        public let q, k, v, o, gate, up, down: BF16Matrix
    }
    public let layers: [Layer]
    public let lmHead: BF16Matrix

    /// Rounds every projection matrix and the output head of `model` to bfloat16.
    public init(bf16Of model: DecoderModel) throws {
        layers = try model.layers.map { w in
            try Layer(q: BF16Matrix(w.q), k: BF16Matrix(w.k), v: BF16Matrix(w.v), o: BF16Matrix(w.o),
                      gate: BF16Matrix(w.gate), up: BF16Matrix(w.up), down: BF16Matrix(w.down))
        }
        lmHead = try BF16Matrix(model.lmHead)
    }

    /// Bytes of bfloat16 weights one decode step reads.
    public var bytes: Int {
        2 * (layers.reduce(0) { acc, l in
            acc + [l.q, l.k, l.v, l.o, l.gate, l.up, l.down].reduce(0) { $0 + $1.rows * $1.cols }
        } + lmHead.rows * lmHead.cols)
    }

    /// True when every matrix has the shape `model` uses.
    func fits(_ model: DecoderModel) -> Bool {
        func same(_ m: BF16Matrix, _ t: Tensor) -> Bool { [m.rows, m.cols] == t.shape }
        return layers.count == model.layers.count && same(lmHead, model.lmHead)
            && zip(layers, model.layers).allSatisfy { p, w in
                same(p.q, w.q) && same(p.k, w.k) && same(p.v, w.v) && same(p.o, w.o)
                    && same(p.gate, w.gate) && same(p.up, w.up) && same(p.down, w.down)
            }
    }
}
