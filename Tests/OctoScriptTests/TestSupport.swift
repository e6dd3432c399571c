import XCTest
@testable import OctoScript

/// Runs cells in one interpreter on a big-stack thread; returns printed output plus the repr
/// of a final expression value (REPL rules), or the rendered error.
func runScript(_ cells: String..., limits: InterpreterLimits = InterpreterLimits()) -> String {
    ScriptThread.run {
        let interp = Interpreter(limits: limits)
        var out = ""
        interp.output = { out += $0 }
        for cell in cells {
            do {
                if let v = try interp.run(cell), !(v.isNull) { out += v.repr + "\n" }
            } catch let e as ScriptError {
                return out + "ERROR " + e.description
            } catch { return out + "ERROR \(error)" }
        }
        return out
    }
}

extension Value {
    var isNull: Bool { if case .null = self { return true }; return false }
}

/// The error a cell raises (nil when it succeeds).
func scriptError(_ source: String, limits: InterpreterLimits = InterpreterLimits()) -> ScriptError? {
    ScriptThread.run {
        let interp = Interpreter(limits: limits)
        interp.output = { _ in }
        do { _ = try interp.run(source, name: "t"); return nil } catch { return error as? ScriptError }
    }
}
