// Loading and saving Hugging Face model folders: config.json, safetensors (single or sharded)
// and the tokenizer files beside them.
import Foundation
import OctoTensor
import OctoTokenizer

extension DecoderModel {
    /// Loads config.json, the weights (model.safetensors or a sharded index) and, when present,
    /// tokenizer.json of an HF folder.
    public static func load(folder: URL) throws -> DecoderModel {
        let config = try ModelConfig.load(from: folder)
        let weights = try SafetensorsCheckpoint(folder: folder)
        let model = try DecoderModel(config: config, weights: weights)
        let tokFile = folder.appendingPathComponent("tokenizer.json")
        if FileManager.default.fileExists(atPath: tokFile.path) {
            let tokenizer = try Tokenizer(contentsOf: folder)
            guard tokenizer.vocabSize > 0 else {
                throw ModelFileError.invalidField(file: tokFile.path, field: "model.vocab", reason: "the vocabulary is empty")
            }
            model.tokenizer = tokenizer
        }
        return model
    }

    /// Writes an HF folder (config.json, generation_config.json, model.safetensors and the
    /// tokenizer files) atomically: a temp folder renamed into place.
    public func save(folder: URL, dtype: SafetensorsDType = .f32) throws {
        var files: [String: Data] = [:]
        if let tok = tokenizer {
            files["tokenizer.json"] = tok.jsonData
            if let cfg = tok.configData { files["tokenizer_config.json"] = cfg }
        }
        let entries = params.all.map { name, t in
            SafetensorsWriter.Entry(name: name, shape: t.shape) { body in
                try body(UnsafeBufferPointer(start: t.data, count: t.count))
            }
        }
        try HFFolder.writeModel(to: folder, config: config, weights: entries, dtype: dtype, files: files)
    }
}
