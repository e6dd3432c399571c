// Where `grade --out` writes: a trailing `/` (or an existing folder) means "a file in this
// folder"; a path that is the input file, directly or through a symbolic or hard link, is
// refused so the cases are never overwritten by the predictions.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GradeBatch {
    /// The file `run` writes for `output` (see `OutputPath.resolve`), e.g. to report it.
    public static func outputFile(for output: URL, input: URL) throws -> URL { try OutputPath.resolve(output, input: input) }
}

enum OutputPath {
    /// The file to write for `--out output` given `--in input`.
    /// - Throws: `GradeBatchError.outputIsInput` or `.cannotWrite` (folder cannot be made).
    static func resolve(_ output: URL, input: URL) throws -> URL {
        var out = output
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory)
        if output.hasDirectoryPath || (exists && isDirectory.boolValue) {
            do { try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true) } catch {
                throw GradeBatchError.cannotWrite(path: output.path, reason: error.localizedDescription)
            }
            let stem = input.deletingPathExtension().lastPathComponent
            out = output.appendingPathComponent((stem.isEmpty ? "cases" : stem) + ".pred.jsonl")
        }
        if sameFile(out, input) { throw GradeBatchError.outputIsInput(path: out.path) }
        return out
    }

    /// Whether two paths name the same file (same device and inode, or same resolved path).
    static func sameFile(_ a: URL, _ b: URL) -> Bool {
        if a.resolvingSymlinksInPath().standardizedFileURL.path == b.resolvingSymlinksInPath().standardizedFileURL.path { return true }
        var sa = stat(), sb = stat()
        guard stat(a.path, &sa) == 0, stat(b.path, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
