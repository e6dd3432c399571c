// GGUFCheckpoint: a GGUF file seen through the project's loading path. Its metadata becomes
// a ModelConfig (llama and qwen2 architectures) and its tensors are offered under HF names
// as a SafetensorsReading, dequantised to float32 on demand, so `DecoderModel(config:weights:)`
// loads it exactly as it loads safetensors.
//
// llama.cpp names -> HF names:
//   token_embd -> model.embed_tokens       output_norm -> model.norm      output -> lm_head
//   blk.N.attn_norm -> model.layers.N.input_layernorm   blk.N.ffn_norm -> ...post_attention_layernorm
//   blk.N.attn_{q,k,v,output} -> ...self_attn.{q,k,v,o}_proj   blk.N.ffn_{gate,up,down} -> ...mlp.*_proj
// For the llama architecture the HF->GGUF converter permutes the rows of q/k weights within
// each head (interleaved rotary pairs); `withFloats` undoes it, as transformers'
// `reverse_permute_weights` does, so logits match the HF model.
import Foundation

/// The tensors of a GGUF file under HF parameter names.
public final class GGUFCheckpoint: SafetensorsReading {
    public let file: GGUFFile
    public let config: ModelConfig
    /// HF name -> GGUF tensor.
    private let byHFName: [String: GGUFTensorInfo]
    public let names: [String]

    static let architectures = ["llama", "qwen2"]

    public init(file: GGUFFile) throws {
        self.file = file
        config = try ModelConfig(gguf: file)
        var map: [String: GGUFTensorInfo] = [:]
        for t in file.tensors {
            guard let hf = Self.hfName(t.name) else {
                if t.name == "rope_freqs.weight" {
                    throw GGUFError.unsupported(file: file.path, key: "tensor", value: t.name + " (Llama-3.1 rope scaling)", supported: [])
                }
                throw GGUFError.badTensor(file: file.path, tensor: t.name, reason: "not a tensor of the \(config.modelType) architecture")
            }
            map[hf] = t
        }
        byHFName = map
        names = map.keys.sorted()
    }

    /// The HF name of a llama.cpp tensor name, or nil.
    static func hfName(_ name: String) -> String? {
        switch name {
        case "token_embd.weight": return ModelTensor.embedTokens
        case "output_norm.weight": return ModelTensor.norm
        case "output.weight": return ModelTensor.lmHead
        default: break
        }
        let parts = name.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "blk", let layer = Int(parts[1]) else { return nil }
        let table: [String: LayerTensor] = [
            "attn_norm.weight": .inputNorm, "ffn_norm.weight": .postAttentionNorm,
            "attn_q.weight": .q, "attn_q.bias": .qBias, "attn_k.weight": .k, "attn_k.bias": .kBias,
            "attn_v.weight": .v, "attn_v.bias": .vBias, "attn_output.weight": .o,
            "ffn_gate.weight": .gate, "ffn_up.weight": .up, "ffn_down.weight": .down,
        ]
        return table[parts[2]]?.name(layer: layer)
    }

    public func info(_ name: String) throws -> SafetensorsTensorInfo {
        guard let t = byHFName[name] else { throw ModelFileError.tensorNotFound(file: file.path, tensor: name) }
        // dtype: what `withFloats` yields; offsets: the bytes in the file.
        return SafetensorsTensorInfo(name: name, dtype: .f32, shape: t.shape, dataOffsets: t.fileOffset..<(t.fileOffset + t.byteCount))
    }

    public func withFloats(_ name: String, into destination: UnsafeMutablePointer<Float>, count: Int) throws {
        guard let t = byHFName[name] else { throw ModelFileError.tensorNotFound(file: file.path, tensor: name) }
        guard t.elementCount == count else {
            throw ModelFileError.countMismatch(file: file.path, tensor: name, expected: t.elementCount, actual: count)
        }
        file.dequantize(t, into: destination)
        guard config.family == .llama else { return }
        if [LayerTensor.q, .qBias].contains(where: { name.hasSuffix($0.rawValue) }) {
            try unpermute(destination, info: t, heads: config.attentionHeads)
        } else if [LayerTensor.k, .kBias].contains(where: { name.hasSuffix($0.rawValue) }) {
            try unpermute(destination, info: t, heads: config.kvHeads)
        }
    }

