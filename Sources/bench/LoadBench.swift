// load: loading a Qwen2.5-0.5B-shaped fp32 checkpoint (≈2 GB) from safetensors, against
// reading the same file once (page cache warm in both).
import Foundation
import OctoTensor
import OctoModel
import OctoBase

func benchLoad() throws {
    var rng = RNG(seed: 5)
    let spec = ModelConfig(family: .qwen2, vocabSize: 151_936, hiddenSize: 896, hiddenLayers: 24, attentionHeads: 14, kvHeads: 2,
                           intermediateSize: 4864, tieWordEmbeddings: true, maxPositionEmbeddings: 32768)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("octo-bench-qwen05")
    defer { try? FileManager.default.removeItem(at: dir) }
    do {
        let model = try DecoderModel(randomWith: spec, rng: &rng)
        try model.save(folder: dir)
    }
    let file = dir.appendingPathComponent("model.safetensors")
    let size = Double((try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? 0)
    let readSecs = bestTime(reps: 2) {
        guard let h = FileHandle(forReadingAtPath: file.path) else { return }
        defer { try? h.close() }
        let buf = UnsafeMutableRawPointer.allocate(byteCount: 1 << 24, alignment: 64)
        defer { buf.deallocate() }
        let fd = h.fileDescriptor
        while read(fd, buf, 1 << 24) > 0 {}
    }
    let loadSecs = try bestTime(reps: 2) { _ = try DecoderModel.load(folder: dir) }
    report("load", "qwen2.5-0.5B-shape fp32 from safetensors (\(String(format: "%.2f", size / 1e9)) GB)", value: loadSecs, unit: "s",
           ratio: readSecs / loadSecs, anchor: String(format: "reading the file once %.2f s", readSecs))
}
