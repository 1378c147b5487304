/// Fitted text on a grid: fields of a fixed width and centred lines.
extension CellGrid {
    /// Writes `text` sanitised and cut to a field of `width` columns (ending in "…" when cut), aligned; cells
    /// of the field the text leaves free keep what they had. Returns the column after the field.
    @discardableResult
    public mutating func field(
        _ text: String, x: Int, y: Int, width: Int, style: CellStyle = .plain, align: Alignment = .left
    ) -> Int {
        let fitted = TextLayout.truncate(text, to: width)
        let free = width - DisplayWidth.of(fitted)
        let pad: Int
        switch align {
        case .left: pad = 0
        case .right: pad = free
        case .center: pad = free / 2
        }
        put(fitted, x: x + max(0, pad), y: y, style: style, maxX: x + width)
        return x + width
    }

    /// Text cut to `rect`'s width and centred on row `y`.
    public mutating func centered(_ text: String, in rect: Rect, y: Int, style: CellStyle = .plain) {
        field(text, x: rect.x, y: y, width: rect.width, style: style, align: .center)
    }
}
