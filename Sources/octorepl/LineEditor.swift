// GNU readline through CReadline, with its callback interface so that Ctrl-C at the prompt
// (SIGINT interrupts poll) clears the line. History persists, de-duplicated, in
// ~/.octorepl_history (or $OCTOREPL_HISTORY), one entry per cell (a multi-line cell is
// recalled whole by up-arrow). Completion: ReadlineCompletion.swift.
import CReadline
import Foundation
import Glibc
import OctoScript

/// What one prompt produced.
enum ReadResult: Equatable {
    case line(String)
    case endOfInput
    case interrupted
}

nonisolated(unsafe) private var pendingLine: String?
nonisolated(unsafe) private var lineDone = false

private let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { pointer in
    if let pointer {
        pendingLine = String(cString: pointer)
        free(pointer)
    } else {
        pendingLine = nil
    }
    lineDone = true
    rl_callback_handler_remove()
}

/// Self-pipe: the SIGINT handler writes a byte so that poll wakes whichever thread got the signal.
nonisolated(unsafe) private var wakeRead: Int32 = -1
nonisolated(unsafe) private var wakeWrite: Int32 = -1

private let interruptHandler: @convention(c) (Int32) -> Void = { _ in
    Interrupt.request()
    if wakeWrite >= 0 { var byte: UInt8 = 1; _ = write(wakeWrite, &byte, 1) }
}

/// The REPL's line editor.
final class LineEditor {
    let historyPath: String

    init() {
        let env = ProcessInfo.processInfo.environment
        historyPath = env["OCTOREPL_HISTORY"] ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.octorepl_history")
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        using_history()
        // A multi-line cell is one entry; "#<time>" lines in the file mark where entries
        // start, so entries with newlines survive a restart. (The comment character must be
        // set, or readline stamps entries with an empty string and writes no marks.) A file
        // from before, without marks, is read a line per entry.
        history_comment_char = CChar(UInt8(ascii: "#"))
        history_write_timestamps = 1
        stifle_history(2000)
        history_multiline_entries = LineEditor.hasTimestamps(historyPath) ? 1 : 0
        _ = read_history(historyPath)
        history_multiline_entries = 1
        installCompletion()
        LineEditor.installInterruptHandler()
    }

    /// Whether the history file's first line is a "#<digits>" time mark.
    static func hasTimestamps(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 32), as: UTF8.self)
        let first = head.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return first.count > 1 && first.hasPrefix("#") && first.dropFirst().allSatisfy(\.isNumber)
    }

    /// SIGINT sets the interrupt flag; no SA_RESTART, so a waiting poll returns EINTR.
    static func installInterruptHandler() {
        Interrupt.prepare()
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            wakeRead = fds[0]; wakeWrite = fds[1]
            _ = fcntl(wakeRead, F_SETFL, O_NONBLOCK); _ = fcntl(wakeWrite, F_SETFL, O_NONBLOCK)
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = interruptHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Reads one line with editing; Ctrl-C gives `.interrupted`, Ctrl-D `.endOfInput`.
    func readLine(prompt: String) -> ReadResult {
        lineDone = false
        pendingLine = nil
        // Clear the flag and drain old wake bytes *before* the prompt is drawn: a Ctrl-C typed
        // at the prompt then sets the flag (seen by the check before each poll) or writes its
        // byte after the drain (which wakes poll). Draining after the prompt could swallow the
        // byte of a Ctrl-C typed at once, and poll waited for ever (a pty test caught it).
        Interrupt.clear()
        drainWakePipe()
        rl_callback_handler_install(prompt, lineHandler)
        while !lineDone {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = Interrupt.isRequested ? 0 : poll(&fds, wakeRead >= 0 ? 2 : 1, -1)
            if ready < 0 && errno != EINTR {
                rl_callback_handler_remove()
                return .endOfInput
            }
            if Interrupt.isRequested {
                Interrupt.clear()
                drainWakePipe()
                // Redraw the prompt with an empty line and end it with ^C, before readline's
                // clean-up (which returns the cursor to column 0) can put ^C over the prompt.
                rl_replace_line("", 0)
                rl_redisplay()
                FileHandle.standardOutput.write(Data("^C\n".utf8))
                rl_callback_sigcleanup()
                rl_callback_handler_remove()
                return .interrupted
            }
            if ready > 0, fds[0].revents & Int16(POLLIN | POLLHUP) != 0 { rl_callback_read_char() }
        }
        guard let line = pendingLine else { return .endOfInput }
        return .line(line)
    }

    private func drainWakePipe() {
        guard wakeRead >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buffer, buffer.count) > 0 {}
    }

    /// Adds a line to the history, removing older copies, and saves the file.
    func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        var i = Int32(history_length) - 1
        while i >= 0 {
            if let entry = history_get(history_base + i), let text = entry.pointee.line, String(cString: text) == line {
                if let removed = remove_history(i) { _ = free_history_entry(removed) }
            }
            i -= 1
        }
        add_history(line)
        _ = write_history(historyPath)
    }

    /// The history, oldest first.
    func entries() -> [String] {
        (0..<Int32(history_length)).compactMap { i in
            history_get(history_base + i).flatMap { $0.pointee.line.map { String(cString: $0) } }
        }
    }
}
