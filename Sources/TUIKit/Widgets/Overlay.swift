/// A modal box centered over what is drawn (help, filters, confirmations).
public struct Overlay: Hashable, Sendable {
    public var title: String
    public var width: Int
    public var height: Int

    public init(title: String, width: Int, height: Int) {
        self.title = title
        self.width = width
        self.height = height
    }

    /// The box's rect: the requested size, shrunk to fit `screen` with a one-cell margin, centered.
    public func rect(in screen: Rect) -> Rect {
        let w = min(width, max(0, screen.width - 2))
        let h = min(height, max(0, screen.height - 2))
        return Rect(x: screen.x + (screen.width - w) / 2, y: screen.y + (screen.height - h) / 2, width: w, height: h)
    }

    /// Blanks the box area, draws a focused border with the title and returns the inner rect for content.
    @discardableResult
    public func render(into grid: inout CellGrid, in screen: Rect, style: CellStyle = .plain) -> Rect {
        let box = rect(in: screen)
        grid.fill(box, with: Cell(" ", style: style))  // fill blanks wide graphemes its edges cut
        return Box(title: title, focused: true).render(into: &grid, in: box)
    }
}
