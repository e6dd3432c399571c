// Replacing a folder at a path with no moment where the path is empty, and recovering from a
// process killed half-way. The new folder is written as a hidden sibling
// (`.NAME.tmp-PID-…`), its files and itself fsync'ed, then swapped with the old one in one
// `renameat2(RENAME_EXCHANGE)`; the old folder (now at the temporary name) is removed last.
// Where the exchange is not supported (old kernels, some file systems, macOS) the old folder
// is renamed aside (`.NAME.old-PID-…`) first; `recover` puts it back if a kill came between
// the two renames. Leftover temporaries of dead processes are removed by `recover`.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Atomic folder replacement and crash recovery (see the file comment).
public enum AtomicFolder {
    /// What `recover` did.
    public struct Recovery: Equatable, Sendable {
        /// The folder put back at the path (a `.old-*` folder left by a kill between renames).
        public var restored: String?
        /// Leftover temporary or old folders removed.
        public var removed: [String] = []
    }

    /// Swaps `temp` into `final`. Afterwards `final` holds what `temp` held; the old contents
    /// are deleted. A reader (or a process killed at any instant) sees the old or the new
    /// folder complete at `final`.
    /// - Throws: `ModelFileError.ioFailed` (then `final` is as before and `temp` still exists).
    public static func replace(temp: URL, final: URL) throws {
        syncTree(temp)
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: final.path, isDirectory: &isDirectory)
        if !exists {
            try renameOrThrow(temp, final)
            syncFolder(final.deletingLastPathComponent())
            return
        }
        guard isDirectory.boolValue else {
            throw ModelFileError.ioFailed(file: final.path, operation: "replace folder",
                                          reason: "a file (not a folder) is in the way")
        }
        if exchange(temp, final) {
            syncFolder(final.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: temp)  // now the old folder
            return
        }
        let aside = final.deletingLastPathComponent()
            .appendingPathComponent(".\(final.lastPathComponent).old-\(getpid())-\(HFFolder.uniqueSuffix())")
        try renameOrThrow(final, aside)
        do {
            try renameOrThrow(temp, final)
        } catch {
            _ = rename(aside.path, final.path)
            throw error
        }
        syncFolder(final.deletingLastPathComponent())
        try? FileManager.default.removeItem(at: aside)
    }

    /// Repairs what a killed writer of `final` left: when `final` is missing and a complete
    /// old folder was renamed aside, it is put back; temporaries and old folders of processes
    /// that are no longer running are removed. Safe to call at any time.
    @discardableResult
    public static func recover(_ final: URL) -> Recovery {
        var result = Recovery()
        let parent = final.deletingLastPathComponent()
        let name = final.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return result }
        let tmpPrefix = ".\(name).tmp-", oldPrefix = ".\(name).old-"
        var olds = entries.filter { $0.hasPrefix(oldPrefix) }.sorted()
        if !FileManager.default.fileExists(atPath: final.path), let newest = olds.last {
            if rename(parent.appendingPathComponent(newest).path, final.path) == 0 {
                result.restored = newest
                olds.removeLast()
            }
        }
        for entry in entries where entry.hasPrefix(tmpPrefix) || olds.contains(entry) {
            let rest = entry.dropFirst(entry.hasPrefix(tmpPrefix) ? tmpPrefix.count : oldPrefix.count)
            guard let pid = Int32(rest.prefix { $0 != "-" }), !isRunning(pid) else { continue }
            if (try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))) != nil {
                result.removed.append(entry)
            }
        }
        return result
    }

    // MARK: - Helpers

    /// Whether process `pid` exists (this process counts as running only for its own writes
    /// in flight, which `recover` must not touch).
    static func isRunning(_ pid: Int32) -> Bool {
        if pid <= 0 { return false }
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno != ESRCH
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2(a, b, RENAME_EXCHANGE)`, looked up at run time (absent off Linux/glibc).
    /// Returns false when the exchange is not available or fails (nothing was changed).
    static func exchange(_ a: URL, _ b: URL) -> Bool {
        #if os(Linux)
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let atFDCWD: Int32 = -100, renameExchange: UInt32 = 2
        return renameat2(atFDCWD, a.path, atFDCWD, b.path, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// fsyncs every file and folder under `root` (and `root`), so a power cut after the swap
    /// cannot leave a folder of empty files.
    static func syncTree(_ root: URL) {
        if let walker = FileManager.default.enumerator(atPath: root.path) {
            while let rel = walker.nextObject() as? String { syncPath(root.appendingPathComponent(rel).path) }
        }
        syncPath(root.path)
    }

    static func syncFolder(_ url: URL) { syncPath(url.path) }

    private static func syncPath(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func renameOrThrow(_ from: URL, _ to: URL) throws {
        guard rename(from.path, to.path) == 0 else {
            throw ModelFileError.ioFailed(file: to.path, operation: "rename from \(from.lastPathComponent)",
                                          reason: String(cString: strerror(errno)))
        }
    }
}
