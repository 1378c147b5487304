/// A colour as a theme names it: the terminal's default, a palette index (0-255) or 24-bit RGB.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    case terminalDefault
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    /// The 16 ANSI names themes may use; "bright" variants are indices 8-15.
    public static let names: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "gray": 8, "grey": 8, "bright-black": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses "default", a name, "0"-"255" or "#rrggbb"; nil when it is none of them.
    public init?(parsing raw: String) {
        let text = raw.lowercased()
        if text == "default" || text == "none" { self = .terminalDefault; return }
        if let index = ThemeColor.names[text] { self = .indexed(index); return }
        if let n = Int(text), (0...255).contains(n) { self = .indexed(UInt8(n)); return }
        if text.hasPrefix("#"), text.count == 7, let v = UInt32(text.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
            return
        }
        return nil
    }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .indexed(let i): return "\(i)"
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}
