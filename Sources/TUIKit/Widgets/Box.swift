/// A border with a title; a focused box's border is highlighted so the active pane stands out.
public struct Box: Hashable, Sendable {
    public var title: String
    public var focused: Bool

    public init(title: String = "", focused: Bool = false) {
        self.title = title
        self.focused = focused
    }

    /// Draws the border and the title over `rect` (what is inside stays); returns the inner rect.
    @discardableResult
    public func render(into grid: inout CellGrid, in rect: Rect) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return rect.inset(by: 1) }
        let style = CellStyle(focused ? .borderFocused : .border, bold: focused)
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        for x in rect.x..<rect.maxX {
            grid[x, rect.y] = Cell("─", style: style)
            grid[x, bottom] = Cell("─", style: style)
        }
        for y in rect.y..<rect.maxY {
            grid[rect.x, y] = Cell("│", style: style)
            grid[right, y] = Cell("│", style: style)
        }
        grid[rect.x, rect.y] = Cell("┌", style: style)
        grid[right, rect.y] = Cell("┐", style: style)
        grid[rect.x, bottom] = Cell("└", style: style)
        grid[right, bottom] = Cell("┘", style: style)
        let label = " " + TextLayout.truncate(title, to: max(0, rect.width - 6)) + " "
        grid.put(label, x: rect.x + 2, y: rect.y, style: CellStyle(.title, bold: focused), maxX: right)
        return rect.inset(by: 1)
    }
}
