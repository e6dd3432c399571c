// Aggregates of CoT analyses over a batch of responses: the rates a study plots against RL
// steps (reflection, repetition, truncation, accuracy) and the mean length.

/// Rates and means over many `CoTAnalysis` values.
public struct CoTBatchSummary: Sendable, Equatable {
    public var count: Int
    /// Share of responses with at least one reflection phrase.
    public var reflectionRate: Double
    /// Reflection phrases per response.
    public var meanReflections: Double
    /// Share of responses with a repetition loop.
    public var repetitionRate: Double
    /// Mean share of repeated word n-grams.
    public var meanNgramRepetition: Double
    /// Share of responses cut at the length limit.
    public var truncationRate: Double
    /// Mean `length` (tokens when known).
    public var meanLength: Double
    /// Share whose final answer is correct, over the responses that have a gold (nil if none has).
    public var accuracy: Double?
    /// Share that stated a correct answer somewhere, over those with a gold.
    public var correctSomewhereRate: Double?
    /// Share that stated a correct answer and ended wrong, over those with a gold.
    public var overwrittenRate: Double?
    /// Mean token (or word) position of the first correct answer, over responses that have one.
    public var meanFirstCorrectPosition: Double?

    public init(_ analyses: [CoTAnalysis]) {
        count = analyses.count
        let n = Double(max(1, analyses.count))
        func share(_ p: (CoTAnalysis) -> Bool) -> Double { Double(analyses.filter(p).count) / n }
        reflectionRate = share(\.hasReflection)
        meanReflections = Double(analyses.map(\.reflections.count).reduce(0, +)) / n
        repetitionRate = share(\.hasLoop)
        meanNgramRepetition = analyses.map(\.ngramRepetition).reduce(0, +) / n
        truncationRate = share(\.truncated)
        meanLength = Double(analyses.map(\.length).reduce(0, +)) / n
        let graded = analyses.filter { $0.correct != nil }
        if graded.isEmpty {
            accuracy = nil; correctSomewhereRate = nil; overwrittenRate = nil
        } else {
            let g = Double(graded.count)
            accuracy = Double(graded.filter { $0.correct == true }.count) / g
            correctSomewhereRate = Double(graded.filter { $0.firstCorrect != nil }.count) / g
            overwrittenRate = Double(graded.filter(\.overwritten).count) / g
        }
        let firsts = analyses.compactMap { a in a.firstCorrect.map { a.position(ofByte: $0.offset) } }
        meanFirstCorrectPosition = firsts.isEmpty ? nil : Double(firsts.reduce(0, +)) / Double(firsts.count)
    }
}
