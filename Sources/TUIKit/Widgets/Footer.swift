/// The bottom line of key hints ("/ search  Tab next pane  ? help  q quit"). Hints that do not fit are
/// dropped whole from the right; pinned ones (help, quit) always keep their place at the end.
public struct Footer: Hashable, Sendable {
    public var hints: [KeyHint]
    public var pinned: [KeyHint]

    public init(_ hints: [KeyHint], pinned: [KeyHint] = []) {
        self.hints = hints
        self.pinned = pinned
    }

    public func render(into grid: inout CellGrid, in rect: Rect) {
        grid.fill(rect, with: Cell(" ", style: CellStyle(.footer)))
        let reserved = pinned.reduce(0) { $0 + Self.width($1) }
        var x = rect.x + 1
        for hint in hints {
            guard x + Self.width(hint) <= rect.maxX - reserved else { break }
            x = Self.draw(hint, &grid, x: x, y: rect.y, maxX: rect.maxX)
        }
        for hint in pinned { x = Self.draw(hint, &grid, x: x, y: rect.y, maxX: rect.maxX) }
    }

    /// Cells a hint takes: the key, a space, the text and two spaces before the next.
    static func width(_ hint: KeyHint) -> Int {
        DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.text) + 2
    }

    static func draw(_ hint: KeyHint, _ grid: inout CellGrid, x: Int, y: Int, maxX: Int) -> Int {
        let next = grid.put(hint.key, x: x, y: y, style: CellStyle(.footerKey, bold: true), maxX: maxX)
        return grid.put(" " + hint.text + "  ", x: next, y: y, style: CellStyle(.footer), maxX: maxX)
    }
}
