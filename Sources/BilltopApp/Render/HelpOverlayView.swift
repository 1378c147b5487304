import TUIKit

/// The `?` overlay: every binding that works where help was opened, from the keymap; two columns when long.
public enum HelpOverlayView {
    public static func render(_ s: AppState, into grid: inout CellGrid, screen: Rect) {
        var under = s
        under.showingHelp = false
        let entries = AppKeymap.active(in: under.activeContexts)
        let width = min(76, screen.width - 4)
        let maxRows = max(1, screen.height - 6)
        let columns = entries.count > maxRows && width >= 60 ? 2 : 1
        let rows = min(maxRows, (entries.count + columns - 1) / columns)
        let height = rows + 3
        guard width >= 20, height >= 4 else { return }
        let box = Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + (screen.height - height) / 2, width: width, height: height)
        Draw.clear(&grid, box, style: CellStyle(.text))
        Draw.box(&grid, box, title: "Keys (Esc closes)", focused: true)
        let inner = box.inset(by: 1)
        let columnWidth = inner.width / columns
        let keyWidth = columns == 2 ? 11 : 16
        for (i, entry) in entries.prefix(rows * columns).enumerated() {
            let x = inner.x + 1 + (i / rows) * columnWidth
            let y = inner.y + i % rows
            Draw.field(&grid, entry.keyLabel, x: x, y: y, width: keyWidth, style: CellStyle(.footerKey, bold: true))
            Draw.field(&grid, entry.help, x: x + keyWidth + 1, y: y, width: columnWidth - keyWidth - 2)
        }
        let mouse = "mouse: click focuses and selects, wheel scrolls"
        grid.put(Draw.fit(mouse, inner.width - 2), x: inner.x + 1, y: inner.maxY - 1, style: CellStyle(.muted), maxX: inner.maxX)
    }
}
