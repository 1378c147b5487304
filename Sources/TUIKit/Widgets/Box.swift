/// A bordered box with a title; focused boxes use `.borderFocused` so the active pane stands out.
public struct Box: Hashable, Sendable {
    public var title: String
    public var focused: Bool
    /// Text drawn at the right of the top border (a count, a filter summary).
    public var rightTitle: String

    public init(title: String = "", focused: Bool = false, rightTitle: String = "") {
        self.title = title
        self.focused = focused
        self.rightTitle = rightTitle
    }

    /// The area inside the border.
    public static func inner(_ rect: Rect) -> Rect { rect.inset(by: 1) }

    /// Clears `rect`, draws the border and titles; returns the inner rect for the content.
    @discardableResult
    public func render(into grid: inout CellGrid, in rect: Rect) -> Rect {
        grid.fill(rect)
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let border = CellStyle(focused ? .borderFocused : .border, bold: focused)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        grid.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: border)
        grid.put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            grid.put("│", x: rect.x, y: y, style: border)
            grid.put("│", x: rect.maxX - 1, y: y, style: border)
        }
        let room = rect.width - 4
        var titleEnd = rect.x + 1
        if !title.isEmpty, room > 2 {
            let shown = " " + TextLayout.truncate(title, to: room - 2) + " "
            titleEnd = grid.put(
                shown, x: rect.x + 1, y: rect.y, style: CellStyle(.title, bold: true), maxX: rect.maxX - 1)
        }
        if !rightTitle.isEmpty {
            let space = rect.maxX - 2 - titleEnd - 1
            if space > 4 {
                let shown = " " + TextLayout.truncate(rightTitle, to: space - 2) + " "
                grid.put(
                    shown, x: rect.maxX - 1 - DisplayWidth.of(shown), y: rect.y, style: CellStyle(.muted),
                    maxX: rect.maxX - 1)
            }
        }
        return Box.inner(rect)
    }
}
