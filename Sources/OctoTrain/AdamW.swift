// AdamW exactly as torch.optim.AdamW (single-tensor path): decoupled weight decay, bias
// correction, eps added after the bias-corrected sqrt. Plus global-norm gradient clipping
// as torch.nn.utils.clip_grad_norm_.
import Foundation
import OctoTensor
import OctoModel

/// torch's AdamW. Moments are kept per parameter name.
public final class AdamW {
    public var lr: Float
    public var beta1: Float
    public var beta2: Float
    public var eps: Float
    public var weightDecay: Float
    /// Parameters for which weight decay is skipped (default: norm weights and biases).
    public var skipDecay: (String) -> Bool
    public private(set) var stepCount = 0
    var expAvg: [String: Tensor] = [:]
    var expAvgSq: [String: Tensor] = [:]

    public init(lr: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.95, eps: Float = 1e-8, weightDecay: Float = 0.1,
                skipDecay: @escaping (String) -> Bool = AdamW.normsAndBiases) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.skipDecay = skipDecay
    }

    /// The default rule: no decay on RMSNorm weights and biases.
    public static let normsAndBiases: (String) -> Bool = { $0.hasSuffix("norm.weight") || $0.hasSuffix(".bias") }
    /// Decay everything (torch's behaviour when all parameters are in one group).
    public static let decayAll: (String) -> Bool = { _ in false }

    /// One update of every parameter that has a gradient, at learning rate `lr`.
    /// - Throws: `TensorError.shapeMismatch` when a saved moment's shape differs from its
    ///   parameter's (state of another model), before any parameter is touched.
    public func step(_ params: ParameterStore, lr: Float? = nil) throws {
        let lr = lr ?? self.lr
        let t = Float(stepCount + 1)
        let bc1 = 1 - Foundation.pow(beta1, t)
        let bc2 = 1 - Foundation.pow(beta2, t)
        for (name, p) in params.all where p.grad != nil {
            for moment in [expAvg[name], expAvgSq[name]] {
                if let m = moment, m.shape != p.shape { throw TensorError.shapeMismatch(op: "AdamW moment of \(name)", lhs: p.shape, rhs: m.shape) }
            }
        }
        for (name, p) in params.all {
            guard let g = p.grad else { continue }
            let m = expAvg[name] ?? Tensor(zeros: p.shape)
            let v = expAvgSq[name] ?? Tensor(zeros: p.shape)
            expAvg[name] = m; expAvgSq[name] = v
            let decay: Float = skipDecay(name) ? 1 : 1 - lr * weightDecay
            try adamWUpdate(param: p, grad: g, expAvg: m, expAvgSq: v,
                            AdamWConstants(decay: decay, beta1: beta1, beta2: beta2, bc2Sqrt: bc2.squareRoot(), eps: eps, stepSize: lr / bc1))
        }
        stepCount += 1
    }

    /// Optimizer state as named tensors (`exp_avg.NAME`, `exp_avg_sq.NAME`) for checkpoints.
    public func stateTensors() -> [(String, Tensor)] {
        expAvg.keys.sorted().flatMap { n -> [(String, Tensor)] in
            guard let m = expAvg[n], let v = expAvgSq[n] else { return [] }
            return [("exp_avg." + n, m), ("exp_avg_sq." + n, v)]
        }
    }

    /// Restores state saved by `stateTensors()`.
    public func loadState(step: Int, tensors: [String: Tensor]) {
        stepCount = step
        expAvg = [:]; expAvgSq = [:]
        for (k, t) in tensors {
            if k.hasPrefix("exp_avg_sq.") { expAvgSq[String(k.dropFirst("exp_avg_sq.".count))] = t }
            else if k.hasPrefix("exp_avg.") { expAvg[String(k.dropFirst("exp_avg.".count))] = t }
        }
    }

    /// A deep copy (for branching a phase without disturbing it).
    public func clone() -> AdamW {
        let o = AdamW(lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay, skipDecay: skipDecay)
        o.stepCount = stepCount
        o.expAvg = expAvg.mapValues { $0.copy() }
        o.expAvgSq = expAvgSq.mapValues { $0.copy() }
        return o
    }
}

/// Scales all gradients so their global L2 norm is at most `maxNorm`, as torch's
/// clip_grad_norm_ (coefficient max/(norm + 1e-6), clamped to 1). Returns the norm before.
@discardableResult
public func clipGradNorm(_ params: ParameterStore, maxNorm: Double) -> Double {
    let norm = params.gradNorm()
    let coef = Float(min(1, maxNorm / (norm + 1e-6)))
    if coef < 1 {
        for (_, p) in params.all { if let g = p.grad { g.scaleInPlace(coef) } }
    }
    return norm
}
