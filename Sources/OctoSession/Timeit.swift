// `:timeit [-n LOOPS] [-r RUNS] CELL`, as in IPython: the cell is parsed once and run LOOPS
// times per run, RUNS runs; without -n/-r the counts are chosen by timing 1, 10, 100, …
// loops so the measurement stays within a small budget (about a second, plus calibration). Output is not shown, and
// the cell is not added to the transcript (its effects happen many times).
import Foundation
import OctoScript
import OctoTerm

/// How many times `:timeit` runs a cell.
struct TimeitPlan: Equatable {
    var loops: Int
    var runs: Int

    /// Calibrates as IPython's autorange does: times 1, 10, 100, … loops until a run lasts a
    /// fifth of `budget` (or ten times more loops would pass the budget, or 10⁶ loops), so a
    /// slow first (cold) run does not decide alone; then as many runs of that many loops as
    /// fit in `budget`, one to five. A first run slower than `budget` is the measurement
    /// (`runs` 0). `time(n)` runs the cell n times and returns the seconds.
    static func calibrate(budget: Double, time: (Int) throws -> Double) rethrows -> (plan: TimeitPlan, first: Double) {
        var loops = 1
        var seconds = try time(1)
        let first = seconds
        if first >= budget { return (TimeitPlan(loops: 1, runs: 0), first) }
        while seconds < budget / 5 && seconds * 10 <= budget && loops < 1_000_000 {
            loops *= 10
            seconds = try time(loops)
        }
        return (TimeitPlan(loops: loops, runs: max(1, min(5, Int(budget / max(seconds, 1e-9))))), first)
    }
}

/// What `:timeit` measured: seconds per loop of each run.
struct TimeitResult {
    var perLoop: [Double]
    var loops: Int

    var best: Double { perLoop.min() ?? 0 }
    var mean: Double { perLoop.isEmpty ? 0 : perLoop.reduce(0, +) / Double(perLoop.count) }
    var deviation: Double {
        guard perLoop.count > 1 else { return 0 }
        let m = mean
        return (perLoop.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(perLoop.count - 1)).squareRoot()
    }

    /// `best 1.2 ms, mean 1.31 ms ± 0.04 ms per loop (5 runs × 100 loops)`.
    var summary: String {
        let counts = "\(perLoop.count) run\(perLoop.count == 1 ? "" : "s") × \(loops) loop\(loops == 1 ? "" : "s")"
        if perLoop.count == 1 { return "\(TimeitResult.format(best)) per loop (\(counts))" }
        return "best \(TimeitResult.format(best)), mean \(TimeitResult.format(mean)) ± \(TimeitResult.format(deviation)) per loop (\(counts))"
    }

    /// Seconds in the unit that reads best: ns, µs, ms or s, three significant digits.
    static func format(_ seconds: Double) -> String {
        let (scale, unit): (Double, String) = seconds >= 1 ? (1, "s") : seconds >= 1e-3 ? (1e3, "ms") : seconds >= 1e-6 ? (1e6, "µs") : (1e9, "ns")
        return NumberFormat.significant(seconds * scale, digits: 3) + " " + unit
    }
}

extension Session {
    /// The seconds `:timeit` aims to spend when it chooses the counts itself.
    nonisolated(unsafe) static var timeitBudget = 1.0

    /// `:timeit`'s argument: optional `-n LOOPS` / `-r RUNS`, then the cell.
    static func parseTimeit(_ argument: String) -> (loops: Int?, runs: Int?, cell: String)? {
        var words = argument.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var loops: Int?, runs: Int?
        while words.count >= 2, words[0] == "-n" || words[0] == "-r" {
            guard let n = Int(words[1]), n >= 1, n <= 100_000_000 else { return nil }
            if words[0] == "-n" { loops = n } else { runs = n }
            words.removeFirst(2)
        }
        let cell = words.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return cell.isEmpty ? nil : (loops, runs, cell)
    }

    /// Runs `:timeit`; prints the summary on stderr (it is a measurement, not the cell's output).
    func timeit(_ argument: String) -> CellOutcome {
        guard let (loops, runs, cell) = Session.parseTimeit(argument) else {
            writeError("usage: :timeit [-n LOOPS] [-r RUNS] CELL (LOOPS and RUNS at least 1)\n"); return .failed
        }
        cellNumber += 1
        let name = "<timeit \(cellNumber)>"
        let saved = interpreter.output
        interpreter.output = { _ in }
        defer { interpreter.output = saved }
        do {
            interpreter.sources.register(name, text: cell)
            let statements = try Parser.parse(cell, file: name)
            Interrupt.clear()
            func timed(_ count: Int) throws -> Double {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<count { _ = try interpreter.execute(statements, file: name) }
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
            var result: TimeitResult
            if let loops {
                // Counts given: every run is a measurement.
                result = TimeitResult(perLoop: [], loops: loops)
                for _ in 0..<(runs ?? 5) { result.perLoop.append(try timed(loops) / Double(loops)) }
            } else {
                // Calibration runs (also the warm-up), then the chosen counts.
                let calibration = try TimeitPlan.calibrate(budget: Session.timeitBudget, time: timed)
                var plan = calibration.plan
                if let runs { plan.runs = runs }
                result = TimeitResult(perLoop: plan.runs == 0 ? [calibration.first] : [], loops: plan.loops)
                for _ in 0..<plan.runs { result.perLoop.append(try timed(plan.loops) / Double(plan.loops)) }
            }
            writeError("timeit: \(result.summary)\n")
            return .ok
        } catch let error as ScriptError {
            report(error)
            return .failed
        } catch {
            writeError("error: \(error)\n")
            return .failed
        }
    }
}
