// The state an RL step's updates change (policy weights, value head, both AdamW states),
// copied before the first update so that a non-finite loss or gradient norm in a later
// mini-batch can undo the earlier mini-batch updates of the same step (#19).
import Foundation
import OctoTensor
import OctoModel
import OctoTrain

struct UpdateSnapshot {
    private let params: [(Tensor, [Float])]
    private let optimizer: AdamW
    private let critic: AdamW?

    /// Copies of every parameter's values and of the optimizers (about 4× the parameters).
    init(_ run: RLRun) {
        var saved: [(Tensor, [Float])] = []
        for store in [run.model.params, run.valueHead?.params].compactMap({ $0 }) {
            for (_, t) in store.all { saved.append((t, t.toArray())) }
        }
        params = saved
        optimizer = run.optimizer.clone()
        critic = run.criticOptimizer?.clone()
    }

    /// Writes the copies back into the run's own tensors and optimizers.
    func restore(into run: RLRun) {
        for (t, values) in params {
            let p = t.data
            for i in 0..<min(values.count, t.count) { p[i] = values[i] }
            t.grad = nil
        }
        run.optimizer.loadState(step: optimizer.stepCount, tensors: Dictionary(uniqueKeysWithValues: optimizer.stateTensors()))
        if let critic, let own = run.criticOptimizer {
            own.loadState(step: critic.stepCount, tensors: Dictionary(uniqueKeysWithValues: critic.stateTensors()))
        }
    }
}
