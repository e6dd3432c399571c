// How the RL loop turns text into ids and back, and which ids end a response. Usually the
// model's tokenizer; tests and toy tasks may use a tiny character codec instead.
import OctoTokenizer
import OctoModel

/// Text ↔ ids for prompts and responses, plus the ids that stop generation (EOS).
public struct TextCodec {
    public var encode: (String) -> [Int]
    public var decode: ([Int]) -> String
    public var stopTokens: Set<Int>

    public init(encode: @escaping (String) -> [Int], decode: @escaping ([Int]) -> String, stopTokens: Set<Int>) {
        self.encode = encode; self.decode = decode; self.stopTokens = stopTokens
    }

    /// The tokenizer's codec: special tokens added to prompts as the tokenizer does (BOS for
    /// Llama-3), responses decoded with special tokens skipped; stop at the tokenizer's EOS and
    /// the model's `eos_token_id`s.
    public init(tokenizer: Tokenizer, extraStops: [Int] = []) {
        encode = { tokenizer.encode($0) }
        decode = { tokenizer.decode($0, skipSpecialTokens: true) }
        stopTokens = Set(extraStops + (tokenizer.eosId.map { [$0] } ?? []))
    }

    /// The codec of `model`'s tokenizer.
    /// - Throws: `RLError.invalidInput` when the model has no tokenizer.
    public static func of(_ model: DecoderModel) throws -> TextCodec {
        guard let tok = model.tokenizer else {
            throw RLError.invalidInput("the model has no tokenizer; pass a codec or load a model folder with tokenizer.json")
        }
        return TextCodec(tokenizer: tok, extraStops: model.config.eosTokenIds)
    }

    /// A character codec over `alphabet` (id = position; unknown characters are dropped) with
    /// one extra stop id `alphabet.count` that decodes to nothing.
    public static func characters(_ alphabet: [Character]) -> TextCodec {
        var index: [Character: Int] = [:]
        for (i, c) in alphabet.enumerated() where index[c] == nil { index[c] = i }
        let eos = alphabet.count
        return TextCodec(encode: { text in text.compactMap { index[$0] } },
                         decode: { ids in String(ids.compactMap { $0 >= 0 && $0 < alphabet.count ? alphabet[$0] : nil }) },
                         stopTokens: [eos])
    }
}
