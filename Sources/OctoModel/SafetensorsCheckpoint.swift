// The weights of a Hugging Face model folder: either one `model.safetensors` or shards listed
// by `model.safetensors.index.json` ({"metadata": {...}, "weight_map": {tensor: shard file}}),
// as transformers' `save_pretrained` writes them. Each shard is memory-mapped once.
import Foundation

/// All tensors of an HF folder's weights, single file or sharded, behind one read API.
public final class SafetensorsCheckpoint: SafetensorsReading, @unchecked Sendable {
    /// The folder the checkpoint was opened from.
    public let folder: URL
    /// The opened files, in shard-name order (one file when not sharded).
    public let files: [SafetensorsFile]
    /// The index's `metadata` (e.g. `total_size`) as strings; the single file's
    /// `__metadata__` when not sharded.
    public let metadata: [String: String]

    /// Tensor name → position in `files`.
    private let location: [String: Int]
    /// Sorted tensor names.
    public let names: [String]

    // MARK: - Init

    /// Opens the weights of `folder`: `model.safetensors.index.json` if present (every shard it
    /// names is mapped and checked to hold its tensors), else `model.safetensors`.
    /// - Throws: `ModelFileError.noWeights`, `.missingShard` naming the shard and a tensor,
    ///   `.invalidField` for a malformed index, and any error of `SafetensorsFile`.
    public init(folder: URL) throws {
        self.folder = folder
        let hf = HFFolder(folder)
        switch try hf.weightsLayout() {
        case let .single(url):
            let file = try SafetensorsFile(url: url)
            files = [file]
            metadata = file.metadata
            names = file.names
            location = Dictionary(uniqueKeysWithValues: file.names.map { ($0, 0) })
        case let .sharded(indexURL):
            let (weightMap, indexMetadata) = try SafetensorsCheckpoint.readIndex(indexURL)
            let shardNames = Set(weightMap.values).sorted()
            var opened: [SafetensorsFile] = []
            var position: [String: Int] = [:]
            for shard in shardNames {
                let url = folder.appendingPathComponent(shard)
                let firstTensor = weightMap.filter { $0.value == shard }.keys.sorted().first ?? "?"
                guard FileManager.default.fileExists(atPath: url.path) else {
                    throw ModelFileError.missingShard(file: indexURL.path, shard: shard, tensor: firstTensor)
                }
                position[shard] = opened.count
                opened.append(try SafetensorsFile(url: url))
            }
            var location: [String: Int] = [:]
            for (tensor, shard) in weightMap {
                guard let i = position[shard], opened[i].contains(tensor) else {
                    throw ModelFileError.missingShard(file: indexURL.path, shard: shard, tensor: tensor)
                }
                location[tensor] = i
            }
            files = opened
            metadata = indexMetadata
            self.location = location
            names = weightMap.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
    }

    // MARK: - Reading

    /// The dtype, shape and offsets (within its shard) of tensor `name`.
    /// - Throws: `ModelFileError.tensorNotFound` naming the folder.
    public func info(_ name: String) throws -> SafetensorsTensorInfo {
        try file(holding: name).info(name)
    }

    /// Converts tensor `name` to float32 into `destination` (exactly `count` elements).
    /// - Throws: `ModelFileError.tensorNotFound` or `.countMismatch`.
    public func withFloats(_ name: String, into destination: UnsafeMutablePointer<Float>, count: Int) throws {
        try file(holding: name).withFloats(name, into: destination, count: count)
    }

    /// The file (shard) that holds tensor `name`.
    /// - Throws: `ModelFileError.tensorNotFound` naming the folder.
    public func file(holding name: String) throws -> SafetensorsFile {
        guard let i = location[name], files.indices.contains(i) else {
            throw ModelFileError.tensorNotFound(file: folder.path, tensor: name)
        }
        return files[i]
    }

    // MARK: - Helpers

    /// Reads `weight_map` and `metadata` of an index file.
    static func readIndex(_ url: URL) throws -> (weightMap: [String: String], metadata: [String: String]) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ModelFileError.ioFailed(file: url.path, operation: "read", reason: error.localizedDescription)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ModelFileError.badConfig(file: url.path, reason: "not a JSON object")
        }
        guard let rawMap = object["weight_map"] as? [String: Any] else {
            throw ModelFileError.missingField(file: url.path, field: "weight_map")
        }
        var weightMap: [String: String] = [:]
        for (tensor, value) in rawMap {
            guard let shard = value as? String, !shard.isEmpty, !shard.contains("/") else {
                throw ModelFileError.invalidField(file: url.path, field: "weight_map.\(tensor)",
                                                  reason: "must be a file name in the same folder")
            }
            weightMap[tensor] = shard
        }
        var metadata: [String: String] = [:]
        for (key, value) in object["metadata"] as? [String: Any] ?? [:] {
            metadata[key] = (value as? String) ?? "\(value)"
        }
        return (weightMap, metadata)
    }
}
