import XCTest
import Foundation
@testable import OctoTensor

/// The engine's worker pool (CSupport/pool.c through `parallelTasks` / `parallelFor`): every
/// task runs exactly once, loops started from inside a task or from two threads at once finish
/// (they run inline rather than deadlock), and the chunks do not depend on which thread ran them.
final class ThreadPoolTests: XCTestCase {
    override func setUp() { Threads.set(2) }
    override func tearDown() { Threads.set(ProcessInfo.processInfo.activeProcessorCount) }

    /// Counts how often each task index ran (one slot per task: no two tasks share a slot).
    private func runCounts(_ tasks: Int, _ run: (_ body: @escaping (Int) -> Void) -> Void) -> [Int] {
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: tasks)
        counts.initialize(repeating: 0, count: tasks)
        defer { counts.deallocate() }
        run { counts[$0] += 1 }
        return Array(UnsafeBufferPointer(start: counts, count: tasks))
    }

    func testEveryTaskRunsOnceOverManyLoops() {
        for tasks in [1, 2, 3, 17, 256] {
            for _ in 0..<200 {
                let counts = runCounts(tasks) { body in parallelTasks(tasks) { body($0) } }
                XCTAssertEqual(counts, [Int](repeating: 1, count: tasks), "\(tasks) tasks")
            }
        }
    }

    func testLoopInsideATaskRunsInlineAndCompletes() {
        let counts = runCounts(8 * 8) { body in
            parallelTasks(8) { outer in parallelTasks(8) { inner in body(outer * 8 + inner) } }
        }
        XCTAssertEqual(counts, [Int](repeating: 1, count: 64))
    }

    /// A buffer another thread writes (the test owns it and waits for that thread).
    private struct Shared: @unchecked Sendable { let p: UnsafeMutablePointer<Float> }

    func testLoopsFromTwoThreadsAtOnceBothComplete() {
        let n = 1 << 14, loops = 2000
        let a = UnsafeMutablePointer<Float>.allocate(capacity: n)
        let b = Shared(p: UnsafeMutablePointer<Float>.allocate(capacity: n))
        a.initialize(repeating: 0, count: n); b.p.initialize(repeating: 0, count: n)
        defer { a.deallocate(); b.p.deallocate() }
        let other = Thread {
            for k in 0..<loops { parallelFor(n, minChunk: 64) { r in for i in r { b.p[i] += Float(k % 3) } } }
        }
        other.start()
        for k in 0..<loops { parallelFor(n, minChunk: 64) { r in for i in r { a[i] += Float(k % 2) } } }
        while !other.isFinished { usleep(1000) }
        XCTAssertTrue((0..<n).allSatisfy { a[$0] == Float(loops / 2) }, "the caller's loops ran each chunk once")
        XCTAssertTrue((0..<n).allSatisfy { b.p[$0] == Float(loops / 3 * 3 + 1) }, "the other thread's loops ran each chunk once")
    }

    func testChunksDependOnlyOnTheThreadCount() {
        // parallelFor hands each chunk to one task: the boundaries it sees are the same whether
        // the pool or the caller ran them.
        func boundaries() -> [Int] {
            let starts = UnsafeMutablePointer<Int>.allocate(capacity: 1000)
            starts.initialize(repeating: 0, count: 1000)
            defer { starts.deallocate() }
            parallelFor(1000, minChunk: 10) { r in starts[r.lowerBound] = r.count }
            return Array(UnsafeBufferPointer(start: starts, count: 1000))
        }
        let pooled = boundaries()
        var nested: [Int] = []
        parallelTasks(2) { t in if t == 0 { nested = boundaries() } }   // inside a task: runs inline
        XCTAssertEqual(pooled, nested)
        XCTAssertEqual(pooled.filter { $0 > 0 }, [500, 500])
    }
}
