// Statements: assignment, if/elif/else, while, for, fn, return, break, continue.

/// How a statement finished.
enum Flow {
    case normal, breakLoop, continueLoop
    case returned(Value)
}

extension Interpreter {
    func execBlock(_ body: [Stmt], _ frame: Frame?) throws -> Flow {
        for statement in body {
            let flow = try exec(statement, frame)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func exec(_ statement: Stmt, _ frame: Frame?) throws -> Flow {
        switch statement {
        case .expr(let e):
            try tick(e.location)
            _ = try eval(e, frame)
            return .normal
        case .assign(let target, let valueExpr, let location):
            try tick(location)
            let value = try eval(valueExpr, frame)
            try assign(target, value, frame)
            return .normal
        case .augAssign(let target, let op, let valueExpr, let location):
            try tick(location)
            try augmentedAssign(target, op, valueExpr, location, frame)
            return .normal
        case .ifChain(let branches, let elseBody, let location):
            try tick(location)
            for (condition, body) in branches {
                if try eval(condition, frame).isTruthy { return try execBlock(body, frame) }
            }
            if let elseBody { return try execBlock(elseBody, frame) }
            return .normal
        case .whileLoop(let condition, let body, let location):
            while true {
                try tick(location)
                guard try eval(condition, frame).isTruthy else { break }
                let flow = try execBlock(body, frame)
                switch flow {
                case .breakLoop: return .normal
                case .returned: return flow
                case .normal, .continueLoop: continue
                }
            }
            return .normal
        case .forLoop(let target, let iterableExpr, let body, let location):
            let iterable = try eval(iterableExpr, frame)
            return try forEach(iterable, at: iterableExpr.location) { item in
                try tick(location)
                try assign(target, item, frame)
                return try execBlock(body, frame)
            }
        case .function(let decl, let ref):
            try tick(decl.location)
            let function = try makeFunction(decl, frame)
            try assign(.name(ref), function, frame)
            return .normal
        case .returnValue(let e, let location):
            try tick(location)
            return .returned(try e.map { try eval($0, frame) } ?? .null)
        case .breakLoop:
            return .breakLoop
        case .continueLoop:
            return .continueLoop
        }
    }

    /// Runs `body` for each element; stops on break, passes return on.
    func forEach(_ iterable: Value, at location: SourceLocation, _ body: (Value) throws -> Flow) throws -> Flow {
        func handle(_ flow: Flow) -> Flow? {
            switch flow {
            case .breakLoop: return .normal
            case .returned: return flow
            case .normal, .continueLoop: return nil
            }
        }
        switch iterable {
        case .list(let list):
            var i = 0
            while i < list.items.count {
                if let out = handle(try body(list.items[i])) { return out }
                i += 1
            }
        case .range(let r):
            guard r.count > 0 else { return .normal }
            var v = r.start
            while r.step > 0 ? v < r.stop : v > r.stop {
                if let out = handle(try body(.int(v))) { return out }
                let (next, overflow) = v.addingReportingOverflow(r.step)
                if overflow { break }
                v = next
            }
        case .dict(let d):
            for key in d.keys { if let out = handle(try body(key.value)) { return out } }
        case .string(let s):
            for ch in s { if let out = handle(try body(.string(String(ch)))) { return out } }
        case .native(let object):
            guard let items = try object.elements(interpreter: self) else {
                throw ScriptError(.type, "cannot iterate over \(object.typeName)", at: location)
            }
            for item in items { if let out = handle(try body(item)) { return out } }
        default:
            throw ScriptError(.type, "cannot iterate over \(iterable.typeName)", at: location)
        }
        return .normal
    }

    /// The elements of an iterable value as an array (for builtins).
    public func elements(of value: Value, at location: SourceLocation?) throws -> [Value] {
        switch value {
        case .list(let l): return l.items
        case .range(let r):
            try checkSize(r.count, at: location)
            try countSteps(r.count, at: location)
            var out: [Value] = []
            out.reserveCapacity(r.count)
            var v = r.start
            for _ in 0..<r.count { out.append(.int(v)); v = v &+ r.step }
            return out
        case .dict(let d): return d.keys.map(\.value)
        case .string(let s): return s.map { .string(String($0)) }
        case .native(let object):
            if let items = try object.elements(interpreter: self) { return items }
            throw ScriptError(.type, "cannot iterate over \(object.typeName)", at: location)
        default:
            throw ScriptError(.type, "cannot iterate over \(value.typeName)", at: location)
        }
    }

    func assign(_ target: Target, _ value: Value, _ frame: Frame?) throws {
        switch target {
        case .name(let ref):
            switch ref.resolution {
            case .local(let slot):
                guard let frame else { throw ScriptError(.runtime, "internal: no frame for local '\(ref.name)'", at: ref.location) }
                frame.slots[slot] = value
            case .enclosing(let depth, let slot):
                var f = frame
                for _ in 0..<depth { f = f?.parent }
                guard let f else { throw ScriptError(.runtime, "internal: no frame for '\(ref.name)'", at: ref.location) }
                f.slots[slot] = value
            case .global:
                if ref.globalSlot < 0 { ref.globalSlot = slot(for: ref.name) }
                globalValues[ref.globalSlot] = value
            }
        case .index(let baseExpr, let indexExpr, let location):
            let base = try eval(baseExpr, frame)
            let index = try eval(indexExpr, frame)
            try setIndex(base, index, value, at: location)
        case .attribute(let baseExpr, let name, let location):
            let base = try eval(baseExpr, frame)
            guard case .native(let object) = base else {
                throw ScriptError(.attribute, "cannot set attribute '\(name)' on \(base.typeName)", at: location)
            }
            guard try object.setAttribute(name, to: value, interpreter: self) else {
                throw ScriptError(.attribute, "\(object.typeName) has no writable attribute '\(name)'", at: location,
                                  note: closestName(to: name, among: object.memberNames).map { "did you mean '\($0)'?" })
            }
        case .unpack(let targets, let location):
            let items = try elements(of: value, at: location)
            guard items.count == targets.count else {
                throw ScriptError(.value, "cannot unpack \(items.count) value\(items.count == 1 ? "" : "s") into \(targets.count) names", at: location)
            }
            for (t, v) in zip(targets, items) { try assign(t, v, frame) }
        }
    }

    private func augmentedAssign(_ target: Target, _ op: BinaryOp, _ valueExpr: Expr, _ location: SourceLocation, _ frame: Frame?) throws {
        switch target {
        case .name(let ref):
            let current = try lookup(ref, frame)
            let rhs = try eval(valueExpr, frame)
            if case .list(let l) = current, op == .add, case .list(let r) = rhs {
                try checkSize(l.items.count + r.items.count, at: location)
                l.items.append(contentsOf: r.items)   // `xs += ys` extends in place, as in Python
                return
            }
            try assign(target, try binary(op, current, rhs, at: location), frame)
        case .index(let baseExpr, let indexExpr, let loc):
            let base = try eval(baseExpr, frame)
            let index = try eval(indexExpr, frame)
            let current = try getIndex(base, index, at: loc)
            let updated = try binary(op, current, try eval(valueExpr, frame), at: location)
            try setIndex(base, index, updated, at: loc)
        case .attribute(let baseExpr, let name, let loc):
            let base = try eval(baseExpr, frame)
            let current = try getAttribute(base, name, at: loc)
            let updated = try binary(op, current, try eval(valueExpr, frame), at: location)
            guard case .native(let object) = base, try object.setAttribute(name, to: updated, interpreter: self) else {
                throw ScriptError(.attribute, "cannot set attribute '\(name)' on \(base.typeName)", at: loc)
            }
        case .unpack(_, let loc):
            throw ScriptError(.syntax, "augmented assignment needs a single target", at: loc)
        }
    }

    func makeFunction(_ decl: FunctionDecl, _ frame: Frame?) throws -> Value {
        var defaults: [Value?] = []
        for p in decl.params { defaults.append(try p.defaultValue.map { try eval($0, frame) }) }
        return .function(ScriptFunction(decl: decl, defaults: defaults, closure: frame))
    }
}
