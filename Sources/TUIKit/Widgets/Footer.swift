/// The bottom line of key hints ("/ search  Tab pane  q quit"); hints that do not fit are dropped whole.
public struct Footer: Hashable, Sendable {
    public var hints: [KeyHint]
    /// Text at the right end (status, e.g. "exported 120 rows").
    public var status: String

    public init(_ hints: [KeyHint], status: String = "") {
        self.hints = hints
        self.status = status
    }

    public func render(into grid: inout CellGrid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        grid.fill(line, with: Cell(" ", style: CellStyle(.footer)))
        let statusText = status.isEmpty ? "" : TextLayout.truncate(status, to: max(0, rect.width / 2))
        let statusWidth = DisplayWidth.of(statusText)
        let limit = rect.maxX - (statusWidth > 0 ? statusWidth + 1 : 0)
        var x = rect.x + 1
        for hint in hints {
            let key = TextLayout.truncate(hint.key, to: 12)
            let text = TextLayout.truncate(hint.text, to: 24)
            let needed = DisplayWidth.of(key) + 1 + DisplayWidth.of(text)
            if x + needed > limit { break }
            x = grid.put(key, x: x, y: rect.y, style: CellStyle(.footerKey, bold: true))
            x = grid.put(" " + text, x: x, y: rect.y, style: CellStyle(.footer)) + 2
        }
        if statusWidth > 0 {
            grid.put(statusText, x: rect.maxX - statusWidth, y: rect.y, style: CellStyle(.status))
        }
    }
}
