// PreTokenizerPipeline: the whole `pre_tokenizer` of tokenizer.json (null, one step, or a
// Sequence of steps). The Llama-3/Qwen2 layout, Sequence[Split(family regex, Isolated),
// ByteLevel(use_regex: false)], runs on the hand-written splitter over byte ranges without
// copying (the fast path); anything else runs the steps on pieces (PreTokenizerStep).

/// The parsed pre-tokenizer.
struct PreTokenizerPipeline: Sendable {
    let steps: [PreTokenizerStep]
    /// Set when the pipeline is exactly the Llama-3/Qwen2 layout.
    let fast: RegexSplitPreTokenizer?
    /// Whether a ByteLevel step is present (the model then works on the byte-level alphabet).
    let byteLevel: Bool

    init(steps: [PreTokenizerStep]) {
        self.steps = steps
        var fast: RegexSplitPreTokenizer?
        if steps.count == 2, case .split(.familyRegex(let splitter), .isolated, invert: false) = steps[0],
           case .byteLevel(addPrefixSpace: false, useRegex: false) = steps[1] {
            fast = splitter
        }
        self.fast = fast
        byteLevel = steps.contains { if case .byteLevel = $0 { return true } else { return false } }
    }

    /// Parses the JSON `pre_tokenizer` (JSON null or absent: no pre-tokenization).
    static func parse(_ json: JSONValue?, file: String) throws -> PreTokenizerPipeline {
        guard let json, !json.isNull else { return PreTokenizerPipeline(steps: []) }
        var parts: [(JSONValue, String)] = [(json, "pre_tokenizer")]
        if json["type"]?.string == "Sequence" {
            guard let items = json["pretokenizers"]?.array else {
                throw TokenizerError.missingField(file: file, field: "pre_tokenizer.pretokenizers")
            }
            parts = items.enumerated().map { ($0.element, "pre_tokenizer.pretokenizers[\($0.offset)]") }
        }
        var steps: [PreTokenizerStep] = []
        for (i, (part, field)) in parts.enumerated() {
            let step = try PreTokenizerStep.parse(part, field: field, file: file)
            if case .byteLevel = step, i != parts.count - 1 {
                throw TokenizerError.unsupported(file: file, field: field, value: "ByteLevel before other pre-tokenizers (it must be the last step)")
            }
            steps.append(step)
        }
        let pipeline = PreTokenizerPipeline(steps: steps)
        if pipeline.byteLevel, steps.contains(where: { if case .metaspace = $0 { return true } else { return false } }) {
            throw TokenizerError.unsupported(file: file, field: "pre_tokenizer", value: "ByteLevel together with Metaspace")
        }
        return pipeline
    }

    /// The pre-tokens of one normalized text section; `atStart` when the section begins at
    /// offset 0 of the input.
    func pieces(_ bytes: [UInt8], atStart: Bool) -> [[UInt8]] {
        if bytes.isEmpty { return [] }
        if let fast {
            var out: [[UInt8]] = []
            bytes.withUnsafeBufferPointer { buffer in fast.split(buffer) { out.append(Array(bytes[$0..<$1])) } }
            return out
        }
        var pieces = [PrePiece(bytes: bytes, atStart: atStart)]
        for step in steps { pieces = step.apply(pieces) }
        return pieces.map(\.bytes).filter { !$0.isEmpty }
    }
}
