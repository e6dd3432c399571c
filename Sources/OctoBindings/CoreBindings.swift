// Every binding, installed into each new interpreter. Engine developers: add your
// `XBindings.register` to `Bindings.all` (see the header of Registry.swift).
@_exported import OctoScript
import OctoTensor
import OctoTerm
import OctoBase

/// The list of bindings and the function that installs them.
public enum Bindings {
    /// One entry per engine binding file.
    nonisolated(unsafe) public static var all: [(Registry) -> Void] = [
        ModelBindings.register, TensorBindings.register, DataBindings.register, TrainBindings.register, RLBindings.register,
        EvalBindings.register, InspectBindings.register, PlotBindings.register, StudyBindings.register,
    ]

    /// A registry holding every binding in `all`.
    public static func makeRegistry() -> Registry {
        let registry = Registry()
        for register in all { register(registry) }
        return registry
    }

    /// A new interpreter with every binding installed.
    public static func makeInterpreter(limits: InterpreterLimits = InterpreterLimits()) -> Interpreter {
        let interp = Interpreter(limits: limits)
        makeRegistry().install(into: interp)
        return interp
    }
}

/// A progress reporter for engines called from the language: it stops the engine when
/// Ctrl-C sets the interrupt flag, and forwards events to an optional drawer: a closure, or
/// another reporter such as OctoTerm's progress bar.
public final class InterruptibleProgress: ProgressReporter {
    private let draw: ((ProgressEvent, Bool) -> Void)?
    private let forward: ProgressReporter?
    /// - Parameter draw: called with each event and whether it is the last one.
    public init(draw: ((ProgressEvent, Bool) -> Void)? = nil) { self.draw = draw; forward = nil }
    /// Forwards begin/update/end to `reporter` (its own stop flag is not consulted).
    public init(forwardingTo reporter: ProgressReporter) { draw = nil; forward = reporter }
    public func begin(_ event: ProgressEvent) { draw?(event, false); forward?.begin(event) }
    public func update(_ event: ProgressEvent) { draw?(event, false); forward?.update(event); InterruptibleProgress.observer?(event) }
    public func end(_ event: ProgressEvent, interrupted: Bool) { draw?(event, true); forward?.end(event, interrupted: interrupted) }
    public var shouldContinue: Bool { !Interrupt.isRequested }

    /// Whether `withBar()` draws at all (off in tests).
    nonisolated(unsafe) public static var barsEnabled = true
    /// Sees every update of every reporter (tests use it to press Ctrl-C at a given step).
    nonisolated(unsafe) public static var observer: ((ProgressEvent) -> Void)?

    /// The reporter engine bindings use: a progress bar on stderr (OctoTerm) when bars are
    /// enabled, stopped by Ctrl-C either way.
    public static func withBar() -> InterruptibleProgress {
        barsEnabled ? InterruptibleProgress(forwardingTo: ProgressBar()) : InterruptibleProgress()
    }

    /// The reporter for runs with slow steps (RL): a table on stderr, one row per step, that
    /// stays on screen (OctoTerm's ProgressTable); stopped by Ctrl-C.
    public static func withTable() -> InterruptibleProgress {
        barsEnabled ? InterruptibleProgress(forwardingTo: ProgressTable()) : InterruptibleProgress()
    }
}
