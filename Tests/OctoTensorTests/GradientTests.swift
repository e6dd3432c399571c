import XCTest
@testable import OctoTensor

/// A finite-difference check for every differentiable op.
final class GradientTests: XCTestCase {
    override func setUp() { Threads.set(2) }

    func testAddBroadcast() throws {
        try gradCheck("add", inputs: [randn([3, 4], seed: 1), randn([4], seed: 2)]) { try $0[0].add($0[1]) }
    }
    func testSubBroadcastMiddle() throws {
        try gradCheck("sub", inputs: [randn([2, 3, 4], seed: 1), randn([2, 1, 4], seed: 2)]) { try $0[0].sub($0[1]) }
    }
    func testMul() throws {
        try gradCheck("mul", inputs: [randn([3, 4], seed: 3), randn([3, 1], seed: 4)]) { try $0[0].mul($0[1]) }
    }
    func testDiv() throws {
        let b = randn([3, 4], seed: 6).mapValues { $0 > 0 ? $0 + 1 : $0 - 1 }
        try gradCheck("div", inputs: [randn([3, 4], seed: 5), b]) { try $0[0].div($0[1]) }
    }
    func testUnary() throws {
        try gradCheck("exp", inputs: [randn([5], seed: 7, std: 0.5)]) { $0[0].exp() }
        try gradCheck("log", inputs: [randn([5], seed: 8).mapValues { abs($0) + 0.5 }]) { $0[0].log() }
        try gradCheck("square", inputs: [randn([5], seed: 9)]) { $0[0].square() }
        try gradCheck("scaled+shifted", inputs: [randn([5], seed: 10)]) { $0[0].scaled(3).shifted(1) }
    }
    func testReductions() throws {
        try gradCheck("sum", inputs: [randn([3, 4], seed: 11)]) { $0[0].sum() }
        try gradCheck("mean", inputs: [randn([3, 4], seed: 12)]) { $0[0].mean() }
        try gradCheck("sum(axis)", inputs: [randn([2, 3, 4], seed: 13)]) { try $0[0].sum(axis: 1) }
        try gradCheck("mean(axis)", inputs: [randn([2, 3, 4], seed: 14)]) { try $0[0].mean(axis: -1, keepDims: true) }
        try gradCheck("max(axis)", inputs: [randn([3, 5], seed: 15)]) { try $0[0].max(axis: 1) }
        try gradCheck("logsumexp", inputs: [randn([3, 5], seed: 16)]) { try $0[0].logsumexp(axis: 0) }
    }
    func testViews() throws {
        try gradCheck("reshape", inputs: [randn([2, 6], seed: 17)]) { try $0[0].reshape([3, -1]).square() }
        try gradCheck("transpose", inputs: [randn([2, 3], seed: 18)]) { try $0[0].transpose().contiguous().square() }
        try gradCheck("narrow", inputs: [randn([4, 3], seed: 19)]) { try $0[0].narrow(0, 1, 2).square() }
        try gradCheck("concat", inputs: [randn([2, 3], seed: 20), randn([2, 2], seed: 21)]) {
            try Tensor.concat([$0[0], $0[1]], dim: 1).square()
        }
    }
    func testMatmul() throws {
        try gradCheck("matmul", inputs: [randn([3, 4], seed: 22), randn([4, 5], seed: 23)]) { try $0[0].matmul($0[1]) }
        try gradCheck("batched matmul", inputs: [randn([2, 3, 4], seed: 24), randn([2, 4, 2], seed: 25)]) { try $0[0].matmul($0[1]) }
        try gradCheck("matmul shared B", inputs: [randn([2, 3, 4], seed: 26), randn([4, 2], seed: 27)]) { try $0[0].matmul($0[1]) }
        try gradCheck("matmul Bᵀ view", inputs: [randn([3, 4], seed: 28), randn([5, 4], seed: 29)]) { try $0[0].matmul($0[1].transpose()) }
        try gradCheck("matmul Aᵀ view", inputs: [randn([4, 3], seed: 30), randn([4, 5], seed: 31)]) { try $0[0].transpose().matmul($0[1]) }
    }
    func testLinear() throws {
        try gradCheck("linear", inputs: [randn([2, 3, 4], seed: 32), randn([5, 4], seed: 33), randn([5], seed: 34)]) {
            try linear($0[0], $0[1], bias: $0[2])
        }
    }
    func testEmbedding() throws {
        try gradCheck("embedding", inputs: [randn([6, 3], seed: 35)]) { try embedding($0[0], ids: [1, 4, 1, 0]) }
    }
    func testRMSNorm() throws {
        try gradCheck("rmsNorm", inputs: [randn([3, 8], seed: 36), randn([8], seed: 37)]) { try rmsNorm($0[0], weight: $0[1], eps: 1e-5) }
    }
    func testRoPE() throws {
        let plain = RopeTable(headDim: 8, theta: 10000)
        try gradCheck("rope", inputs: [randn([2, 3, 2, 8], seed: 38)]) { try rope($0[0], table: plain, positions: [0, 1, 2, 5, 6, 7]) }
        let scaled = RopeTable(headDim: 16, theta: 500000, scaling: .llama3(factor: 32, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 64))
        try gradCheck("rope llama3", inputs: [randn([1, 4, 1, 16], seed: 39)]) { try rope($0[0], table: scaled, positions: [3, 4, 5, 6]) }
    }
    func testSiluSwiGLU() throws {
        try gradCheck("silu", inputs: [randn([7], seed: 40)]) { silu($0[0]) }
        try gradCheck("swiglu", inputs: [randn([3, 4], seed: 41), randn([3, 4], seed: 42)]) { try swiglu(gate: $0[0], up: $0[1]) }
    }
    func testSoftmaxes() throws {
        try gradCheck("softmax", inputs: [randn([3, 5], seed: 43)]) { softmax($0[0]) }
        try gradCheck("logSoftmax", inputs: [randn([3, 5], seed: 44)]) { logSoftmax($0[0]) }
    }
    func testCrossEntropy() throws {
        try gradCheck("crossEntropy mean", inputs: [randn([4, 6], seed: 45)]) { try crossEntropy($0[0], targets: [1, -100, 5, 0]) }
        try gradCheck("crossEntropy none", inputs: [randn([3, 6], seed: 46)]) { try crossEntropy($0[0], targets: [2, 3, -100], reduction: .none) }
        try gradCheck("crossEntropy sum", inputs: [randn([3, 6], seed: 47)]) { try crossEntropy($0[0], targets: [2, 3, 4], reduction: .sum) }
    }
    func testAttentionGQAAcrossBlocks() throws {
        // T = 70 spans two 64-row blocks; 4 query heads share 2 kv heads.
        let q = randn([1, 70, 4, 4], seed: 48, std: 0.5), k = randn([1, 70, 2, 4], seed: 49, std: 0.5), v = randn([1, 70, 2, 4], seed: 50)
        try gradCheck("causalAttention", inputs: [q, k, v], atol: 4e-3) { try causalAttention(q: $0[0], k: $0[1], v: $0[2]) }
    }
    func testAttentionBatch() throws {
        let q = randn([2, 5, 2, 3], seed: 51), k = randn([2, 5, 1, 3], seed: 52), v = randn([2, 5, 1, 3], seed: 53)
        try gradCheck("causalAttention batch", inputs: [q, k, v]) { try causalAttention(q: $0[0], k: $0[1], v: $0[2]) }
    }
}
