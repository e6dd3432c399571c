// The operations autograd records, as a closed set (a typo is a compile error, not a new op).

/// The kind of a recorded operation; the raw value is the name shown in errors.
public enum OpKind: String, CaseIterable, Sendable {
    case add, sub, mul, div, scale, shift, exp, log, square
    case sum, sumAxis = "sum(axis)", maxAxis = "max(axis)", logsumexp
    case matmul, linear
    case reshape, transpose, narrow, concat, contiguous
    case softmax, logSoftmax, crossEntropy
    case silu, swiglu, rmsNorm, embedding, rope, causalAttention, ropeCausalAttention
}
