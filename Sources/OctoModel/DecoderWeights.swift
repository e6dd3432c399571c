// Moving decoder weights between DecoderModel and safetensors (HF names, [out, in] layout).
import Foundation
import OctoTensor

extension DecoderModel {
    /// Builds a model from weights in a safetensors source, converting to float32.
    /// Every expected tensor must be there with the right shape; extra tensors are an error
    /// too (a sign of a mismatched config), except `lm_head.weight` when tied.
    public convenience init(config: ModelConfig, weights: SafetensorsReading) throws {
        try config.validate()
        try config.checkMemory()
        let store = ParameterStore()
        for (name, shape) in config.parameterShapes {
            let info = try weights.info(name)
            guard info.shape == shape else { throw ModelError.parameterShape(name: name, expected: shape, got: info.shape) }
            let t = Tensor(zeros: shape)
            try weights.withFloats(name, into: t.data, count: t.count)
            let values = t.data
            for i in 0..<t.count where !values[i].isFinite {
                throw ModelError.invalidWeights("weight '\(name)' has a non-finite value (\(values[i])) at element \(i)")
            }
            store.set(name, t)
        }
        let expected = Set(config.parameterShapes.map(\.name))
        let extra = weights.names.filter { !expected.contains($0) && !($0 == ModelTensor.lmHead && config.tieWordEmbeddings) }
            .filter { !$0.hasSuffix("rotary_emb.inv_freq") }
        if let first = extra.sorted().first {
            throw ModelError.invalidWeights("checkpoint has tensor '\(first)' that this config does not use (\(extra.count) such)")
        }
        try self.init(config: config, params: store)
    }

    /// The weights as (name, shape, values) in HF order, for SafetensorsWriter.
    public func namedWeights() -> [(name: String, shape: [Int], data: [Float])] {
        params.all.map { ($0.0, $0.1.shape, $0.1.toArray()) }
    }
}
