import Foundation
import XCTest
@testable import OctoTokenizer

/// Pre-token splits against HF `pre_tokenizer.pre_tokenize_str` (tokenizers 0.23.3) on the
/// fixture tokenizers: contractions (with case folding, U+017F), Unicode whitespace,
/// digit groups, combining marks, the whitespace-before-newline and trailing-space rules.
final class PreTokenizerTests: XCTestCase {
    static let shared: [(String, [String])] = [
        ("'\u{017f} x", ["'Å¿", "Ġx"]),
        ("'S 'LL 'Ve 'd's", ["'S", "Ġ'", "LL", "Ġ'", "Ve", "Ġ'", "d", "'s"]),
        ("a\u{0085}b\u{2028}c \u{00a0} d\u{001c}\u{001f}e", ["a", "Âħb", "âĢ¨c", "ĠÂł", "Ġd", "Ĝğ", "e"]),
        ("  \t\n  x", ["ĠĠĉĊ", "Ġ", "Ġx"]),
        ("x \n\n y", ["x", "ĠĊĊ", "Ġy"]),
        ("e\u{0301}t", ["e", "Ìģt"]),
        ("  !!\n\nx", ["Ġ", "Ġ!!ĊĊ", "x"]),
        ("end   ", ["end", "ĠĠĠ"]),
        ("\r\n\r\n", ["čĊčĊ"]),
        ("a\t\tb", ["a", "ĉ", "ĉb"]),
        ("x=1;\n\ty", ["x", "=", "1", ";Ċ", "ĉy"]),
        ("it's 'twas", ["it", "'s", "Ġ'", "twas"]),
        ("ok.\n  \n", ["ok", ".Ċ", "ĠĠĊ"]),
    ]

    func split(_ text: String, digitGroup: Int) -> [String] {
        let pre = RegexSplitPreTokenizer(digitGroup: digitGroup)
        let bytes = Array(text.utf8)
        var out: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            pre.split(buffer) { out.append(ByteLevel.encode(bytes[$0..<$1])) }
        }
        return out
    }

    func testLlama3SplitsMatchHF() {
        let cases = Self.shared + [
            ("12345 \u{00bd}\u{00b2}\u{00b3}\u{2074} \u{216b}", ["123", "45", "Ġ", "Â½Â²Â³", "âģ´", "Ġ", "âħ«"]),
            ("\u{0663}\u{0664}\u{0665}\u{0666}", ["Ù£Ù¤Ù¥", "Ù¦"]),
        ]
        for (text, expected) in cases { XCTAssertEqual(split(text, digitGroup: 3), expected, text.debugDescription) }
    }

    func testQwen2SplitsMatchHF() {
        let cases = Self.shared + [
            ("12345 \u{00bd}\u{00b2}\u{00b3}\u{2074} \u{216b}", ["1", "2", "3", "4", "5", "Ġ", "Â½", "Â²", "Â³", "âģ´", "Ġ", "âħ«"]),
            ("\u{0663}\u{0664}\u{0665}\u{0666}", ["Ù£", "Ù¤", "Ù¥", "Ù¦"]),
        ]
        for (text, expected) in cases { XCTAssertEqual(split(text, digitGroup: 1), expected, text.debugDescription) }
    }

    /// Letters new in Unicode 17 are "other" for HF (Oniguruma has Unicode 16): U+0C5C
    /// joins a following letter like punctuation would, U+323B0 stands alone after "a".
    func testUnicode17LettersCountAsOther() {
        let pre = RegexSplitPreTokenizer(digitGroup: 3)
        let text = "\u{C5C}b a\u{323B0} \u{0C1F}"
        let bytes = Array(text.utf8)
        var pieces: [String] = []
        bytes.withUnsafeBufferPointer { buffer in pre.split(buffer) { pieces.append(String(decoding: bytes[$0..<$1], as: UTF8.self)) } }
        XCTAssertEqual(pieces, ["\u{C5C}b", " a", "\u{323B0}", " \u{0C1F}"])
    }

    func testPiecesTileTheText() throws {
        let tok = try Tokenizer(contentsOf: TestSupport.fixture("llama3-tok"))
        let text = "Mixed: 数学 😀 x²+1\r\n\t 'LL 12345"
        XCTAssertEqual(tok.preTokenize(text).flatMap { $0 }, Array(text.utf8))
    }

    func testRecognisesFamilyRegexes() {
        XCTAssertEqual(RegexSplitPreTokenizer.digitGroup(of: RegexSplitPreTokenizer.pattern(digitGroup: 3)), 3)
        XCTAssertEqual(RegexSplitPreTokenizer.digitGroup(of: RegexSplitPreTokenizer.pattern(digitGroup: 1)), 1)
        XCTAssertEqual(RegexSplitPreTokenizer.digitGroup(of: RegexSplitPreTokenizer.pattern(digitGroup: 2)), 2)
        XCTAssertNil(RegexSplitPreTokenizer.digitGroup(of: "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"))
    }
}
