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

    /// Clears the box area, draws a focused border with the title and returns the inner rect for content.
    @discardableResult
    public func render(into grid: inout CellGrid, in screen: Rect) -> Rect {
        Box(title: title, focused: true, rightTitle: "Esc close").render(into: &grid, in: rect(in: screen))
    }
}
