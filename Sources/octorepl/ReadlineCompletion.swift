// Tab completion for readline. C callbacks cannot capture, so the session and the current
// matches live in globals; the candidates come from OctoScript's `Completion`, which reads
// the same registry as help and dir.
import CReadline
import Foundation
import Glibc
import OctoScript
import OctoSession

/// The session completion looks into, and the earlier lines of a multi-line cell.
nonisolated(unsafe) var completionSession: Session?
nonisolated(unsafe) var completionCellPrefix = ""
nonisolated(unsafe) private var completionMatches: [String] = []
nonisolated(unsafe) private var completionIndex = 0
nonisolated(unsafe) private var wordBreaks = strdup(" \t\n\"\\'`@$><=;|&{(,[]+-*/%:.")

private let generator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
    if state == 0 { completionIndex = 0 }
    guard completionIndex < completionMatches.count else { return nil }
    let match = completionMatches[completionIndex]
    completionIndex += 1
    return strdup(match)
}

private let completer: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, end in
    rl_attempted_completion_over = 1
    guard let session = completionSession, let buffer = rl_line_buffer else { return nil }
    let bytes = Array(String(cString: buffer).utf8.prefix(Int(end)))
    let prefix = String(decoding: bytes, as: UTF8.self)
    if completionCellPrefix.isEmpty, prefix.hasPrefix(":") {
        completionMatches = Session.magics.map { String($0.0.split(separator: " ")[0]) }.filter { $0.hasPrefix(prefix) }
        // The word is what follows the last break character (":"), so drop it.
        completionMatches = completionMatches.map { String($0.dropFirst()) }
    } else {
        completionMatches = Completion.candidates(for: completionCellPrefix + prefix, in: session.interpreter)
    }
    if !completionMatches.isEmpty, completionMatches.allSatisfy({ $0.hasSuffix("=") }) { rl_completion_append_character = 0 }
    return rl_completion_matches(text, generator)
}

extension LineEditor {
    func installCompletion() {
        rl_readline_name = UnsafePointer(strdup("octorepl"))
        rl_completer_word_break_characters = UnsafePointer(wordBreaks)
        rl_attempted_completion_function = completer
    }
}