    /// Undoes the converter's `permute`: GGUF row h*D + 2i + j holds HF row h*D + j*D/2 + i.
    private func unpermute(_ p: UnsafeMutablePointer<Float>, info t: GGUFTensorInfo, heads: Int) throws {
        let rows = t.shape[0], cols = t.shape.count > 1 ? t.shape[1] : 1
        guard heads > 0, rows % (2 * heads) == 0 else {
            throw GGUFError.badTensor(file: file.path, tensor: t.name, reason: "\(rows) rows do not split into \(heads) heads of rotary pairs")
        }
        let d = rows / heads, half = d / 2
        let copy = [Float](UnsafeBufferPointer(start: p, count: rows * cols))
        for h in 0..<heads {
            for i in 0..<half {
                for j in 0..<2 {
                    let src = (h * d + 2 * i + j) * cols, dst = (h * d + j * half + i) * cols
                    for c in 0..<cols { p[dst + c] = copy[src + c] }
                }
            }
        }
    }
}

extension ModelConfig {
    /// The config of a GGUF file from its `{arch}.*` metadata.
    public init(gguf f: GGUFFile) throws {
        guard let arch = f.metadata["general.architecture"]?.string else {
            throw GGUFError.missingKey(file: f.path, key: "general.architecture", expected: "a string")
        }
        guard let family = ModelFamily(rawValue: arch), GGUFCheckpoint.architectures.contains(arch) else {
            throw GGUFError.unsupported(file: f.path, key: "general.architecture", value: arch, supported: GGUFCheckpoint.architectures)
        }
        func int(_ key: String) throws -> Int {
            guard let v = f.metadata[arch + "." + key]?.int, v > 0 else {
                throw GGUFError.missingKey(file: f.path, key: arch + "." + key, expected: "a positive integer")
            }
            return v
        }
        func optionalInt(_ key: String) -> Int? { f.metadata[arch + "." + key]?.int }
        /// GGUF stores these as float32: keep the shortest decimal (1e-05, not 9.99999974e-06).
        func decimal(_ key: String) -> Double? {
            guard let v = f.metadata[arch + "." + key]?.double else { return nil }
            return Double(String(Float(v))) ?? v
        }
        if let type = f.metadata[arch + ".rope.scaling.type"]?.string, type != "none" {
            throw GGUFError.unsupported(file: f.path, key: arch + ".rope.scaling.type", value: type, supported: ["none"])
        }
        let hidden = try int("embedding_length"), heads = try int("attention.head_count")
        let headDim = optionalInt("attention.key_length") ?? hidden / heads
        if let rot = optionalInt("rope.dimension_count"), rot != headDim {
            throw GGUFError.unsupported(file: f.path, key: arch + ".rope.dimension_count", value: "\(rot) (partial rotary)", supported: ["\(headDim)"])
        }
        guard let embd = f.tensorsByName["token_embd.weight"], embd.dims.count == 2 else {
            throw GGUFError.missingTensor(file: f.path, tensor: "token_embd.weight")
        }
        var eos: [Int] = []
        if let e = f.metadata["tokenizer.ggml.eos_token_id"]?.int { eos = [e] }
        self.init(family: family, vocabSize: embd.dims[1], hiddenSize: hidden, hiddenLayers: try int("block_count"), attentionHeads: heads,
                  kvHeads: optionalInt("attention.head_count_kv") ?? heads, headDim: headDim,
                  intermediateSize: try int("feed_forward_length"),
                  rmsNormEps: decimal("attention.layer_norm_rms_epsilon"), ropeTheta: decimal("rope.freq_base"),
                  tieWordEmbeddings: f.tensorsByName["output.weight"] == nil,
                  maxPositionEmbeddings: optionalInt("context_length") ?? 2048,
                  bosTokenId: f.metadata["tokenizer.ggml.bos_token_id"]?.int, eosTokenIds: eos)
        if family == .llama, f.tensorsByName["blk.0.attn_q.bias"] != nil { attentionBias = true }
        do { try validate() } catch let error as ModelFileError { throw error.inFile(f.path) }
    }
}

extension DecoderModel {
    /// Loads a .gguf file: config from its metadata, weights dequantised to float32, and the
    /// tokenizer from `tokenizer.ggml.*` when present.
    public static func load(gguf url: URL) throws -> DecoderModel {
        let file = try GGUFFile(url: url)
        let checkpoint = try GGUFCheckpoint(file: file)
        let model = try DecoderModel(config: checkpoint.config, weights: checkpoint)
        if file.metadata["tokenizer.ggml.model"] != nil {
            model.tokenizer = try GGUFTokenizer.make(file)
        }
        return model
    }
}
