// Builtins over collections and numbers: list, dict, sum, min, max, sorted, reversed, zip,
// enumerate, abs, round, sqrt, exp, log, floor, ceil.
import Foundation

extension Builtins {
    static func installCollections(_ i: Interpreter) {
        i.defineFunction(Signature("list", [Param("items", .optional(.iterable), default: .null)], doc: "A new list of the items.")) { args, interp in
            if case .null = args[0] { return .makeList([]) }
            return .makeList(try interp.elements(of: args[0], at: args.location))
        }
        i.defineFunction(Signature("dict", [Param("pairs", .optional(.oneOf([.dict, .list])), default: .null)], extraKeywords: .any,
                                   doc: "A new dict from another dict, a list of [key, value] pairs, or keywords.")) { args, interp in
            let d = ScriptDict()
            switch args[0] {
            case .dict(let other): for (k, v) in other.entries { d[k] = v }
            case .list(let l):
                for pair in l.items {
                    let kv = try interp.elements(of: pair, at: args.location)
                    guard kv.count == 2, let key = DictKey(kv[0]) else { throw args.error("dict() needs [key, value] pairs with hashable keys", kind: .type) }
                    d[key] = kv[1]
                }
            default: break
            }
            for (k, v) in args.extraKeywords { d[.string(k)] = v }
            return .dict(d)
        }
        i.defineFunction(Signature("sum", [Param("items", .iterable), Param("start", .number, default: 0)], doc: "The sum of numbers.")) { args, interp in
            var total = args[1]
            let location = args.location ?? SourceLocation(file: "<builtin>", line: 1, column: 1)
            for item in try interp.elements(of: args[0], at: location) { total = try interp.binary(.add, total, item, at: location) }
            return total
        }
        for name in ["min", "max"] {
            i.defineFunction(Signature(name, [Param("key", .optional(.callable), default: .null, doc: "a function giving the value to compare")],
                                       variadic: Param("values"), doc: "The \(name == "min" ? "smallest" : "largest") of the values, or of one iterable.")) { args, interp in
                var items = args.rest
                if items.count == 1 { items = try interp.elements(of: items[0], at: args.location) }
                guard var best = items.first else { throw args.error("\(name)() of an empty sequence") }
                let key = args[0]
                func measure(_ v: Value) throws -> Value {
                    if case .null = key { return v }
                    return try interp.call(key, [v], at: args.location)
                }
                var bestKey = try measure(best)
                for item in items.dropFirst() {
                    let k = try measure(item)
                    guard let less = (name == "min" ? k.scriptLess(bestKey) : bestKey.scriptLess(k)) else {
                        throw args.error("cannot compare \(k.typeName) and \(bestKey.typeName)", kind: .type)
                    }
                    if less { best = item; bestKey = k }
                }
                return best
            }
        }
        i.defineFunction(Signature("sorted", [Param("items", .iterable), Param("key", .optional(.callable), default: .null),
                                              Param("reverse", .bool, default: false)], doc: "A sorted new list (stable).")) { args, interp in
            .makeList(try sortValues(try interp.elements(of: args[0], at: args.location), key: args[1],
                                     reverse: args.boolArg("reverse"), interp, args.location))
        }
        i.defineFunction(Signature("reversed", [Param("items", .iterable)], doc: "A new list in reverse order.")) { args, interp in
            .makeList(try interp.elements(of: args[0], at: args.location).reversed())
        }
        i.defineFunction(Signature("zip", [], variadic: Param("lists", .iterable), doc: "Lists of the i-th items of each argument, up to the shortest.")) { args, interp in
            let columns = try args.rest.map { try interp.elements(of: $0, at: args.location) }
            let n = columns.map(\.count).min() ?? 0
            return .makeList((0..<n).map { k in .makeList(columns.map { $0[k] }) })
        }
        i.defineFunction(Signature("enumerate", [Param("items", .iterable), Param("start", .int, default: 0)],
                                   doc: "[index, item] pairs.")) { args, interp in
            let start = args.intArg("start")
            return .makeList(try interp.elements(of: args[0], at: args.location).enumerated().map { .makeList([.int(start &+ $0.offset), $0.element]) })
        }
    }

    static func sortValues(_ items: [Value], key: Value, reverse: Bool, _ interp: Interpreter, _ location: SourceLocation?) throws -> [Value] {
        var keyed: [(Value, Value)] = []
        for item in items {
            if case .null = key { keyed.append((item, item)) } else { keyed.append((try interp.call(key, [item], at: location), item)) }
        }
        try interp.countSteps(items.count, at: location)
        try keyed.sort { a, b in
            guard let less = (reverse ? b.0.scriptLess(a.0) : a.0.scriptLess(b.0)) else {
                throw ScriptError(.type, "cannot order \(a.0.typeName) and \(b.0.typeName)", at: location)
            }
            return less
        }
        return keyed.map(\.1)
    }

    static func installMath(_ i: Interpreter) {
        i.defineFunction(Signature("abs", [Param("x", .number)], doc: "The absolute value.")) { args, _ in
            switch args[0] {
            case .int(let v):
                if v == Int.min { throw args.error("integer overflow in abs()", kind: .overflow) }
                return .int(abs(v))
            case .float(let f): return .float(abs(f))
            default: return .null
            }
        }
        i.defineFunction(Signature("round", [Param("x", .number), Param("digits", .optional(.int), default: .null)],
                                   doc: "Rounds half to even; an int without digits, a float with them.")) { args, _ in
            let x: Double
            switch args[0] { case .int(let v): if args.isNull("digits") { return args[0] }; x = Double(v); case .float(let f): x = f; default: return .null }
            guard let digits = args.int("digits") else {
                guard let v = exactInt(x.rounded(.toNearestOrEven)) else { throw args.error("cannot round \(formatFloat(x)) to an int") }
                return .int(v)
            }
            if digits >= 0, x.isFinite, let exact = Double(String(format: "%.\(min(digits, 300))f", x)) {
                return .float(exact)   // printf rounds the exact binary value, as Python does
            }
            let scale = Foundation.pow(10.0, Double(max(-300, min(300, digits))))
            let scaled = (x * scale).rounded(.toNearestOrEven) / scale
            return .float(scaled.isFinite ? scaled : x)
        }
        let unary: [(String, String, (Double) -> Double)] = [
            ("sqrt", "Square root.", { $0.squareRoot() }), ("exp", "e to the power x.", { Foundation.exp($0) }),
            ("log", "Natural logarithm.", { Foundation.log($0) }),
        ]
        for (name, doc, f) in unary {
            i.defineFunction(Signature(name, [Param("x", .float)], doc: doc)) { args, _ in
                let x = args.doubleArg("x")
                if (name == "sqrt" && x < 0) || (name == "log" && x <= 0) { throw args.error("\(name)() of \(formatFloat(x)) is undefined") }
                return .float(f(x))
            }
        }
        for (name, rule) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up)] {
            i.defineFunction(Signature(name, [Param("x", .number)], doc: "Rounds \(name == "floor" ? "down" : "up") to an int.")) { args, _ in
                if case .int = args[0] { return args[0] }
                let x = args.doubleArg("x")
                guard let v = exactInt(x.rounded(rule)) else { throw args.error("cannot convert \(formatFloat(x)) to int") }
                return .int(v)
            }
        }
        i.defineBuiltin("pi", .float(Double.pi))
    }
}
