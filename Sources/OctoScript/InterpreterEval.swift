// Expressions: names, literals, operators, f-strings, attributes, indexing and slicing.

extension Interpreter {
    func lookup(_ ref: NameRef, _ frame: Frame?) throws -> Value {
        switch ref.resolution {
        case .local(let slot):
            if let frame, let v = frame.slots[slot] { return v }
            throw ScriptError(.name, "local variable '\(ref.name)' is used before it is assigned", at: ref.location)
        case .enclosing(let depth, let slot):
            var f = frame
            for _ in 0..<depth { f = f?.parent }
            if let f, let v = f.slots[slot] { return v }
            throw ScriptError(.name, "variable '\(ref.name)' of the enclosing function is used before it is assigned", at: ref.location)
        case .global:
            var s = ref.globalSlot
            if s < 0 { s = slot(for: ref.name); ref.globalSlot = s }
            if let v = globalValues[s] { return v }
            if let b = builtinValues[s] { return b }
            throw nameError(ref, frame: frame)
        }
    }

    func eval(_ expr: Expr, _ frame: Frame?) throws -> Value {
        switch expr {
        case .literal(let v, _): return v
        case .name(let ref): return try lookup(ref, frame)
        case .binary(let op, let l, let r, let location):
            let a = try eval(l, frame)
            return try arithmetic(op, a, try eval(r, frame), at: location)
        case .chain(let first, let links, _):
            // Left to right in one loop: a run of any length costs no stack.
            var acc = try eval(first, frame)
            for link in links {
                switch link.kind {
                case .binary(let op): acc = try arithmetic(op, acc, try eval(link.operand, frame), at: link.location)
                case .and: if acc.isTruthy { acc = try eval(link.operand, frame) }
                case .or: if !acc.isTruthy { acc = try eval(link.operand, frame) }
                }
            }
            return acc
        case .compare(let ops, let operands, let locations):
            var left = try eval(operands[0], frame)
            for (i, op) in ops.enumerated() {
                let right = try eval(operands[i + 1], frame)
                if !(try compare(op, left, right, at: locations[i])) { return .bool(false) }
                left = right
            }
            return .bool(true)
        case .call(let callee, let args, let location):
            return try evalCall(callee, args, location, frame)
        case .index(let base, let index, let location):
            return try getIndex(try eval(base, frame), try eval(index, frame), at: location)
        case .attribute(let base, let name, let location):
            return try getAttribute(try eval(base, frame), name, at: location)
        case .and(let l, let r, _):
            let a = try eval(l, frame)
            return a.isTruthy ? try eval(r, frame) : a
        case .or(let l, let r, _):
            let a = try eval(l, frame)
            return a.isTruthy ? a : try eval(r, frame)
        case .not(let e, _): return .bool(!(try eval(e, frame).isTruthy))
        case .negate(let e, let location):
            switch try eval(e, frame) {
            case .int(let i):
                let (v, o) = (0).subtractingReportingOverflow(i)
                if o { throw ScriptError(.overflow, "integer overflow in negation", at: location) }
                return .int(v)
            case .float(let f): return .float(-f)
            case .bool(let b): return .int(b ? -1 : 0)
            case .native(let object):
                if let v = try object.binary(.sub, .int(0), reversed: true, interpreter: self) { return v }
                throw ScriptError(.type, "cannot negate \(object.typeName)", at: location)
            case let v: throw ScriptError(.type, "cannot negate \(v.typeName)", at: location)
            }
        case .plus(let e, let location):
            let v = try eval(e, frame)
            switch v {
            case .int, .float: return v
            default: throw ScriptError(.type, "unary '+' needs a number, got \(v.typeName)", at: location)
            }
        case .conditional(let then, let condition, let otherwise, _):
            return try eval(condition, frame).isTruthy ? try eval(then, frame) : try eval(otherwise, frame)
        case .list(let items, let location):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try eval(item, frame)) }
            _ = location
            return .list(ScriptList(values))
        case .dict(let pairs, _):
            let d = ScriptDict()
            for (k, v) in pairs {
                let key = try eval(k, frame)
                guard let dk = DictKey(key) else { throw ScriptError(.type, "a \(key.typeName) cannot be a dict key", at: k.location) }
                d[dk] = try eval(v, frame)
            }
            return .dict(d)
        case .fstring(let parts, _):
            var out = ""
            for part in parts {
                switch part {
                case .text(let t): out += t
                case .expr(let e, let spec):
                    let v = try eval(e, frame)
                    out += try spec.map { try applyFormatSpec($0, to: v, at: e.location) } ?? v.str
                }
            }
            return .string(out)
        case .slice(let base, let lo, let hi, let step, let location):
            let b = try eval(base, frame)
            func bound(_ e: Expr?) throws -> Int? {
                guard let e else { return nil }
                switch try eval(e, frame) {
                case .null: return nil
                case .int(let i): return i
                case .bool(let x): return x ? 1 : 0
                case let v: throw ScriptError(.type, "slice bounds must be int, got \(v.typeName)", at: e.location)
                }
            }
            return try slice(b, try bound(lo), try bound(hi), try bound(step), at: location)
        case .function(let decl):
            return try makeFunction(decl, frame)
        case .comprehension(let c):
            return try evalComprehension(c, frame)
        }
    }

    /// `[element for … if …]`: the first iterable in `frame`, the rest in a frame of its own.
    func evalComprehension(_ c: Comprehension, _ frame: Frame?) throws -> Value {
        guard case .forIn(_, let firstIterable)? = c.clauses.first else { return .list(ScriptList()) }
        let iterable = try eval(firstIterable, frame)
        let inner = Frame(size: c.frameSize, parent: frame, names: c.localNames)
        var out: [Value] = []
        func run(_ clause: Int, _ items: Value?) throws {
            guard clause < c.clauses.count else {
                try checkSize(out.count + 1, at: c.location)
                out.append(try eval(c.element, inner))
                return
            }
            switch c.clauses[clause] {
            case .condition(let condition):
                if try eval(condition, inner).isTruthy { try run(clause + 1, nil) }
            case .forIn(let target, let iterableExpr):
                let values = try items ?? eval(iterableExpr, inner)
                _ = try forEach(values, at: iterableExpr.location) { item in
                    try tick(c.location)
                    try assign(target, item, inner)
                    try run(clause + 1, nil)
                    return .normal
                }
            }
        }
        try run(0, iterable)
        return .list(ScriptList(out))
    }

    /// `a op b` with the int `+`/`-` fast path.
    @inline(__always)
    func arithmetic(_ op: BinaryOp, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Value {
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case .add: let (v, o) = x.addingReportingOverflow(y); if !o { return .int(v) }
            case .sub: let (v, o) = x.subtractingReportingOverflow(y); if !o { return .int(v) }
            default: break
            }
        }
        return try binary(op, a, b, at: location)
    }

    /// `value.name`: native attributes and methods, or a method of a builtin type.
    public func getAttribute(_ value: Value, _ name: String, at location: SourceLocation) throws -> Value {
        if case .native(let object) = value {
            do {
                if let v = try object.attribute(name, interpreter: self) { return v }
            } catch let error as ScriptError { throw error.located(location) }
            throw ScriptError(.attribute, "\(object.typeName) has no attribute '\(name)'", at: location,
                              note: closestName(to: name, among: object.memberNames).map { "did you mean '\($0)'?" })
        }
        if let method = BuiltinMethods.bound(value, name) { return .native(method) }
        throw ScriptError(.attribute, "\(value.typeName) has no attribute '\(name)'", at: location,
                          note: closestName(to: name, among: BuiltinMethods.names(for: value)).map { "did you mean '\($0)'?" })
    }
}
