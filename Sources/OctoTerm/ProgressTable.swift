// A live view for runs whose steps are slow and worth reading one by one (RL): a header,
// then one row per step that stays on screen, then a summary line with the means.

import Foundation
import OctoBase

/// A `ProgressReporter` that prints a small table, one row per `update`:
///
///     step   reward    acc    len  len_max  trunc  entropy      kl   clip  s/step
///      1/4    0.125  0.125   61.2      128  0.062    1.234  0.0012  0.031    4.12
///
/// Columns are the event's stats in the order the engine gives them, after the step count,
/// and the measured seconds per step last. When the terminal is narrower than the table,
/// stats columns are dropped from the right (the step count and s/step always stay), so a row
/// never wraps. `end` writes one summary line with the mean of each stat over the rows.
public final class ProgressTable: ProgressReporter {
    private let output: TextOutput
    private let width: Int
    private let clock: () -> Double
    private let lock = NSLock()
    private var startTime = 0.0
    private var lastTime = 0.0
    private var columns: [String]?
    private var sums: [String: Double] = [:]
    private var rows = 0

    /// - Parameters:
    ///   - output: where to write (stderr by default).
    ///   - width: columns available (the terminal's by default).
    ///   - clock: seconds from any fixed origin; inject one in tests.
    public init(output: TextOutput = StandardErrorOutput(),
                width: Int = TerminalCapabilities.detect(fileDescriptor: 2).width,
                clock: @escaping () -> Double = ProgressBar.monotonicSeconds) {
        self.output = output; self.width = max(20, width); self.clock = clock
    }

    public var shouldContinue: Bool { true }

    public func begin(_ event: ProgressEvent) {
        lock.lock(); defer { lock.unlock() }
        startTime = clock(); lastTime = startTime
        columns = nil; sums = [:]; rows = 0
    }

    public func update(_ event: ProgressEvent) {
        lock.lock(); defer { lock.unlock() }
        let now = clock()
        let seconds = now - lastTime
        lastTime = now
        let stepText = event.total.map { "\(event.done)/\($0)" } ?? "\(event.done)"
        if columns == nil {
            columns = fittingColumns(event.stats.map(\.0), stepWidth: stepText.count)
            output.write(line(event.unit, event.stats.map { ($0.0, $0.0) }, time: "s/\(event.unit)", stepWidth: stepText.count) + "\n")
        }
        for (name, value) in event.stats where value.isFinite { sums[name, default: 0] += value }
        rows += 1
        let cells = event.stats.map { ($0.0, NumberFormat.significant($0.1, digits: 4)) }
        output.write(line(stepText, cells, time: NumberFormat.significant(seconds, digits: 3), stepWidth: stepText.count) + "\n")
    }

    public func end(_ event: ProgressEvent, interrupted: Bool) {
        lock.lock(); defer { lock.unlock() }
        output.write(summary(event, elapsed: clock() - startTime, interrupted: interrupted).joined(separator: "\n") + "\n")
    }

    // MARK: - Lines

    private static let cellWidth = 8

    /// The stats columns that fit next to the step and time columns, in the engine's order.
    func fittingColumns(_ names: [String], stepWidth: Int) -> [String] {
        var used = max(stepWidth, 5) + Self.cellWidth + 1
        var kept: [String] = []
        for name in names {
            let w = max(Self.cellWidth, name.count) + 1
            if used + w > width - 1 { break }
            kept.append(name); used += w
        }
        return kept
    }

    private func line(_ step: String, _ cells: [(String, String)], time: String, stepWidth: Int) -> String {
        var text = TextWidth.pad(step, to: max(stepWidth, 5), alignment: .right)
        let shown = columns ?? []
        for name in shown {
            let value = cells.first { $0.0 == name }?.1 ?? ""
            text += " " + TextWidth.pad(TextWidth.truncate(value, to: max(Self.cellWidth, name.count)), to: max(Self.cellWidth, name.count), alignment: .right)
        }
        return text + " " + TextWidth.pad(time, to: Self.cellWidth, alignment: .right)
    }

    /// "grpo rl: 4/4 step in 00:16 (4.05 s/step); mean reward 0.25 acc 0.25 …", as lines
    /// of at most `width` columns broken between "name value" pairs.
    func summary(_ event: ProgressEvent, elapsed: Double, interrupted: Bool) -> [String] {
        let label = event.label.isEmpty ? "" : event.label + ": "
        let count = event.total.map { "\(event.done)/\($0) \(event.unit)" } ?? "\(event.done) \(event.unit)"
        var head = "\(label)\(interrupted ? "interrupted at \(count) after" : "\(count) in") \(NumberFormat.duration(elapsed))"
        if rows > 0 { head += " (\(NumberFormat.significant(elapsed / Double(rows), digits: 3)) s/\(event.unit))" }
        var parts = [head]
        let names = (columns ?? []).filter { sums[$0] != nil }
        if rows > 0, !names.isEmpty {
            parts[0] += ";"
            parts += names.enumerated().map { i, name in
                (i == 0 ? "mean " : "") + "\(name) \(NumberFormat.significant(sums[name, default: 0] / Double(rows), digits: 3))"
            }
        }
        return Self.wrap(parts, width: width - 1)
    }

    /// `parts` joined by spaces into lines of at most `width` columns (continuations indented).
    static func wrap(_ parts: [String], width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for part in parts {
            let candidate = current.isEmpty ? part : current + " " + part
            if TextWidth.of(candidate) > width, !current.isEmpty {
                lines.append(current); current = "  " + part
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { TextWidth.truncate($0, to: width) }
    }
}
