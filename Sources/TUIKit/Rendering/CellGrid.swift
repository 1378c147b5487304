import BillingCore

/// An in-memory screen of cells. Panes draw here; the terminal driver diffs two grids and writes the change;
/// tests read it back as text.
public struct CellGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Fills a rectangle (clipped to the grid) with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            // A wide grapheme cut by the rect's edge loses its outside half too (an overlay over CJK text),
            // or the terminal would be left with half a character.
            clearWide(at: x0, y: y)
            clearWide(at: x1 - 1, y: y)
            for x in x0..<x1 { cells[y * width + x] = cell }
        }
    }

    /// Writes text from (x, y), clipped at `maxX` (default: the grid edge); never splits a wide grapheme.
    /// The text is sanitised first, so nothing written here can be a control sequence. Returns the next column.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain, maxX: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(maxX ?? width, width)
        var column = x
        for character in sanitizedCharacters(text) {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column + w > limit { break }
            if column >= 0 {
                clearWide(at: column, y: y)
                cells[y * width + column] = Cell(String(character), style: style)
                if w == 2 {
                    clearWide(at: column + 1, y: y)
                    cells[y * width + column + 1] = Cell("", style: style)
                }
            }
            column += w
        }
        return column
    }

    /// Restyles a rectangle without changing its text (selection highlight).
    public mutating func restyle(_ rect: Rect, _ transform: (inout CellStyle) -> Void) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { transform(&cells[y * width + x].style) }
        }
    }

    /// One row as plain text (continuation cells skipped), for snapshots.
    public func rowText(_ y: Int) -> String {
        var line = ""
        for x in 0..<width {
            let cell = cells[y * width + x]
            if !cell.isContinuation { line += cell.grapheme }
        }
        return line
    }

    /// The whole grid as text, one line per row, trailing spaces trimmed.
    public var text: String {
        (0..<height).map { y -> String in
            var line = rowText(y)
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Overwriting half of a wide grapheme must blank its other half, or the terminal shows garbage.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        } else if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
    }

    private func sanitizedCharacters(_ text: String) -> String {
        TextSanitizer.clean(text)
    }
}
