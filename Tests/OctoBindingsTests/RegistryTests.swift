import XCTest
@testable import OctoBindings
import OctoSession

/// The example binding from Registry.swift's header, as a test: one declaration gives
/// attributes, methods, argument checking, help, dir, completion and repr.
final class Counter {
    var count: Int
    var step = 1
    init(start: Int) { count = start }
}

enum CounterBindings {
    static let type = NativeType<Counter>("Counter", doc: "Counts things.") { t in
        t.attribute("count", .int, doc: "the current count") { .int($0.count) }
        t.attribute("step", .int, doc: "added by tick()", get: { .int($0.step) }, set: { c, v in c.step = v.intValue ?? 1 })
        t.method("tick", params: [Param("times", .int, default: 1, doc: "how many ticks")], doc: "Adds step, times times.") { c, args, _ in
            c.count += c.step * (args.int("times") ?? 1)
            return .int(c.count)
        }
        t.repr { "<Counter \($0.count)>" }
        t.elements { c, _ in (0..<c.count).map { .int($0) } }
    }

    static func register(in registry: Registry) {
        registry.function("counter", params: [Param("start", .int, default: 0, doc: "first value")], doc: "A new Counter.") { args, _ in
            type.wrap(Counter(start: args.int("start") ?? 0))
        }
        registry.describe(type)
    }
}

final class RegistryTests: XCTestCase {
    private func session() -> (Session, () -> String, () -> String) {
        var out = "", err = ""
        let s = Session(write: { out += $0 }, writeError: { err += $0 })
        let registry = Registry()
        CounterBindings.register(in: registry)
        registry.install(into: s.interpreter)
        return (s, { defer { out = "" }; return out }, { defer { err = "" }; return err })
    }

    func testAttributesMethodsAndRepr() {
        let (s, out, _) = session()
        XCTAssertEqual(s.submit("c = counter(start=2)"), .ok)
        XCTAssertEqual(s.submit("c"), .ok); XCTAssertEqual(out(), "<Counter 2>\n")
        XCTAssertEqual(s.submit("c.step = 5\nc.tick(times=2), c.count, type(c), len(c)"), .ok)
        XCTAssertEqual(out(), "[12, 12, \"Counter\", 12]\n")
    }

    func testArgumentCheckingNamesTheParameter() {
        let (s, _, err) = session()
        _ = s.submit("c = counter()")
        XCTAssertEqual(s.submit("c.tick(times=\"x\")"), .failed)
        XCTAssertTrue(err().hasPrefix("<cell 2>:1:8: error: argument 'times' of tick() must be int, got str"))
        XCTAssertEqual(s.submit("c.tick(tims=1)"), .failed)
        XCTAssertTrue(err().contains("unknown keyword argument 'tims' for tick()"))
        XCTAssertEqual(s.submit("c.step = 1.5"), .failed)
        XCTAssertTrue(err().contains("attribute 'step' of Counter must be int, got float"))
        XCTAssertEqual(s.submit("c.count = 1"), .failed)
        XCTAssertTrue(err().contains("Counter has no writable attribute 'count'"))
        XCTAssertEqual(s.submit("c.tik()"), .failed)
        XCTAssertTrue(err().contains("did you mean 'tick'?"))
    }

    func testHelpDirAndCompletionReadTheSameDeclaration() {
        let (s, out, _) = session()
        _ = s.submit("c = counter()")
        _ = s.submit("help(c)")
        XCTAssertEqual(out(), """
        Counter — Counts things.
        attributes:
          count: int — the current count
          step: int (writable) — added by tick()
        methods:
          tick(times: int = 1) — Adds step, times times.

        """)
        _ = s.submit("help(counter)")
        XCTAssertEqual(out(), "counter(start: int = 0)\n    A new Counter.\n    start: first value\n")
        _ = s.submit("dir(c)")
        XCTAssertEqual(out(), "[\"count\", \"step\", \"tick\"]\n")
        XCTAssertEqual(Completion.candidates(for: "c.t", in: s.interpreter), ["tick"])
        XCTAssertEqual(Completion.candidates(for: "c.tick(ti", in: s.interpreter), ["time", "times="])
        XCTAssertEqual(Completion.candidates(for: "count", in: s.interpreter), ["counter"])
    }

    func testInterruptibleProgressFollowsTheFlag() {
        let progress = InterruptibleProgress()
        Interrupt.clear()
        XCTAssertTrue(progress.shouldContinue)
        Interrupt.request()
        XCTAssertFalse(progress.shouldContinue)
        Interrupt.clear()
    }
}
