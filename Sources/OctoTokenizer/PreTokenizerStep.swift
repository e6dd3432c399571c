// PreTokenizerStep: one step of the `pre_tokenizer` of tokenizer.json, run on a list of
// pieces as HF's `PreTokenizedString::split` does (each step splits every piece further).
//
//   Split(pattern, behavior, invert)     see SplitBehavior and TextPattern
//   Digits(individual_digits)            numbers isolated, one per digit or one per run
//   ByteLevel(add_prefix_space, use_regex) a space before each piece that lacks one, then the
//                                         GPT-2 regex; must be the last step (the model then
//                                         reads bytes as the byte-level alphabet)
//   Metaspace(replacement, prepend_scheme, split)  spaces become "▁"; "always" puts one in
//                                         front of every piece, "first" only in front of the
//                                         piece at the start of the input; `split` cuts
//                                         before each "▁"
//   WhitespaceSplit                       pieces between whitespace

/// A piece of text during pre-tokenization: UTF-8 bytes, and whether it begins at offset 0
/// of the original input (Metaspace's `prepend_scheme: first`).
struct PrePiece: Equatable {
    var bytes: [UInt8]
    var atStart: Bool
}

/// One pre-tokenizer.
enum PreTokenizerStep: Sendable {
    case split(TextPattern, SplitBehavior, invert: Bool)
    case digits(individual: Bool)
    case byteLevel(addPrefixSpace: Bool, useRegex: Bool)
    case metaspace(replacement: [UInt8], prepend: PrependScheme, split: Bool)
    case whitespaceSplit

    enum PrependScheme: String, Sendable { case always, first, never }

    /// Applies the step to every piece.
    func apply(_ pieces: [PrePiece]) -> [PrePiece] {
        var out: [PrePiece] = []
        out.reserveCapacity(pieces.count)
        for piece in pieces { apply(piece, into: &out) }
        return out
    }

    private func apply(_ piece: PrePiece, into out: inout [PrePiece]) {
        func cut(_ bytes: [UInt8], _ ranges: [Range<Int>], atStart: Bool) {
            for (k, r) in ranges.enumerated() {
                out.append(PrePiece(bytes: Array(bytes[r]), atStart: atStart && k == 0 && r.lowerBound == 0))
            }
        }
        switch self {
        case .split(let pattern, let behavior, let invert):
            cut(piece.bytes, behavior.pieces(count: piece.bytes.count, matches: pattern.matches(piece.bytes), invert: invert),
                atStart: piece.atStart)
        case .digits(let individual):
            let ranges = Self.numberScalars(piece.bytes)
            cut(piece.bytes, (individual ? SplitBehavior.isolated : .contiguous).pieces(count: piece.bytes.count, matches: ranges, invert: false),
                atStart: piece.atStart)
        case .byteLevel(let addPrefixSpace, let useRegex):
            var bytes = piece.bytes
            if addPrefixSpace && bytes.first != 0x20 { bytes.insert(0x20, at: 0) }
            if useRegex {
                var ranges: [Range<Int>] = []
                bytes.withUnsafeBufferPointer { GPT2Regex.split($0) { ranges.append($0..<$1) } }
                cut(bytes, ranges, atStart: piece.atStart)
            } else if !bytes.isEmpty {
                out.append(PrePiece(bytes: bytes, atStart: piece.atStart))
            }
        case .metaspace(let replacement, let prepend, let split):
            var bytes = TextPattern.literal([0x20]).replace(piece.bytes, with: replacement)
            let starts = bytes.starts(with: replacement)
            if !starts && (prepend == .always || (prepend == .first && piece.atStart)) { bytes.insert(contentsOf: replacement, at: 0) }
            if split {
                cut(bytes, SplitBehavior.mergedWithNext.pieces(count: bytes.count, matches: TextPattern.literal(replacement).matches(bytes), invert: false),
                    atStart: piece.atStart)
            } else if !bytes.isEmpty {
                out.append(PrePiece(bytes: bytes, atStart: piece.atStart))
            }
        case .whitespaceSplit:
            let ranges = Self.scalarRanges(piece.bytes) { ScalarClass.of($0) == ScalarClass.space || ScalarClass.of($0) == ScalarClass.newline }
            cut(piece.bytes, SplitBehavior.removed.pieces(count: piece.bytes.count, matches: ranges, invert: false), atStart: piece.atStart)
        }
    }

    /// Byte ranges of the scalars with `\p{N}` (Rust's `char::is_numeric`).
    static func numberScalars(_ bytes: [UInt8]) -> [Range<Int>] {
        scalarRanges(bytes) { ScalarClass.of($0) == ScalarClass.number }
    }

    /// Byte ranges of the single scalars for which `test` holds.
    static func scalarRanges(_ bytes: [UInt8], _ test: (UInt32) -> Bool) -> [Range<Int>] {
        var out: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                let (v, len) = UTF8Scalars.decode(buffer, at: i)
                if test(v) { out.append(i..<(i + len)) }
                i += len
            }
        }
        return out
    }

    /// Parses one pre-tokenizer object (not a Sequence).
    static func parse(_ json: JSONValue, field: String, file: String) throws -> PreTokenizerStep {
        guard let type = json["type"]?.string else { throw TokenizerError.missingField(file: file, field: field + ".type") }
        switch type {
        case "Split":
            let pattern = try TextPattern.parse(json["pattern"], field: field + ".pattern", file: file)
            let name = json["behavior"]?.string ?? "Isolated"
            guard let behavior = SplitBehavior(rawValue: name) else {
                throw TokenizerError.unsupported(file: file, field: field + ".behavior", value: name)
            }
            return .split(pattern, behavior, invert: json["invert"]?.bool ?? false)
        case "Digits":
            return .digits(individual: json["individual_digits"]?.bool ?? false)
        case "ByteLevel":
            return .byteLevel(addPrefixSpace: json["add_prefix_space"]?.bool ?? true, useRegex: json["use_regex"]?.bool ?? true)
        case "Metaspace":
            let replacement = json["replacement"]?.string ?? "\u{2581}"
            guard replacement.unicodeScalars.count == 1 else {
                throw TokenizerError.unsupported(file: file, field: field + ".replacement", value: "\(replacement) (one character expected)")
            }
            var scheme = PrependScheme.always
            if let name = json["prepend_scheme"]?.string {
                guard let s = PrependScheme(rawValue: name) else {
                    throw TokenizerError.unsupported(file: file, field: field + ".prepend_scheme", value: name)
                }
                scheme = s
            } else if json["add_prefix_space"]?.bool == false {
                scheme = .never
            }
            return .metaspace(replacement: Array(replacement.utf8), prepend: scheme, split: json["split"]?.bool ?? true)
        case "WhitespaceSplit":
            return .whitespaceSplit
        default:
            throw TokenizerError.unsupported(file: file, field: field + ".type", value: type)
        }
    }
}
