// Checks a checkpoint's tensors and numbers against the model and data they will be used
// with, before any of them is used: an optimizer moment of the wrong shape would otherwise be
// read past its end by the (unchecked) update loop.
import Foundation
import OctoTensor
import OctoModel

/// Validation helpers shared by phase and RL checkpoints.
public enum CheckpointCheck {
    /// Throws `CheckpointError(file, field, reason)` unless `ok`.
    public static func require(_ ok: Bool, _ file: URL, _ field: String, _ reason: @autoclosure () -> String) throws {
        if !ok { throw CheckpointError(file: file.path, field: field, reason: reason()) }
    }

    /// The AdamW moments stored in `url` (`PREFIXexp_avg.NAME`, `PREFIXexp_avg_sq.NAME`),
    /// each checked to be float32 with the shape of parameter NAME of `params`, in pairs; after
    /// at least one step (`optimizerStep > 0`) every parameter must have both moments.
    /// Returns them keyed without `prefix`.
    /// - Throws: `CheckpointError` naming the file and the tensor.
    public static func optimizerMoments(_ url: URL, params: ParameterStore, optimizerStep: Int,
                                        prefix: String = "") throws -> [String: Tensor] {
        let infos = try tensorInfos(url).filter { $0.name.hasPrefix(prefix) }
        var out: [String: Tensor] = [:]
        for info in infos {
            let key = String(info.name.dropFirst(prefix.count))
            let param: String
            if key.hasPrefix("exp_avg_sq.") { param = String(key.dropFirst("exp_avg_sq.".count)) }
            else if key.hasPrefix("exp_avg.") { param = String(key.dropFirst("exp_avg.".count)) }
            else { throw CheckpointError(file: url.path, field: info.name, reason: "not an optimizer moment (exp_avg.* or exp_avg_sq.*)") }
            guard let p = params[param] else {
                throw CheckpointError(file: url.path, field: info.name, reason: "the model has no parameter \(param) (optimizer state of another model?)")
            }
            try require(info.dtype == .f32, url, info.name, "dtype \(info.dtype) (expected F32)")
            try require(info.shape == p.shape, url, info.name, "shape \(info.shape), but the model's \(param) is \(p.shape) (optimizer state of another model size?)")
            out[key] = try readTensor(url, info)
        }
        for (name, _) in params.all {
            let m = out["exp_avg." + name] != nil, v = out["exp_avg_sq." + name] != nil
            try require(m == v, url, prefix + (m ? "exp_avg_sq." : "exp_avg.") + name, "missing (moments must come in pairs)")
            try require(m || optimizerStep == 0, url, prefix + "exp_avg." + name,
                        "missing after \(optimizerStep) optimizer steps")
        }
        return out
    }

    /// The tensor infos of a safetensors file (errors re-typed to name the file).
    public static func tensorInfos(_ url: URL) throws -> [SafetensorsTensorInfo] {
        guard FileManager.default.fileExists(atPath: url.path) else { throw CheckpointError(file: url.path, reason: "missing") }
        do { return try SafetensorsFile(url: url).tensorInfos } catch {
            throw CheckpointError(file: url.path, reason: "\(error)")
        }
    }

    /// Reads one tensor as float32, rejecting NaN and ±Inf.
    public static func readTensor(_ url: URL, _ info: SafetensorsTensorInfo) throws -> Tensor {
        let t = Tensor(zeros: info.shape)
        do { try SafetensorsFile(url: url).withFloats(info.name, into: t.data, count: t.count) } catch {
            throw CheckpointError(file: url.path, field: info.name, reason: "\(error)")
        }
        let p = t.data
        for i in 0..<t.count where !p[i].isFinite {
            throw CheckpointError(file: url.path, field: info.name, reason: "element \(i) is \(p[i])")
        }
        return t
    }

    /// Compares the config in `folder`'s config.json with the model it is used with (all but
    /// `torch_dtype`: how the weights were stored, not what they are).
    public static func sameConfig(_ model: DecoderModel, folder: URL) throws {
        let url = folder.appendingPathComponent("config.json")
        var saved: ModelConfig
        do { saved = try ModelConfig.load(from: folder) } catch { throw CheckpointError(file: url.path, reason: "\(error)") }
        saved.torchDtype = model.config.torchDtype
        guard saved != model.config else { return }
        let mirror = Mirror(reflecting: saved), other = Mirror(reflecting: model.config)
        for (a, b) in zip(mirror.children, other.children) where "\(a.value)" != "\(b.value)" {
            throw CheckpointError(file: url.path, field: a.label ?? "?", reason: "\(a.value) in the checkpoint, \(b.value) in the model")
        }
        throw CheckpointError(file: url.path, reason: "the config does not match the model")
    }
}
