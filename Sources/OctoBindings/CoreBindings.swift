// Every binding, installed into each new interpreter. Engine developers: add your
// `XBindings.register` to `Bindings.all` (see the header of Registry.swift).
@_exported import OctoScript
import OctoTensor

/// The list of bindings and the function that installs them.
public enum Bindings {
    /// One entry per engine binding file.
    nonisolated(unsafe) public static var all: [(Registry) -> Void] = [
        ModelBindings.register, DataBindings.register, TrainBindings.register, RLBindings.register,
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
/// Ctrl-C sets the interrupt flag, and forwards events to an optional drawer (OctoTerm).
public final class InterruptibleProgress: ProgressReporter {
    private let draw: ((ProgressEvent, Bool) -> Void)?
    /// - Parameter draw: called with each event and whether it is the last one.
    public init(draw: ((ProgressEvent, Bool) -> Void)? = nil) { self.draw = draw }
    public func begin(_ event: ProgressEvent) { draw?(event, false) }
    public func update(_ event: ProgressEvent) { draw?(event, false) }
    public func end(_ event: ProgressEvent, interrupted: Bool) { draw?(event, true) }
    public var shouldContinue: Bool { !Interrupt.isRequested }
}
