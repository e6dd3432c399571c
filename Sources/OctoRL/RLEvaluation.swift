// Periodic held-out evaluation during RL: every `evalEvery` steps the policy is evaluated
// zero-shot and greedily on held-out benchmarks through the evaluation engine, and the
// accuracies are recorded in that step's statistics (`eval/<benchmark>`).
import Foundation
import OctoEval
import OctoModel

extension RLRun {
    /// Evaluates the current policy when this step is an evaluation step.
    func evaluateIfDue(_ stats: inout RLStepStats) throws {
        guard config.evalEvery > 0, !config.evalBenchmarks.isEmpty, step % config.evalEvery == 0 else { return }
        let benches = try config.evalBenchmarks.map { name -> EvalBenchmark in
            try EvalBenchmark.named(name, limit: config.evalLimit)
        }
        let template: OctoEval.PromptTemplate = config.template == .r1zero ? .r1Zero : .stepByStep
        let options = EvalOptions(shots: 0, temperature: 0, maxTokens: config.maxTokens, limit: config.evalLimit,
                                  zeroShotTemplate: template, seed: config.seed)
        let report = try Evaluator.evaluate(models: [EvalModel(name: "policy", model: model, tokenizer: model.tokenizer)],
                                            benchmarks: benches, options: options)
        var acc: [String: Double] = [:]
        for b in benches { acc[b.name] = report.accuracy(benchmark: b.name, model: "policy") ?? .nan }
        stats.evaluation = acc
    }
}
