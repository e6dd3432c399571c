// Colours: RGB values, terminal colour modes, ANSI escapes, colour scales and the palette.

/// How colour is written to the terminal.
public enum ColorMode: String, Sendable, Equatable {
    /// No escapes at all: plain text.
    case off
    /// xterm 256-colour palette (`ESC[38;5;Nm`).
    case ansi256
    /// 24-bit colour (`ESC[38;2;R;G;Bm`).
    case truecolor
}

/// An sRGB colour with 8-bit channels.
public struct RGB: Sendable, Equatable {
    public var red: UInt8, green: UInt8, blue: UInt8
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red; self.green = green; self.blue = blue
    }

    /// Parses "#rrggbb"; nil when malformed.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let v = UInt32(digits, radix: 16) else { return nil }
        self.init(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
    }

    /// "#rrggbb", for SVG.
    public var hex: String {
        let digits = [red, green, blue].map { b -> String in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + digits.joined()
    }

    /// Relative luminance in 0...1 (sRGB weights, no gamma), to pick black or white text.
    public var luminance: Double {
        (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
    }

    /// The nearest entry of the xterm 256-colour 6×6×6 cube or grey ramp.
    public var xterm256: Int {
        let levels: [Int] = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ c: UInt8) -> Int {
            var best = 0
            for i in 1..<levels.count where abs(levels[i] - Int(c)) < abs(levels[best] - Int(c)) { best = i }
            return best
        }
        let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        let cube = 16 + 36 * r + 6 * g + b
        let cubeError = sq(levels[r] - Int(red)) + sq(levels[g] - Int(green)) + sq(levels[b] - Int(blue))
        let mean = (Int(red) + Int(green) + Int(blue)) / 3
        let greyIndex = max(0, min(23, (mean - 8 + 5) / 10))
        let grey = 8 + 10 * greyIndex
        let greyError = sq(grey - Int(red)) + sq(grey - Int(green)) + sq(grey - Int(blue))
        return greyError < cubeError ? 232 + greyIndex : cube
    }

    /// Linear interpolation between two colours, `t` in 0...1.
    public static func mix(_ a: RGB, _ b: RGB, _ t: Double) -> RGB {
        let t = min(1, max(0, t))
        func channel(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) + (Double(y) - Double(x)) * t).rounded())
        }
        return RGB(channel(a.red, b.red), channel(a.green, b.green), channel(a.blue, b.blue))
    }

    private func sq(_ x: Int) -> Int { x * x }
}

/// ANSI escape sequences for a colour mode; every function returns `text` unchanged when off.
public enum ANSI {
    public static let reset = "\u{1B}[0m"

    /// `text` in the foreground colour `color`.
    public static func foreground(_ text: String, _ color: RGB, mode: ColorMode) -> String {
        switch mode {
        case .off: return text
        case .ansi256: return "\u{1B}[38;5;\(color.xterm256)m\(text)\(reset)"
        case .truecolor: return "\u{1B}[38;2;\(color.red);\(color.green);\(color.blue)m\(text)\(reset)"
        }
    }

    /// `text` on background `color`, with black or white text, whichever reads better.
    public static func background(_ text: String, _ color: RGB, mode: ColorMode) -> String {
        let ink = color.luminance > 0.55 ? RGB(0, 0, 0) : RGB(255, 255, 255)
        switch mode {
        case .off: return text
        case .ansi256:
            return "\u{1B}[48;5;\(color.xterm256);38;5;\(ink.xterm256)m\(text)\(reset)"
        case .truecolor:
            return "\u{1B}[48;2;\(color.red);\(color.green);\(color.blue);38;2;\(ink.red);\(ink.green);\(ink.blue)m\(text)\(reset)"
        }
    }

    /// `text` in bold (SGR 1) when colour is on.
    public static func bold(_ text: String, mode: ColorMode) -> String {
        mode == .off ? text : "\u{1B}[1m\(text)\(reset)"
    }

    /// `text` dimmed (SGR 2) when colour is on.
    public static func dim(_ text: String, mode: ColorMode) -> String {
        mode == .off ? text : "\u{1B}[2m\(text)\(reset)"
    }
}

/// Colours of plot series, in order (Tableau 10, distinct and colour-blind aware).
public enum Palette {
    public static let series: [RGB] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ].compactMap { RGB(hex: $0) }

    /// The colour of series `index` (wrapping around).
    public static func color(_ index: Int) -> RGB {
        series[((index % series.count) + series.count) % series.count]
    }
}

/// A colour scale from a list of evenly spaced stops.
public struct ColorScale: Sendable, Equatable {
    public var stops: [RGB]
    public init(stops: [RGB]) { self.stops = stops.isEmpty ? [RGB(255, 255, 255)] : stops }

    /// The colour at `t` in 0...1 (clamped).
    public func color(at t: Double) -> RGB {
        guard stops.count > 1, t.isFinite else { return stops[0] }
        let x = min(1, max(0, t)) * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(x))
        return RGB.mix(stops[i], stops[i + 1], x - Double(i))
    }

    /// Pale yellow → orange → dark red (ColorBrewer YlOrRd): for "how much attention".
    public static let heat = ColorScale(stops: ["#ffffcc", "#fed976", "#fd8d3c", "#e31a1c", "#800026"].compactMap { RGB(hex: $0) })
    /// Red → white → blue (ColorBrewer RdBu): for signed values such as advantages.
    public static let diverging = ColorScale(stops: ["#b2182b", "#f4a582", "#f7f7f7", "#92c5de", "#2166ac"].compactMap { RGB(hex: $0) })
}
