import TUIKit

/// The bottom line: the keys that work here, read from the keymap. Help and quit always keep their place.
public enum FooterView {
    public static func render(_ s: AppState, into grid: inout CellGrid, rect: Rect) {
        grid.fill(rect, with: Cell(" ", style: CellStyle(.footer)))
        let entries = AppKeymap.footer(in: s.activeContexts)
        let essential = entries.filter { $0.action == .help || $0.action == .quit }
        let others = entries.filter { $0.action != .help && $0.action != .quit }
        let reserved = essential.reduce(0) { $0 + width($1) }
        var x = rect.x + 1
        for entry in others {
            guard x + width(entry) <= rect.maxX - reserved else { break }
            x = draw(entry, &grid, x: x, y: rect.y, maxX: rect.maxX)
        }
        for entry in essential { x = draw(entry, &grid, x: x, y: rect.y, maxX: rect.maxX) }
    }

    static func width(_ entry: KeyBinding<Command>) -> Int {
        DisplayWidth.of(entry.keys.first?.label ?? "") + 1 + DisplayWidth.of(entry.help) + 2
    }

    static func draw(_ entry: KeyBinding<Command>, _ grid: inout CellGrid, x: Int, y: Int, maxX: Int) -> Int {
        let key = entry.keys.first?.label ?? ""
        let next = grid.put(key, x: x, y: y, style: CellStyle(.footerKey, bold: true), maxX: maxX)
        return grid.put(" " + entry.help + "  ", x: next, y: y, style: CellStyle(.footer), maxX: maxX)
    }
}
