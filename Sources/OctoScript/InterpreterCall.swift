// Calls: user functions (frames, defaults, keyword arguments, implicit return of the last
// expression) and native callables (arguments checked against their `Signature`).

extension Interpreter {
    func evalCall(_ calleeExpr: Expr, _ args: [CallArgument], _ location: SourceLocation, _ frame: Frame?) throws -> Value {
        let callee = try eval(calleeExpr, frame)
        var positional: [(Value, SourceLocation?)] = []
        var keywords: [(String, Value, SourceLocation?)] = []
        positional.reserveCapacity(args.count)
        for arg in args {
            let v = try eval(arg.value, frame)
            if let name = arg.name { keywords.append((name, v, arg.location)) } else { positional.append((v, arg.value.location)) }
        }
        return try call(callee, positional: positional, keywords: keywords, at: location)
    }

    /// Calls any callable value (used by builtins such as `sorted(key=…)` and by bindings).
    /// - Throws: `ScriptError` located at `location` (or at the argument at fault).
    public func call(_ callee: Value, _ positional: [Value], keywords: [(String, Value)] = [], at location: SourceLocation?) throws -> Value {
        try call(callee, positional: positional.map { ($0, nil) }, keywords: keywords.map { ($0.0, $0.1, nil) }, at: location)
    }

    func call(_ callee: Value, positional: [(Value, SourceLocation?)], keywords: [(String, Value, SourceLocation?)], at location: SourceLocation?) throws -> Value {
        callDepth += 1
        defer { callDepth -= 1 }
        if callDepth > limits.maxCallDepth {
            throw ScriptError(.recursion, "too many nested calls (more than \(limits.maxCallDepth); endless recursion?)", at: location)
        }
        switch callee {
        case .function(let function):
            return try callFunction(function, positional, keywords, location)
        case .native(let object):
            guard let callable = object as? NativeCallable else {
                throw ScriptError(.type, "\(object.typeName) is not callable", at: location)
            }
            let bound = try callable.signature.bind(positional: positional, keywords: keywords, at: location)
            do {
                return try callable.call(bound, interpreter: self)
            } catch var error as ScriptError {
                // An error from a user function the builtin called (`sorted(key=f)`) also
                // names the builtin's call.
                if let location, !error.trace.isEmpty { error.trace.append(.init(function: callable.signature.name, call: location)) }
                if let location { throw error.located(location) }
                throw error
            }
        default:
            throw ScriptError(.type, "\(callee.typeName) is not callable", at: location)
        }
    }

    private func callFunction(_ function: ScriptFunction, _ positional: [(Value, SourceLocation?)],
                              _ keywords: [(String, Value, SourceLocation?)], _ location: SourceLocation?) throws -> Value {
        let decl = function.decl
        let params = decl.params
        let frame = Frame(size: decl.frameSize, parent: function.closure, names: decl.localNames)
        if positional.count > params.count {
            throw ScriptError(.argument, "\(decl.name)() takes \(params.count) argument\(params.count == 1 ? "" : "s") (got \(positional.count))",
                              at: positional[params.count].1 ?? location)
        }
        for (i, (v, _)) in positional.enumerated() { frame.slots[i] = v }
        for (name, v, loc) in keywords {
            guard let i = params.firstIndex(where: { $0.name == name }) else {
                throw ScriptError(.argument, "unknown keyword argument '\(name)' for \(decl.name)()", at: loc ?? location,
                                  note: closestName(to: name, among: params.map(\.name)).map { "did you mean '\($0)'?" }
                                      ?? "parameters: \(params.map(\.name).joined(separator: ", "))")
            }
            if frame.slots[i] != nil { throw ScriptError(.argument, "\(decl.name)() got two values for argument '\(name)'", at: loc ?? location) }
            frame.slots[i] = v
        }
        for i in 0..<params.count where frame.slots[i] == nil {
            guard let d = function.defaults[i] else {
                throw ScriptError(.argument, "\(decl.name)() is missing argument '\(params[i].name)'", at: location)
            }
            frame.slots[i] = d
        }
        do {
            let body = decl.body
            for (i, statement) in body.enumerated() {
                if i == body.count - 1, case .expr(let e) = statement {
                    try tick(e.location)
                    return try eval(e, frame)
                }
                if case .returned(let v) = try exec(statement, frame) { return v }
            }
            return .null
        } catch var error as ScriptError {
            // The body failed: say which call got there (`in g() called at 3:5`).
            if let location { error.trace.append(.init(function: decl.name, call: location)) }
            throw error
        }
    }
}
