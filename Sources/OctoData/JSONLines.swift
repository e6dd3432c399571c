// Reading jsonl files line by line: each non-blank line must be one JSON object. Bad lines
// become `DataError`s with file:line, and the policy decides whether they stop the read.
import Foundation

/// The fields of one parsed jsonl line, with typed accessors that throw errors naming
/// file, line and field.
public struct JSONLine {
    /// The file path as given.
    public let file: String
    /// 1-based line number.
    public let line: Int
    /// The parsed object.
    public let object: [String: Any]

    /// Whether `key` is present and not JSON null.
    public func has(_ key: String) -> Bool {
        guard let v = object[key] else { return false }
        return !(v is NSNull)
    }

    /// A required string field.
    public func string(_ key: String) throws -> String {
        guard let v = object[key], !(v is NSNull) else { throw DataError.missingField(file: file, line: line, field: key) }
        guard let s = v as? String else { throw DataError.wrongType(file: file, line: line, field: key, expected: "a string") }
        return s
    }

    /// A required field that may be a string or a number; numbers are written without a
    /// trailing `.0` when they are integral.
    public func scalarText(_ key: String) throws -> String {
        guard let v = object[key], !(v is NSNull) else { throw DataError.missingField(file: file, line: line, field: key) }
        if let s = v as? String { return s }
        if let n = v as? NSNumber, !JSONLine.isBool(n) { return JSONLine.render(number: n) }
        throw DataError.wrongType(file: file, line: line, field: key, expected: "a string or a number")
    }

    /// A required field that is a list of strings or numbers, or a single string.
    public func textList(_ key: String) throws -> [String] {
        guard let v = object[key], !(v is NSNull) else { throw DataError.missingField(file: file, line: line, field: key) }
        if let s = v as? String { return [s] }
        guard let list = v as? [Any] else {
            throw DataError.wrongType(file: file, line: line, field: key, expected: "a list of strings")
        }
        return try list.map { item in
            if let s = item as? String { return s }
            if let n = item as? NSNumber, !JSONLine.isBool(n) { return JSONLine.render(number: n) }
            throw DataError.wrongType(file: file, line: line, field: key, expected: "a list of strings")
        }
    }

    /// An optional string or number field (nil when absent or of another type).
    public func optionalText(_ key: String) -> String? {
        guard let v = object[key] else { return nil }
        if let s = v as? String { return s }
        if let n = v as? NSNumber, !JSONLine.isBool(n) { return JSONLine.render(number: n) }
        return nil
    }

    static func isBool(_ n: NSNumber) -> Bool {
        #if canImport(Darwin)
        return CFGetTypeID(n) == CFBooleanGetTypeID()
        #else
        return String(cString: n.objCType) == "c"
        #endif
    }

    static func render(number n: NSNumber) -> String {
        let d = n.doubleValue
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}

/// Splits a jsonl file into lines and parses each one.
public enum JSONLines {
    /// Reads `url` and calls `body` with each non-blank line parsed as a JSON object.
    ///
    /// - Parameters:
    ///   - policy: `.skip` records bad lines (invalid JSON, and any `DataError` thrown by
    ///     `body`) in `report`; `.fail` rethrows the first one.
    /// - Throws: `DataError.fileNotFound`/`.unreadable`, or the first bad line under `.fail`.
    public static func read(_ url: URL, policy: BadLinePolicy, report: inout LoadReport,
                            _ body: (JSONLine) throws -> Void) throws {
        let data = try readData(url)
        let file = url.path
        var lineNumber = 0
        var start = data.startIndex
        let end = data.endIndex
        while start < end {
            lineNumber += 1
            var stop = start
            while stop < end && data[stop] != 0x0A { stop += 1 }
            var lineEnd = stop
            if lineEnd > start && data[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let slice = data[start..<lineEnd]
            start = stop < end ? stop + 1 : end
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            report.linesRead += 1
            do {
                let parsed: Any
                do {
                    parsed = try JSONSerialization.jsonObject(with: Data(slice), options: [])
                } catch {
                    throw DataError.invalidJSON(file: file, line: lineNumber, reason: shortReason(error))
                }
                guard let object = parsed as? [String: Any] else {
                    throw DataError.invalidJSON(file: file, line: lineNumber, reason: "expected a JSON object")
                }
                try body(JSONLine(file: file, line: lineNumber, object: object))
                report.accepted += 1
            } catch let error as DataError {
                guard policy == .skip, let issue = error.issue else { throw error }
                report.issues.append(issue)
            }
        }
    }

    /// The bytes of a file, with a typed error when it is missing or unreadable.
    static func readData(_ url: URL) throws -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataError.fileNotFound(path: url.path) }
        do { return try Data(contentsOf: url) } catch {
            throw DataError.unreadable(path: url.path, reason: shortReason(error))
        }
    }

    static func shortReason(_ error: Error) -> String {
        let ns = error as NSError
        if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return d }
        return ns.localizedDescription
    }
}
