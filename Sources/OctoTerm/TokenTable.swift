// A paged table of a response's tokens: text, id, logprob, entropy, top-k alternatives.

/// One generated token and what the model thought of it.
public struct TokenInfo: Sendable, Equatable {
    /// Position in the sequence (0-based, counted from wherever the caller counts).
    public var position: Int
    public var text: String
    public var id: Int
    /// Log-probability of this token under the sampling distribution.
    public var logprob: Double?
    /// Entropy (nats) of the distribution the token was drawn from.
    public var entropy: Double?
    /// The most likely alternatives with their probabilities, most likely first.
    public var topK: [Alternative]
    public var reward: Double?
    public var advantage: Double?

    /// An alternative token and its probability.
    public struct Alternative: Sendable, Equatable {
        public var text: String
        public var probability: Double
        public init(_ text: String, _ probability: Double) { self.text = text; self.probability = probability }
    }

    public init(position: Int, text: String, id: Int, logprob: Double? = nil, entropy: Double? = nil,
                topK: [Alternative] = [], reward: Double? = nil, advantage: Double? = nil) {
        self.position = position; self.text = text; self.id = id; self.logprob = logprob
        self.entropy = entropy; self.topK = topK; self.reward = reward; self.advantage = advantage
    }
}

/// The tokens of a response as a table, `pageSize` rows per page.
///
///     ┌─────┬────────┬─────┬─────────┬─────────┬───────────────────────────┐
///     │ pos │ token  │  id │ logprob │ entropy │ top-k                     │
///     ├─────┼────────┼─────┼─────────┼─────────┼───────────────────────────┤
///     │   0 │ ·The   │ 578 │  -0.105 │   0.412 │ ·The(0.9) ·So(0.05)       │
///
/// Reward and advantage columns appear only when some token has them.
public struct TokenTable: Sendable, Equatable {
    public var tokens: [TokenInfo]
    public private(set) var pageSize: Int

    /// - Throws: `TermError.invalidArgument` when `pageSize` < 1.
    public init(tokens: [TokenInfo], pageSize: Int = 20) throws {
        guard pageSize >= 1 else { throw TermError.invalidArgument(name: "pageSize", reason: "must be at least 1, got \(pageSize)") }
        self.tokens = tokens; self.pageSize = pageSize
    }

    /// Number of pages (at least 1, an empty table has one empty page).
    public var pageCount: Int { max(1, (tokens.count + pageSize - 1) / pageSize) }

    /// The table of page `index` (0-based).
    /// - Throws: `TermError.pageOutOfRange`.
    public func page(_ index: Int) throws -> Table {
        guard index >= 0 && index < pageCount else { throw TermError.pageOutOfRange(page: index, pageCount: pageCount) }
        let start = index * pageSize
        let slice = tokens[start..<min(tokens.count, start + pageSize)]
        let hasReward = tokens.contains { $0.reward != nil }
        let hasAdvantage = tokens.contains { $0.advantage != nil }
        var columns = [Table.Column("pos"), Table.Column("token"), Table.Column("id"),
                       Table.Column("logprob", alignment: .right, format: .fixed(3)),
                       Table.Column("entropy", alignment: .right, format: .fixed(3))]
        if hasReward { columns.append(Table.Column("reward", alignment: .right, format: .fixed(3))) }
        if hasAdvantage { columns.append(Table.Column("advantage", alignment: .right, format: .fixed(3))) }
        columns.append(Table.Column("top-k", alignment: .left))
        var table = Table(columns: columns)
        for t in slice {
            var row: [Table.Cell] = [.integer(t.position), .text(visibleToken(t.text)), .integer(t.id),
                                     t.logprob.map(Table.Cell.number) ?? .empty, t.entropy.map(Table.Cell.number) ?? .empty]
            if hasReward { row.append(t.reward.map(Table.Cell.number) ?? .empty) }
            if hasAdvantage { row.append(t.advantage.map(Table.Cell.number) ?? .empty) }
            row.append(.text(Self.alternatives(t.topK)))
            try table.append(row)
        }
        return table
    }

    /// "·the(0.41) ·a(0.22)".
    static func alternatives(_ topK: [TokenInfo.Alternative]) -> String {
        topK.map { "\(visibleToken($0.text))(\(NumberFormat.significant($0.probability, digits: 2)))" }
            .joined(separator: " ")
    }

    /// Page `index` as text with a footer line "page 1/3 · tokens 0–19 of 57".
    /// - Throws: `TermError.pageOutOfRange`.
    /// With `width`, the table fits in that many columns (top-k is cut first; TableFit.swift).
    public func render(page index: Int = 0, style: Table.Style = .box, color: ColorMode = .off, width: Int? = nil) throws -> String {
        let table = try page(index)
        let start = index * pageSize
        let end = min(tokens.count, start + pageSize)
        let range = tokens.isEmpty ? "no tokens" : "tokens \(start)–\(end - 1) of \(tokens.count)"
        return table.render(style: style, color: color, width: width) + "page \(index + 1)/\(pageCount) · \(range)\n"
    }
}
