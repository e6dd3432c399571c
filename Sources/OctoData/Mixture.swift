// Weighted mixtures of packed corpora with deterministic sampling and a resumable cursor.
//
// Each draw picks a component with probability proportional to its weight (one uniform
// draw from the mixture's RNG), then takes that component's next sequence in a
// per-epoch shuffled order (a Fisher–Yates permutation seeded by seed, name and epoch).
// The cursor holds the generator state and each component's epoch and position, so
// restoring it continues with exactly the draws an uninterrupted run would make.
import OctoBase

/// One part of a mixture.
public struct MixtureComponent: Sendable {
    /// A name for reports and cursors ("lab:math_web").
    public var name: String
    /// Relative weight (> 0); weights are normalised.
    public var weight: Double
    /// The sequences to draw from (at least one).
    public var sequences: PackedSequences

    public init(name: String, weight: Double, sequences: PackedSequences) {
        self.name = name; self.weight = weight; self.sequences = sequences
    }
}

/// Where a mixture stands: enough to resume its draws exactly. Codable for checkpoints.
public struct MixtureCursor: Codable, Equatable, Sendable {
    /// Per-component progress.
    public struct Component: Codable, Equatable, Sendable {
        public var name: String
        public var count: Int
        public var epoch: Int
        public var position: Int
    }
    /// The mixture seed.
    public var seed: UInt64
    /// Draws made so far.
    public var drawn: Int
    /// State of the component-choice generator.
    public var rng: RNG
    /// One entry per component, in mixture order.
    public var components: [Component]
}

/// One draw from a mixture.
public struct MixtureSample: Equatable, Sendable {
    /// Index of the component drawn from.
    public var component: Int
    /// Index of the sequence within the component.
    public var index: Int
    /// The `seqLen + 1` tokens.
    public var tokens: ArraySlice<Int32>
}

/// A weighted mixture of packed corpora (a value type: copying it forks the stream).
public struct Mixture: Sendable {
    /// The components in order.
    public let components: [MixtureComponent]
    /// Normalised weights, summing to 1.
    public let proportions: [Double]
    /// The current position; save it and pass it to `restore` to resume.
    public private(set) var cursor: MixtureCursor
    private var orders: [[Int]]

    /// - Throws: `DataError.invalidArgument` for no components, a weight ≤ 0 or not finite,
    ///   a component without sequences, or components with different sequence lengths.
    public init(components: [MixtureComponent], seed: UInt64) throws {
        guard !components.isEmpty else { throw DataError.invalidArgument("a mixture needs at least one component") }
        for c in components {
            guard c.weight.isFinite, c.weight > 0 else { throw DataError.invalidArgument("weight of '\(c.name)' must be > 0, got \(c.weight)") }
            guard c.sequences.count > 0 else { throw DataError.invalidArgument("component '\(c.name)' has no full sequence") }
            guard c.sequences.seqLen == components[0].sequences.seqLen else {
                throw DataError.invalidArgument("component '\(c.name)' has seqLen \(c.sequences.seqLen), expected \(components[0].sequences.seqLen)")
            }
        }
        let total = components.reduce(0) { $0 + $1.weight }
        self.components = components
        self.proportions = components.map { $0.weight / total }
        self.cursor = MixtureCursor(seed: seed, drawn: 0, rng: RNG(seed: seed, stream: "mixture"),
                                    components: components.map { .init(name: $0.name, count: $0.sequences.count, epoch: 0, position: 0) })
        self.orders = []
        self.orders = components.indices.map { order(component: $0, epoch: 0) }
    }

    /// The next sequence.
    public mutating func next() -> MixtureSample {
        let u = cursor.rng.uniformDouble()
        var c = 0, acc = 0.0
        while c < proportions.count - 1 { acc += proportions[c]; if u < acc { break }; c += 1 }
        var state = cursor.components[c]
        if state.position >= state.count {
            state.epoch += 1; state.position = 0
            orders[c] = order(component: c, epoch: state.epoch)
        }
        let index = orders[c][state.position]
        state.position += 1
        cursor.components[c] = state
        cursor.drawn += 1
        let seqs = components[c].sequences
        let start = index * seqs.seqLen
        return MixtureSample(component: c, index: index, tokens: seqs.stream[start..<(start + seqs.seqLen + 1)])
    }

    /// The next `n` sequences.
    public mutating func next(batch n: Int) -> [MixtureSample] { (0..<max(0, n)).map { _ in next() } }

    /// Continues from a saved cursor.
    /// - Throws: `DataError.cursorMismatch` when names, counts or seed differ.
    public mutating func restore(_ saved: MixtureCursor) throws {
        guard saved.seed == cursor.seed else { throw DataError.cursorMismatch(reason: "seed \(saved.seed) ≠ \(cursor.seed)") }
        guard saved.components.count == components.count else {
            throw DataError.cursorMismatch(reason: "\(saved.components.count) components saved, mixture has \(components.count)")
        }
        for (s, c) in zip(saved.components, components) {
            guard s.name == c.name, s.count == c.sequences.count, s.position >= 0, s.position <= s.count, s.epoch >= 0 else {
                throw DataError.cursorMismatch(reason: "component '\(s.name)' (\(s.count) sequences) does not match '\(c.name)' (\(c.sequences.count))")
            }
        }
        cursor = saved
        orders = components.indices.map { order(component: $0, epoch: saved.components[$0].epoch) }
    }

    /// The shuffled visiting order of a component in an epoch.
    private func order(component c: Int, epoch: Int) -> [Int] {
        var rng = RNG(seed: cursor.seed, stream: "order/\(components[c].name)/\(epoch)")
        var p = Array(0..<components[c].sequences.count)
        if p.count > 1 {
            for i in stride(from: p.count - 1, to: 0, by: -1) { p.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        }
        return p
    }
}
