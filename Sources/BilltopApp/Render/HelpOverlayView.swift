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
        let overlay = Overlay(title: "Keys (Esc closes)", width: width, height: height)
        let inner = overlay.render(into: &grid, in: screen, style: CellStyle(.text))
        let columnWidth = inner.width / columns
        let keyWidth = columns == 2 ? 11 : 16
        for (i, entry) in entries.prefix(rows * columns).enumerated() {
            let x = inner.x + 1 + (i / rows) * columnWidth
            let y = inner.y + i % rows
            grid.field(entry.keyLabel, x: x, y: y, width: keyWidth, style: CellStyle(.footerKey, bold: true))
            grid.field(entry.help, x: x + keyWidth + 1, y: y, width: columnWidth - keyWidth - 2)
        }
        let mouse = "mouse: click focuses and selects, wheel scrolls"
        grid.put(
            TextLayout.truncate(mouse, to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1,
            style: CellStyle(.muted), maxX: inner.maxX)
    }
}
