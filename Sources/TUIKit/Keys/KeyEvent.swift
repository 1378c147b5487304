import BillingCore

/// One input event from the terminal: a key, a mouse report or a resize.
///
/// Printable keys arrive as `.char`; control letters as `.ctrl("a")` (never as raw control characters),
/// so a binding and the footer can name them.
public enum KeyEvent: Hashable, Sendable {
    /// A printable grapheme (letters, digits, punctuation, space, CJK, emoji).
    case char(Character)
    /// Ctrl plus a lowercase letter, e.g. `.ctrl("a")` for ^A.
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1...F12 (or higher if the terminal sends them).
    case function(Int)
    case mouse(MouseEvent)
    /// The terminal changed size (also sent after resuming from a suspend so the app redraws).
    case resize(width: Int, height: Int)

    /// The event for a raw control byte (0x01...0x1A, ESC, DEL, ...) as a terminal sends it.
    public static func fromControl(_ byte: UInt8) -> KeyEvent? {
        switch byte {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(byte + 0x60)))
        default: return nil
        }
    }

    /// A short human label used by the footer, the help overlay and docs: "q", "Enter", "C-a", "PgDn", "F1".
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return TextSanitizer.clean(String(c))
        case .ctrl(let c): return "C-\(c)"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .mouse: return "Mouse"
        case .resize: return "Resize"
        }
    }

    /// Parses a label as written in a keymap or config ("q", "Enter", "C-a", "ctrl-a", "F5", "Up", "PgDn").
    public init?(label raw: String) {
        let text = raw.trimmingCharactersInWhitespace()
        let lower = text.lowercased()
        if let key = KeyEvent.named[lower] { self = key; return }
        if text.count == 1, let c = text.first, !c.isControlLike { self = .char(c); return }
        for prefix in ["c-", "ctrl-", "ctrl+", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, c.isASCII, c.isLetter { self = .ctrl(c); return }
            return nil
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { self = .function(n); return }
        return nil
    }

    static let named: [String: KeyEvent] = [
        "space": .char(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
        "tab": .tab, "s-tab": .backTab, "backtab": .backTab, "shift-tab": .backTab,
        "backspace": .backspace, "bs": .backspace, "del": .delete, "delete": .delete, "ins": .insert,
        "insert": .insert, "up": .up, "↑": .up, "down": .down, "↓": .down, "left": .left, "←": .left,
        "right": .right, "→": .right, "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp,
        "pgdn": .pageDown, "pagedown": .pageDown,
    ]
}

extension Character {
    /// Control and format characters that must never be treated as a printable key.
    var isControlLike: Bool {
        unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }
    }
}

extension String {
    func trimmingCharactersInWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
