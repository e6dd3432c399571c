// `manifest.json` of a checkpoint folder: every file's size and 64-bit FNV-1a hash, written
// last (after all other files) and checked before anything is loaded, so a truncated file or
// a flipped byte anywhere is reported with the file's name instead of training on from it.
import Foundation
import OctoData
import OctoBase
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sizes and hashes of a checkpoint's files (paths relative to the folder, `/`-separated).
public struct CheckpointManifest: Codable, Equatable, Sendable {
    public struct Entry: Codable, Equatable, Sendable {
        public var bytes: Int
        /// FNV-1a 64 of the bytes, 16 lowercase hex digits.
        public var fnv1a64: String
    }

    public static let fileName = "manifest.json"
    public static let currentFormat = "octorepl-manifest/1"

    public var format = CheckpointManifest.currentFormat
    public var files: [String: Entry] = [:]

    /// Hashes every file under `dir` (except the manifest) and writes `manifest.json` there.
    /// - Throws: `CheckpointError` when a file cannot be read or the manifest written.
    public static func write(in dir: URL) throws {
        var manifest = CheckpointManifest()
        for rel in try listFiles(dir) where rel != fileName {
            manifest.files[rel] = try entry(for: dir.appendingPathComponent(rel))
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = dir.appendingPathComponent(fileName)
        do { try enc.encode(manifest).write(to: url) } catch {
            throw CheckpointError(file: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Reads `manifest.json` of `dir`.
    /// - Throws: `CheckpointError` naming the manifest (missing, unreadable, wrong format).
    public static func read(_ dir: URL) throws -> CheckpointManifest {
        let url = dir.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else {
            throw CheckpointError(file: url.path, reason: "missing or unreadable: not a checkpoint folder, or one saved "
                                  + "before octorepl verified checkpoints, whose files cannot be checked and so are not "
                                  + "loaded (run the phase again with this version to get a verified checkpoint)")
        }
        let manifest: CheckpointManifest
        do { manifest = try JSONDecoder().decode(CheckpointManifest.self, from: data) } catch {
            throw CheckpointError(file: url.path, reason: "not a valid manifest: \(error)")
        }
        guard manifest.format == currentFormat else {
            throw CheckpointError(file: url.path, field: "format",
                                  reason: "\"\(manifest.format)\" is not supported (expected \"\(currentFormat)\")")
        }
        return manifest
    }

    /// Checks the files of `dir` listed in its manifest whose paths pass `include` (all by
    /// default): each must exist with the recorded size and hash.
    /// - Throws: `CheckpointError` naming the first file that differs.
    public static func verify(_ dir: URL, include: (String) -> Bool = { _ in true }) throws {
        let manifest = try read(dir)
        for (rel, expected) in manifest.files.sorted(by: { $0.key < $1.key }) where include(rel) {
            guard !rel.hasPrefix("/"), !rel.split(separator: "/").contains("..") else {
                throw CheckpointError(file: dir.appendingPathComponent(fileName).path, field: "files",
                                      reason: "path \(rel) leaves the folder")
            }
            let url = dir.appendingPathComponent(rel)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CheckpointError(file: url.path, reason: "listed in manifest.json but missing")
            }
            let actual = try entry(for: url)
            guard actual.bytes == expected.bytes else {
                throw CheckpointError(file: url.path, reason: "has \(actual.bytes) bytes, manifest.json says \(expected.bytes) (truncated or changed)")
            }
            guard actual.fnv1a64 == expected.fnv1a64 else {
                throw CheckpointError(file: url.path, reason: "checksum \(actual.fnv1a64) does not match manifest.json (\(expected.fnv1a64)): the file is corrupted or was edited")
            }
        }
    }

    // MARK: - Helpers

    /// Size and hash of one file, read in 1 MiB chunks.
    static func entry(for url: URL) throws -> Entry {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw CheckpointError(file: url.path, reason: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var hash = FNV1a.offsetBasis
        var total = 0
        while true {
            let n = readBytes(fd, buffer.baseAddress, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                throw CheckpointError(file: url.path, reason: "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            hash = FNV1a.hash64(buffer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]), seed: hash)
            total += n
        }
        return Entry(bytes: total, fnv1a64: hex(hash))
    }

    private static func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, buffer, count)
        #else
        return Darwin.read(fd, buffer, count)
        #endif
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// Regular files under `dir`, relative paths, sorted.
    static func listFiles(_ dir: URL) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else {
            throw CheckpointError(file: dir.path, reason: "cannot list the folder")
        }
        var out: [String] = []
        while let rel = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(rel).path, isDirectory: &isDirectory),
               !isDirectory.boolValue { out.append(rel) }
        }
        return out.sorted()
    }
}
