/// How many colours the terminal can show; themes are degraded to the level before drawing.
public enum ColorLevel: Int, Comparable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// No colour at all: roles are told apart by bold, reverse, underline and dim.
    case monochrome = 0
    case ansi16 = 1
    case ansi256 = 2
    case truecolor = 3

    public static func < (a: ColorLevel, b: ColorLevel) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .monochrome: return "monochrome"
        case .ansi16: return "16"
        case .ansi256: return "256"
        case .truecolor: return "truecolor"
        }
    }

    /// The level to use, from the environment and what the terminal reports (curses `COLORS`,
    /// `has_colors`, `can_change_color`). `NO_COLOR` (any non-empty value) wins over everything.
    public static func detect(
        environment: [String: String], hasColors: Bool, colors: Int, canChangeColor: Bool
    ) -> ColorLevel {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let term = environment["TERM"] ?? ""
        if !hasColors || colors < 8 || term == "dumb" { return .monochrome }
        if colors >= 0x100_0000 { return .truecolor }  // direct-colour terminfo (xterm-direct)
        let colorterm = (environment["COLORTERM"] ?? "").lowercased()
        if colors >= 256 {
            if canChangeColor, colorterm == "truecolor" || colorterm == "24bit" { return .truecolor }
            return .ansi256
        }
        return .ansi16
    }
}
