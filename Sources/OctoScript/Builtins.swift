// The builtin functions, each declared once with its signature and one-line doc (the same
// declarations drive argument checking, `help` and completion). Collections: BuiltinsCollections.swift.
import Foundation
import OctoBase

/// Installs the builtins into an interpreter.
enum Builtins {
    static func install(into interp: Interpreter) {
        installCore(interp)
        installCollections(interp)
        installMath(interp)
        installSession(interp)
    }

    static func installCore(_ i: Interpreter) {
        i.defineFunction(Signature("print", [Param("sep", .string, default: " ", doc: "text between values"),
                                             Param("end", .string, default: "\n", doc: "text after the last value")],
                                   variadic: Param("values"), doc: "Prints the values separated by sep.")) { args, interp in
            interp.output(args.rest.map(\.str).joined(separator: args.stringArg("sep")) + args.stringArg("end"))
            return .null
        }
        i.defineFunction(Signature("len", [Param("x")], doc: "Number of items in a list, dict, str, range or sequence object.")) { args, interp in
            switch args[0] {
            case .list(let l): return .int(l.items.count)
            case .dict(let d): return .int(d.count)
            case .string(let s): return .int(s.count)
            case .range(let r): return .int(r.count)
            case .native(let o):
                if let items = try o.elements(interpreter: interp) { return .int(items.count) }
            default: break
            }
            throw args.error("len() needs a list, dict, str or range, got \(args[0].typeName)", kind: .type)
        }
        i.defineFunction(Signature("range", [Param("start", .int), Param("stop", .optional(.int), default: .null),
                                             Param("step", .int, default: 1)],
                                   doc: "Ints from start (default 0) up to but not including stop.")) { args, _ in
            var start = args.intArg("start"), stop = args.int("stop") ?? 0
            if args.isNull("stop") { stop = start; start = 0 }
            let step = args.intArg("step")
            if step == 0 { throw args.error("range() step cannot be zero") }
            return .range(ScriptRange(start: start, stop: stop, step: step))
        }
        i.defineFunction(Signature("str", [Param("x", default: "")], doc: "The text form of x (what print shows).")) { args, _ in .string(args[0].str) }
        i.defineFunction(Signature("repr", [Param("x")], doc: "The quoted form of x (what the REPL echoes).")) { args, _ in .string(args[0].repr) }
        i.defineFunction(Signature("bool", [Param("x", default: false)], doc: "Truthiness of x.")) { args, _ in .bool(args[0].isTruthy) }
        i.defineFunction(Signature("int", [Param("x", default: 0)], doc: "Converts a number (truncating), bool or str to int.")) { args, _ in
            switch args[0] {
            case .int: return args[0]
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let f):
                guard let v = exactInt(f.rounded(.towardZero)) else { throw args.error("cannot convert \(formatFloat(f)) to int") }
                return .int(v)
            case .string(let s):
                let t = s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
                if let v = Int(t) { return .int(v) }
                throw args.error("cannot convert \(quote(s)) to int")
            case let v: throw args.error("cannot convert \(v.typeName) to int", kind: .type)
            }
        }
        i.defineFunction(Signature("float", [Param("x", default: 0.0)], doc: "Converts a number, bool or str to float.")) { args, _ in
            switch args[0] {
            case .float: return args[0]
            case .int(let v): return .float(Double(v))
            case .bool(let b): return .float(b ? 1 : 0)
            case .string(let s):
                if let v = Double(s.trimmingCharacters(in: .whitespaces)) { return .float(v) }
                throw args.error("cannot convert \(quote(s)) to float")
            case let v: throw args.error("cannot convert \(v.typeName) to float", kind: .type)
            }
        }
        i.defineFunction(Signature("type", [Param("x")], doc: "The type name of x, e.g. \"int\".")) { args, _ in .string(args[0].typeName) }
        i.defineFunction(Signature("help", [Param("x", default: .null)], doc: "Prints help on x (a function, object or type), or an overview.")) { args, interp in
            interp.output(Help.text(for: args[0], interp, explicit: args.values.isEmpty ? false : true) + "\n")
            return .null
        }
        i.defineFunction(Signature("dir", [Param("x", default: .null)], doc: "Names of x's attributes and methods (or of the session's variables).")) { args, interp in
            if case .null = args[0] { return .makeList(interp.globalNames.map { .string($0) }) }
            return .makeList(Help.memberNames(of: args[0]).map { .string($0) })
        }
    }

    static func installSession(_ i: Interpreter) {
        i.defineFunction(Signature("seed", [Param("n", .int, doc: "any int")],
                                   doc: "Seeds the session's random generator (every random draw comes from it).")) { args, interp in
            let n = args.intArg("n")
            interp.random = RNG(seed: UInt64(bitPattern: Int64(n)))
            interp.seedValue = n
            return .null
        }
        i.defineFunction(Signature("random", [], doc: "A uniform float in [0, 1) from the session generator.")) { _, interp in
            .float(interp.random.uniformDouble())
        }
        i.defineFunction(Signature("randint", [Param("low", .int), Param("high", .int)], doc: "A uniform int in [low, high].")) { args, interp in
            let lo = args.intArg("low"), hi = args.intArg("high")
            guard lo <= hi else { throw args.error("randint() needs low <= high (got \(lo) > \(hi))") }
            let (span, o) = hi.subtractingReportingOverflow(lo)
            if o || span == Int.max { return .int(Int(bitPattern: UInt(interp.random.next()))) }
            return .int(lo + Int(interp.random.next() % UInt64(span + 1)))
        }
        i.defineFunction(Signature("choice", [Param("items", .iterable)], doc: "A random element of a non-empty sequence.")) { args, interp in
            let items = try interp.elements(of: args[0], at: args.location)
            guard !items.isEmpty else { throw args.error("choice() of an empty sequence", kind: .index) }
            return items[Int(interp.random.next() % UInt64(items.count))]
        }
        i.defineFunction(Signature("shuffle", [Param("items", .list)], doc: "Shuffles a list in place (Fisher–Yates).")) { args, interp in
            guard case .list(let l) = args[0] else { return .null }
            if l.items.count > 1 {
                for k in stride(from: l.items.count - 1, to: 0, by: -1) {
                    l.items.swapAt(k, Int(interp.random.next() % UInt64(k + 1)))
                }
            }
            return .null
        }
        i.defineFunction(Signature("time", [], doc: "Seconds since 1970 as a float (for timing; not replayable).")) { _, _ in
            .float(Date().timeIntervalSince1970)
        }
        i.defineFunction(Signature("save_json", [Param("value", doc: "nil, bool, number, str, list or dict"), Param("path", .string)],
                                   doc: "Writes value to path as JSON (dict order kept).")) { args, _ in
            let text = try JSON.encode(args[0], at: args.location)
            do { try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: args.stringArg("path"))) }
            catch { throw args.error("cannot write \(args.stringArg("path")): \(error.localizedDescription)", kind: .io) }
            return .null
        }
        i.defineFunction(Signature("load_json", [Param("path", .string)], doc: "Reads a JSON file into nil/bool/int/float/str/list/dict.")) { args, _ in
            let path = args.stringArg("path")
            guard let data = FileManager.default.contents(atPath: path) else { throw args.error("cannot read \(path)", kind: .io) }
            return try JSON.decode(String(decoding: data, as: UTF8.self), file: path)
        }
    }
}

/// `Int(d)` when d is integral and representable, else nil (never traps).
public func exactInt(_ d: Double) -> Int? {
    guard d.isFinite, d.rounded() == d, d >= -9.223372036854775e18, d < 9.223372036854775e18 else { return nil }
    return Int(d)
}
