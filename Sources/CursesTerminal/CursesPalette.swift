import CNCurses
import TUIKit

/// Turns a theme into curses colour pairs and attributes at the terminal's colour level.
///
/// One pair per role (18 pairs, well under any terminal's limit). Truecolor uses the colour number itself
/// on direct-colour terminals (COLORS = 2^24), else redefines palette slots from 255 down with
/// `init_extended_color` (only when the terminal can change colours).
struct CursesPalette {
    struct Entry {
        var pair: Int32
        var attributes: attr_t
    }

    private(set) var entries: [StyleRole: Entry] = [:]
    let level: ColorLevel

    /// Builds the pairs for `theme` (already checked) and registers them with curses.
    init(theme: Theme, level: ColorLevel) {
        self.level = level
        let resolved = theme.degraded(to: level)
        let direct = billtop_colors() >= 0x100_0000
        var nextSlot: Int32 = 255
        var slots: [ThemeColor: Int32] = [:]
        func number(_ color: ThemeColor) -> Int32 {
            switch color {
            case .terminalDefault: return -1
            case .indexed(let i): return Int32(i) < billtop_colors() ? Int32(i) : -1
            case .rgb(let r, let g, let b):
                if direct { return Int32(r) << 16 | Int32(g) << 8 | Int32(b) }
                if let slot = slots[color] { return slot }
                guard nextSlot >= 16 else { return -1 }
                let slot = nextSlot
                nextSlot -= 1
                // curses wants each channel in 0...1000.
                init_extended_color(slot, Int32(r) * 1000 / 255, Int32(g) * 1000 / 255, Int32(b) * 1000 / 255)
                slots[color] = slot
                return slot
            }
        }
        for (index, role) in StyleRole.allCases.enumerated() {
            let style = resolved.style(for: role)
            var pair: Int32 = 0
            if level != .monochrome {
                pair = Int32(index + 1)
                init_extended_pair(pair, number(style.foreground), number(style.background))
            }
            entries[role] = Entry(pair: pair, attributes: CursesPalette.attributes(style))
        }
    }

    /// The pair and attributes for a cell (role look plus the cell's own bold/underline/reverse/dim).
    func entry(for style: CellStyle) -> Entry {
        var entry = entries[style.role] ?? Entry(pair: 0, attributes: billtop_a_normal())
        if style.bold { entry.attributes |= billtop_a_bold() }
        if style.underline { entry.attributes |= billtop_a_underline() }
        if style.dim { entry.attributes |= billtop_a_dim() }
        if style.reverse { entry.attributes ^= billtop_a_reverse() }
        return entry
    }

    static func attributes(_ style: RoleStyle) -> attr_t {
        var a = billtop_a_normal()
        if style.bold { a |= billtop_a_bold() }
        if style.underline { a |= billtop_a_underline() }
        if style.reverse { a |= billtop_a_reverse() }
        if style.dim { a |= billtop_a_dim() }
        if style.italic { a |= billtop_a_italic() }
        return a
    }
}
