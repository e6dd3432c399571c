// Arithmetic and comparison. Ints are 64-bit and overflow is an error; `/` gives a float,
// `//` and `%` floor (Python's rules); `+` joins strings and lists, `*` repeats them.
import Foundation

extension Interpreter {
    /// `a op b`.
    /// - Throws: `ScriptError` for unsupported operand types, division by zero or overflow.
    public func binary(_ op: BinaryOp, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return try intOp(op, x, y, at: location)
        case (.bool, _), (_, .bool):
            if let x = asNumber(a), let y = asNumber(b) {
                if case .int(let i) = x, case .int(let j) = y { return try intOp(op, i, j, at: location) }
                return try floatOp(op, double(x), double(y), at: location)
            }
        case (.int(let x), .float(let y)): return try floatOp(op, Double(x), y, at: location)
        case (.float(let x), .int(let y)): return try floatOp(op, x, Double(y), at: location)
        case (.float(let x), .float(let y)): return try floatOp(op, x, y, at: location)
        case (.string(let x), .string(let y)) where op == .add:
            try checkSize(x.utf8.count + y.utf8.count, at: location)
            return .string(x + y)
        case (.list(let x), .list(let y)) where op == .add:
            try checkSize(x.items.count + y.items.count, at: location)
            return .list(ScriptList(x.items + y.items))
        case (.string(let s), .int(let n)) where op == .mul, (.int(let n), .string(let s)) where op == .mul:
            let (size, o) = s.utf8.count.multipliedReportingOverflow(by: max(0, n))
            try checkSize(o ? -1 : size, at: location)
            if s.isEmpty || n <= 0 { return .string("") }   // `"" * 10**18` must not loop
            return .string(String(repeating: s, count: n))
        case (.list(let l), .int(let n)) where op == .mul, (.int(let n), .list(let l)) where op == .mul:
            let (size, o) = l.items.count.multipliedReportingOverflow(by: max(0, n))
            try checkSize(o ? -1 : size, at: location)
            if l.items.isEmpty || n <= 0 { return .list(ScriptList()) }
            var out: [Value] = []
            out.reserveCapacity(size)
            for _ in 0..<max(0, n) { out.append(contentsOf: l.items) }
            return .list(ScriptList(out))
        default: break
        }
        // Host objects with arithmetic (tensors), on either side.
        do {
            if case .native(let object) = a, let v = try object.binary(op, b, reversed: false, interpreter: self) { return v }
            if case .native(let object) = b, let v = try object.binary(op, a, reversed: true, interpreter: self) { return v }
        } catch let error as ScriptError { throw error.located(location) }
        throw ScriptError(.type, "unsupported operand types for \(op.rawValue): \(a.typeName) and \(b.typeName)", at: location)
    }

    private func asNumber(_ v: Value) -> Value? {
        switch v {
        case .int, .float: return v
        case .bool(let b): return .int(b ? 1 : 0)
        default: return nil
        }
    }

    private func double(_ v: Value) -> Double {
        switch v { case .int(let i): return Double(i); case .float(let f): return f; default: return 0 }
    }

    private func intOp(_ op: BinaryOp, _ x: Int, _ y: Int, at location: SourceLocation) throws -> Value {
        func overflow() -> ScriptError { ScriptError(.overflow, "integer overflow in \(x) \(op.rawValue) \(y)", at: location) }
        switch op {
        case .add: let (v, o) = x.addingReportingOverflow(y); if o { throw overflow() }; return .int(v)
        case .sub: let (v, o) = x.subtractingReportingOverflow(y); if o { throw overflow() }; return .int(v)
        case .mul: let (v, o) = x.multipliedReportingOverflow(by: y); if o { throw overflow() }; return .int(v)
        case .div:
            if y == 0 { throw ScriptError(.zeroDivision, "division by zero", at: location) }
            return .float(Double(x) / Double(y))
        case .floorDiv, .mod:
            if y == 0 { throw ScriptError(.zeroDivision, op == .mod ? "modulo by zero" : "division by zero", at: location) }
            let (q, o) = x.dividedReportingOverflow(by: y)
            if o { throw overflow() }
            let (r, _) = x.remainderReportingOverflow(dividingBy: y)
            let floorQ = (r != 0 && ((r < 0) != (y < 0))) ? q - 1 : q
            let floorR = (r != 0 && ((r < 0) != (y < 0))) ? r + y : r
            return .int(op == .floorDiv ? floorQ : floorR)
        case .pow:
            if y < 0 { return .float(Foundation.pow(Double(x), Double(y))) }
            var result = 1, base = x, e = y
            while e > 0 {
                if e & 1 == 1 { let (v, o) = result.multipliedReportingOverflow(by: base); if o { throw overflow() }; result = v }
                e >>= 1
                if e > 0 { let (v, o) = base.multipliedReportingOverflow(by: base); if o { throw overflow() }; base = v }
            }
            return .int(result)
        }
    }

    private func floatOp(_ op: BinaryOp, _ x: Double, _ y: Double, at location: SourceLocation) throws -> Value {
        switch op {
        case .add: return .float(x + y)
        case .sub: return .float(x - y)
        case .mul: return .float(x * y)
        case .div:
            if y == 0 { throw ScriptError(.zeroDivision, "division by zero", at: location) }
            return .float(x / y)
        case .floorDiv:
            if y == 0 { throw ScriptError(.zeroDivision, "division by zero", at: location) }
            return .float((x / y).rounded(.down))
        case .mod:
            if y == 0 { throw ScriptError(.zeroDivision, "modulo by zero", at: location) }
            let r = x.truncatingRemainder(dividingBy: y)
            return .float(r != 0 && ((r < 0) != (y < 0)) ? r + y : r)
        case .pow:
            if x == 0 && y < 0 { throw ScriptError(.zeroDivision, "0.0 cannot be raised to a negative power", at: location) }
            return .float(Foundation.pow(x, y))
        }
    }

    /// `a op b` for comparisons and membership.
    public func compare(_ op: CompareOp, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Bool {
        switch op {
        case .eq: return try a.scriptEqualsChecked(b, at: location)
        case .ne: return !(try a.scriptEqualsChecked(b, at: location))
        case .in: return try contains(b, a, at: location)
        case .notIn: return !(try contains(b, a, at: location))
        case .lt, .le, .gt, .ge:
            let (x, y) = (op == .lt || op == .le) ? (a, b) : (b, a)
            var tooDeep = false
            let lessOrNil = x.less(y, depth: 0, tooDeep: &tooDeep)
            if tooDeep { throw Value.tooDeepError(location) }
            guard let less = lessOrNil else {
                throw ScriptError(.type, "cannot compare \(a.typeName) \(op.rawValue) \(b.typeName)", at: location)
            }
            if op == .lt || op == .gt { return less }
            return try less || x.scriptEqualsChecked(y, at: location)
        }
    }

    /// `item in container`.
    public func contains(_ container: Value, _ item: Value, at location: SourceLocation?) throws -> Bool {
        switch container {
        case .list(let l): return try l.items.contains { try $0.scriptEqualsChecked(item, at: location) }
        case .dict(let d): return DictKey(item).map { d[$0] != nil } ?? false
        case .string(let s):
            guard case .string(let sub) = item else { throw ScriptError(.type, "'in <str>' needs a string on the left, got \(item.typeName)", at: location) }
            return sub.isEmpty || s.contains(sub)
        case .range(let r):
            guard case .int(let i) = item else { return false }
            if r.step > 0 { return i >= r.start && i < r.stop && (i.subtractingReportingOverflow(r.start).partialValue) % r.step == 0 }
            return i <= r.start && i > r.stop && r.start.subtractingReportingOverflow(i).partialValue % r.step == 0
        case .native(let object):
            if let items = try object.elements(interpreter: self) { return try items.contains { try $0.scriptEqualsChecked(item, at: location) } }
        default: break
        }
        throw ScriptError(.type, "'in' needs a list, dict, str or range on the right, got \(container.typeName)", at: location)
    }
}
