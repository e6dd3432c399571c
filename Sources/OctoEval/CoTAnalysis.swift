// The structure of one chain of thought: steps, reflection phrases, repetition loops, the
// answers it states along the way (and the first correct one), the final extracted answer,
// and truncation. Pure text analysis: works on any response string, with token positions
// when the caller gives the byte length of each token.
//
//     let a = CoTAnalysis(text: response, gold: "17", truncated: sample.truncated,
//                         tokenByteLengths: ids.map { tokenizer.tokenBytes($0).count })
//     a.reflections.first?.token     // where the first "Wait," is
//     a.firstCorrect?.token          // where the answer was first right
//     a.overwritten                  // right once, wrong at the end
//
// The batch view is `CoTBatchSummary` (CoTAnalysisBatch.swift).

/// The analysis of one response.
public struct CoTAnalysis: Sendable {
    /// Knobs of the detectors.
    public struct Options: Sendable {
        public var steps: CoTStepUnit = .line
        public var reflection = ReflectionDetector()
        public var repetition = RepetitionDetector()
        /// n of the n-gram repetition share.
        public var ngram = 4
        public var style: GradingStyle = .math
        public init(steps: CoTStepUnit = .line, reflection: ReflectionDetector = ReflectionDetector(),
                    repetition: RepetitionDetector = RepetitionDetector(), ngram: Int = 4, style: GradingStyle = .math) {
            self.steps = steps; self.reflection = reflection; self.repetition = repetition; self.ngram = ngram; self.style = style
        }
    }

    public var text: String
    public var gold: String?
    /// Tokens (when their lengths were given), else nil.
    public var tokenCount: Int?
    public var wordCount: Int
    /// `tokenCount` when known, else `wordCount`.
    public var length: Int { tokenCount ?? wordCount }
    public var steps: [CoTStep]
    public var reflections: [ReflectionMark]
    public var loops: [RepetitionLoop]
    /// Share of repeated word n-grams (`RepetitionDetector.ngramRepetition`).
    public var ngramRepetition: Double
    /// Answers stated along the way, graded when a gold was given.
    public var mentions: [AnswerMention]
    /// The grader's final answer, or nil.
    public var finalAnswer: String?
    /// Whether the final answer matches the gold (nil without a gold).
    public var correct: Bool?
    /// The response hit the length limit.
    public var truncated: Bool
    /// Token boundaries, when token lengths were given.
    public var tokenOffsets: TokenOffsets?

    /// - Parameters:
    ///   - text: the response.
    ///   - gold: the reference answer, if known.
    ///   - truncated: whether generation stopped at max_tokens.
    ///   - tokenByteLengths: UTF-8 bytes of each token, to report token positions.
    public init(text: String, gold: String? = nil, truncated: Bool = false, tokenByteLengths: [Int]? = nil,
                options: Options = Options()) {
        let tokens = tokenByteLengths.map { TokenOffsets(byteLengths: $0) }
        self.text = text; self.gold = gold; self.truncated = truncated
        tokenCount = tokens?.count
        tokenOffsets = tokens
        wordCount = RepetitionDetector.words(text).count
        steps = CoTSteps.split(text, by: options.steps, tokens: tokens)
        reflections = options.reflection.marks(in: text, tokens: tokens)
        loops = options.repetition.loops(in: text, tokens: tokens)
        ngramRepetition = RepetitionDetector.ngramRepetition(text, n: options.ngram)
        let found = IntermediateAnswers.mentions(in: text, tokens: tokens)
        finalAnswer = Grader.extract(text, style: options.style)
        if let gold {
            let grader = Grader()
            mentions = IntermediateAnswers.grade(found, gold: gold, grader: grader)
            correct = finalAnswer.map { grader.equivalent(gold, $0) } ?? false
        } else {
            mentions = found
            correct = nil
        }
    }

    /// The position of a byte offset in `length` units: the token holding it when token
    /// lengths are known, else the index of the word it falls in (or precedes).
    public func position(ofByte offset: Int) -> Int {
        if let t = tokenOffsets?.token(atByte: offset) { return t }
        return max(0, RepetitionDetector.words(text).filter { $0.offset <= offset }.count - 1)
    }

    /// The first stated answer equivalent to the gold (nil without a gold or when none is).
    public var firstCorrect: AnswerMention? { mentions.first { $0.correct == true } }
    /// Some loop was found.
    public var hasLoop: Bool { !loops.isEmpty }
    /// Some reflection phrase was found.
    public var hasReflection: Bool { !reflections.isEmpty }
    /// A correct answer was stated, but the final answer is wrong: the model talked itself out of it.
    public var overwritten: Bool { firstCorrect != nil && correct == false }
}
