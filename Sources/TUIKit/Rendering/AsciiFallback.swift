/// What to draw for a grapheme the terminal's locale cannot encode (LANG=C, vt100): box drawing becomes
/// + - |, blocks become #, the ellipsis becomes ~, anything else '?' per column. Never garbage bytes.
public enum AsciiFallback {
    /// The ASCII replacement for `grapheme` spanning `width` columns (the result is `width` characters).
    public static func replacement(for grapheme: String, width: Int) -> String {
        guard let scalar = grapheme.unicodeScalars.first else { return "" }
        if scalar.value >= 0x20, scalar.value < 0x7F, grapheme.unicodeScalars.count == 1 { return grapheme }
        let one: Character
        switch scalar.value {
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550: one = "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551: one = "|"
        case 0x250C...0x254B, 0x2552...0x256C, 0x256D...0x2570: one = "+"
        case 0x2581...0x2588: one = sparkLevel(scalar.value - 0x2581)
        case 0x2589...0x258F: one = "#"
        case 0x2026: one = "~"
        case 0x2191, 0x25B2: one = "^"
        case 0x2193, 0x25BC: one = "v"
        case 0x2190: one = "<"
        case 0x2192: one = ">"
        case 0x00B7, 0x2022: one = "*"
        case 0x00A0, 0x2000...0x200A: one = " "
        default: one = "?"
        }
        return String(repeating: String(one), count: max(1, width))
    }

    /// Sparkline levels keep some shape in ASCII: low, middle, high.
    static func sparkLevel(_ level: UInt32) -> Character {
        switch level {
        case 0...1: return "_"
        case 2...4: return "-"
        case 5...6: return "="
        default: return "#"
        }
    }
}
