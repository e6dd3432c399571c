// JSONWriter: builds JSON text with keys in the order written (HF's layout), for the
// tokenizer.json of a trained tokenizer and for tokenizer_config.json.

import Foundation

/// Appends JSON tokens to a byte buffer. Non-ASCII text is written as raw UTF-8 (as
/// serde_json does); quotes, backslashes and control characters are escaped.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func string(_ s: String) {
        bytes.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }

    /// `"key": ` with the given indentation.
    mutating func key(_ k: String, indent: Int) {
        bytes.append(contentsOf: repeatElement(0x20, count: indent))
        string(k)
        raw(": ")
    }

    var data: Data { Data(bytes) }
}
