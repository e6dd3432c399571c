// Shared helpers for engine bindings: converting values, turning engine errors into located
// script errors, seeded engine RNGs from the session generator, and progress bars.
import Foundation
import OctoTensor
import OctoTerm
import OctoBase

/// Runs engine code, turning any engine error into a ScriptError the REPL can show.
func bridge<T>(_ what: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as ScriptError { throw e } catch {
        if let message = fileErrorMessage(error) { throw ScriptError(.io, "\(what): \(message)") }
        throw ScriptError(.value, "\(what): \(error)")
    }
}

/// A Foundation file error (NSCocoaErrorDomain) in the project's words, with its path:
/// "cannot read /missing: no such file or folder"; nil for other errors.
func fileErrorMessage(_ error: Error) -> String? {
    let e = error as NSError
    guard e.domain == NSCocoaErrorDomain || e.domain == NSPOSIXErrorDomain else { return nil }
    let path = (e.userInfo[NSFilePathErrorKey] as? String) ?? (e.userInfo[NSURLErrorKey] as? URL)?.path
    let reading = (NSFileReadUnknownError...NSFileReadUnsupportedSchemeError).contains(e.code) || e.code == NSFileNoSuchFileError
    let reason: String
    switch e.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: reason = "no such file or folder"
    case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: reason = "permission denied"
    case NSFileWriteOutOfSpaceError: reason = "no space left on the disk"
    case NSFileWriteVolumeReadOnlyError: reason = "the disk is read-only"
    case NSFileReadCorruptFileError: reason = "the file is damaged or not in the expected format"
    default: reason = (e.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? "file error \(e.code)"
    }
    return path.map { "cannot \(reading ? "read" : "write") \($0): \(reason)" } ?? reason
}

/// An engine RNG drawn from the session generator (so `seed(n)` makes replays identical).
func engineRNG(_ interp: Interpreter) -> RNG { RNG(seed: interp.random.next()) }

extension Value {
    static func ints(_ xs: [Int]) -> Value { .makeList(xs.map { .int($0) }) }
    static func floats<F: BinaryFloatingPoint>(_ xs: [F]) -> Value { .makeList(xs.map { .float(Double($0)) }) }
    static func strings(_ xs: [String]) -> Value { .makeList(xs.map { .string($0) }) }

    /// A dict value from ordered (key, value) pairs.
    static func record(_ pairs: [(String, Value)]) -> Value {
        let d = ScriptDict()
        for (k, v) in pairs { d[.string(k)] = v }
        return .dict(d)
    }

    /// The list items, or nil.
    var listItems: [Value]? { if case .list(let l) = self { return l.items }; return nil }

    /// A list of ints, or nil when any element is not an int.
    var intList: [Int]? {
        guard let items = listItems else { return nil }
        var out: [Int] = []
        for v in items { guard let i = v.intValue else { return nil }; out.append(i) }
        return out
    }
}

/// Formats a number the way outputs are compared in session replays (stable, short).
func fmt(_ x: Double, _ digits: Int = 4) -> String {
    if x.isNaN { return "nan" }
    return String(format: "%.\(digits)g", x)
}
