// Indexing and slicing with Python's rules: negative indices count from the end, slices
// clamp, a step may be negative. Lists, strings, ranges and dicts; natives via `index`.

extension Interpreter {
    /// `base[index]`.
    public func getIndex(_ base: Value, _ index: Value, at location: SourceLocation) throws -> Value {
        switch base {
        case .list(let l):
            return l.items[try position(index, count: l.items.count, of: "list", at: location)]
        case .string(let s):
            let chars = Array(s)
            return .string(String(chars[try position(index, count: chars.count, of: "str", at: location)]))
        case .range(let r):
            let i = try position(index, count: r.count, of: "range", at: location)
            return .int(r.start &+ i &* r.step)
        case .dict(let d):
            guard let key = DictKey(index) else { throw ScriptError(.type, "a \(index.typeName) cannot be a dict key", at: location) }
            if let v = d[key] { return v }
            let names = d.keys.compactMap { k -> String? in if case .string(let s) = k { return s }; return nil }
            var note: String? = nil
            if case .string(let s) = index { note = closestName(to: s, among: names).map { "did you mean \(quote($0))?" } }
            throw ScriptError(.key, "key \(index.repr) not in dict", at: location, note: note)
        case .native(let object):
            do {
                if let v = try object.index(index, interpreter: self) { return v }
            } catch let error as ScriptError { throw error.located(location) }
            throw ScriptError(.type, "\(object.typeName) cannot be indexed", at: location)
        default:
            throw ScriptError(.type, "\(base.typeName) cannot be indexed", at: location)
        }
    }

    /// `base[index] = value`.
    public func setIndex(_ base: Value, _ index: Value, _ value: Value, at location: SourceLocation) throws {
        switch base {
        case .list(let l):
            l.items[try position(index, count: l.items.count, of: "list", at: location)] = value
        case .dict(let d):
            guard let key = DictKey(index) else { throw ScriptError(.type, "a \(index.typeName) cannot be a dict key", at: location) }
            d[key] = value
        default:
            throw ScriptError(.type, "\(base.typeName) does not support item assignment", at: location)
        }
    }

    /// A checked position in 0..<count from an int index that may be negative.
    func position(_ index: Value, count: Int, of what: String, at location: SourceLocation) throws -> Int {
        let i: Int
        switch index {
        case .int(let v): i = v
        case .bool(let b): i = b ? 1 : 0
        default: throw ScriptError(.type, "\(what) indices must be int, got \(index.typeName)", at: location)
        }
        let p = i < 0 ? (i < -count ? -1 : i + count) : i
        guard p >= 0 && p < count else {
            throw ScriptError(.index, "\(what) index \(i) out of range (length \(count))", at: location)
        }
        return p
    }

    /// The positions `[lo:hi:step]` selects in a sequence of `count` items.
    func slicePositions(count: Int, _ lo: Int?, _ hi: Int?, _ step: Int?, at location: SourceLocation) throws -> [Int] {
        let step = step ?? 1
        if step == 0 { throw ScriptError(.value, "slice step cannot be zero", at: location) }
        func adjust(_ v: Int?, _ defaultValue: Int, low: Int, high: Int) -> Int {
            guard var v else { return defaultValue }
            if v < 0 { v = v < -count ? low : v + count }
            if v < low { v = low }
            if v > high { v = high }
            return v
        }
        var out: [Int] = []
        if step > 0 {
            let start = adjust(lo, 0, low: 0, high: count), stop = adjust(hi, count, low: 0, high: count)
            var i = start
            while i < stop { out.append(i); let (n, o) = i.addingReportingOverflow(step); if o { break }; i = n }
        } else {
            let start = adjust(lo, count - 1, low: -1, high: count - 1), stop = adjust(hi, -1, low: -1, high: count - 1)
            var i = start
            while i > stop { out.append(i); let (n, o) = i.addingReportingOverflow(step); if o { break }; i = n }
        }
        return out
    }

    /// `base[lo:hi:step]`.
    public func slice(_ base: Value, _ lo: Int?, _ hi: Int?, _ step: Int?, at location: SourceLocation) throws -> Value {
        switch base {
        case .list(let l):
            return .list(ScriptList(try slicePositions(count: l.items.count, lo, hi, step, at: location).map { l.items[$0] }))
        case .string(let s):
            let chars = Array(s)
            return .string(String(try slicePositions(count: chars.count, lo, hi, step, at: location).map { chars[$0] }))
        case .range(let r):
            try checkSize(r.count, at: location)
            let positions = try slicePositions(count: r.count, lo, hi, step, at: location)
            return .list(ScriptList(positions.map { .int(r.start &+ $0 &* r.step) }))
        case .native(let object):
            if let items = try object.elements(interpreter: self) {
                return .list(ScriptList(try slicePositions(count: items.count, lo, hi, step, at: location).map { items[$0] }))
            }
            throw ScriptError(.type, "\(object.typeName) cannot be sliced", at: location)
        default:
            throw ScriptError(.type, "\(base.typeName) cannot be sliced", at: location)
        }
    }
}
