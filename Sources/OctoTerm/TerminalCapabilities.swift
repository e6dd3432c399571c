// What the terminal on the other end of a file descriptor can show.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether output goes to a terminal, which colours it shows, and how wide it is.
///
/// Colour is off when `NO_COLOR` is set (https://no-color.org), when `TERM=dumb`, or when the
/// output is not a terminal (unless `FORCE_COLOR` is set). Truecolour when `COLORTERM` is
/// `truecolor` or `24bit`, otherwise 256 colours. Width from `ioctl(TIOCGWINSZ)`, then
/// `COLUMNS`, then 80.
public struct TerminalCapabilities: Sendable, Equatable {
    /// Output goes to a terminal (progress bars redraw in place).
    public var isTTY: Bool
    /// How colour is written; `.off` for plain text.
    public var color: ColorMode
    /// Columns available.
    public var width: Int

    public init(isTTY: Bool, color: ColorMode, width: Int) {
        self.isTTY = isTTY; self.color = color; self.width = max(1, width)
    }

    /// Not a terminal, no colour, 80 columns: what tests and files get.
    public static let plain = TerminalCapabilities(isTTY: false, color: .off, width: 80)

    /// The capabilities of the terminal behind `fileDescriptor` (stdout by default).
    public static func detect(fileDescriptor: Int32 = 1,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalCapabilities {
        let tty = isatty(fileDescriptor) == 1
        return resolve(isTTY: tty, environment: environment, windowWidth: tty ? windowWidth(fileDescriptor) : nil)
    }

    /// The decision of `detect` from its inputs, without touching the process (for tests).
    public static func resolve(isTTY: Bool, environment: [String: String], windowWidth: Int?) -> TerminalCapabilities {
        let set = { (name: String) -> Bool in !(environment[name] ?? "").isEmpty }
        let term = (environment["TERM"] ?? "").lowercased()
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        let forced = set("FORCE_COLOR") && environment["FORCE_COLOR"] != "0"
        var color: ColorMode
        if set("NO_COLOR") || term == "dumb" || !(isTTY || forced) {
            color = .off
        } else if colorTerm == "truecolor" || colorTerm == "24bit" || term.contains("truecolor") || term.contains("24bit") {
            color = .truecolor
        } else {
            color = .ansi256
        }
        var width = 80
        if let w = windowWidth, w > 0 {
            width = w
        } else if let columns = environment["COLUMNS"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), columns > 0 {
            width = columns
        }
        return TerminalCapabilities(isTTY: isTTY, color: color, width: width)
    }

    /// Columns of the terminal window behind `fileDescriptor`, or nil.
    static func windowWidth(_ fileDescriptor: Int32) -> Int? {
        var size = winsize()
        #if canImport(Glibc)
        let result = ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size)
        #else
        let result = ioctl(fileDescriptor, TIOCGWINSZ, &size)
        #endif
        return result == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
    }
}
