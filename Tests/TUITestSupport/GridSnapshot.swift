import TUIKit

/// Text forms of a grid for snapshot tests: the characters, and a style mask of one letter per cell.
public enum GridSnapshot {
    /// One character per role, so a mask shows where selection, money, danger... are drawn.
    public static func maskCharacter(for role: StyleRole) -> Character {
        switch role {
        case .text: return "."
        case .muted: return "m"
        case .header: return "h"
        case .title: return "T"
        case .border: return "b"
        case .borderFocused: return "B"
        case .selection: return "S"
        case .selectionUnfocused: return "s"
        case .ok: return "o"
        case .warn: return "w"
        case .danger: return "d"
        case .money: return "$"
        case .accent: return "a"
        case .input: return "i"
        case .footerKey: return "K"
        case .footer: return "f"
        case .status: return "t"
        case .placeholder: return "p"
        }
    }

    /// The grid's text, one line per row, trailing spaces trimmed.
    public static func text(_ grid: CellGrid) -> String { grid.text }

    /// The style mask: one character per cell (including continuation cells, so rows have equal length).
    public static func styleMask(_ grid: CellGrid) -> String {
        (0..<grid.height).map { y in
            String((0..<grid.width).map { x in maskCharacter(for: grid[x, y].style.role) })
        }.joined(separator: "\n")
    }

    /// Text and mask together, the usual snapshot file content.
    public static func combined(_ grid: CellGrid) -> String {
        "\(grid.width)x\(grid.height)\n" + text(grid) + "\n--- style mask ---\n" + styleMask(grid) + "\n"
    }
}
