// One math problem with a gold answer: the common shape of GSM8K, MATH/MATH-500, AMC23,
// OlympiadBench, MATH8K-style RL prompts and the lab benchmarks.

/// A math problem with its gold answer, as every benchmark loader and lab set returns it.
public struct Problem: Codable, Equatable, Hashable, Sendable {
    /// Stable identifier: the file's own id when it has one, else `<file>:<line>`.
    public var id: String
    /// The question text shown to the model.
    public var prompt: String
    /// The gold answer as the benchmark stores it (GSM8K: digits without commas; MATH:
    /// LaTeX such as `\frac{3}{4}`; OlympiadBench: the `final_answer` list joined by ", ").
    public var gold: String
    /// Where the problem comes from: "gsm8k", "math", "amc23", "olympiadbench", "math8k",
    /// "lab:gsm", … (or what the caller passed).
    public var source: String
    /// A reference solution when the format carries one.
    public var solution: String?
    /// Difficulty level when known (MATH "Level 3" → 3; lab levels 1–5).
    public var level: Int?

    public init(id: String, prompt: String, gold: String, source: String,
                solution: String? = nil, level: Int? = nil) {
        self.id = id; self.prompt = prompt; self.gold = gold; self.source = source
        self.solution = solution; self.level = level
    }
}
