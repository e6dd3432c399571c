// JSONWriter: builds JSON text with keys in the order written (HF's layout), for the
// tokenizer.json of a trained tokenizer and for tokenizer_config.json.

import Foundation
import OctoBase

/// Appends JSON tokens to a byte buffer; strings go through OctoBase's `JSONQuote` (serde_json's
/// escapes, raw UTF-8).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func string(_ s: String) { JSONQuote.append(s, to: &bytes) }

    /// `"key": ` with the given indentation.
    mutating func key(_ k: String, indent: Int) {
        bytes.append(contentsOf: repeatElement(0x20, count: indent))
        string(k)
        raw(": ")
    }

    var data: Data { Data(bytes) }
}
