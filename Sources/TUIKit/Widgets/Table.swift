/// A table drawn into a grid region: header row, column model, selection and a scroll offset kept in view.
///
/// Rows come from a closure so a pane can show a window of a large result without building every row.
/// Drawing is pure: the same table into the same rect gives the same cells.
public struct Table {
    public var columns: [TableColumn]
    public var rowCount: Int
    public var row: (Int) -> TableRow
    /// Selected row index (nil: none).
    public var selected: Int?
    /// First row shown; `render` adjusts it so `selected` stays visible and returns what it used.
    public var offset: Int
    public var showHeader: Bool
    /// Focused tables draw the selection in `.selection`, others in `.selectionUnfocused`.
    public var focused: Bool
    /// The sorted column and direction, shown as ▲/▼ after the title.
    public var sort: (column: Int, ascending: Bool)?
    /// Shown (muted) when there are no rows.
    public var emptyMessage: String
    /// Cells between columns.
    public var separator: Int

    public init(
        columns: [TableColumn], rowCount: Int, selected: Int? = nil, offset: Int = 0, showHeader: Bool = true,
        focused: Bool = true, row: @escaping (Int) -> TableRow
    ) {
        self.columns = columns
        self.rowCount = max(0, rowCount)
        self.row = row
        self.selected = selected
        self.offset = offset
        self.showHeader = showHeader
        self.focused = focused
        self.sort = nil
        self.emptyMessage = "nothing to show"
        self.separator = 1
    }

    public init(columns: [TableColumn], rows: [TableRow], selected: Int? = nil, offset: Int = 0) {
        self.init(columns: columns, rowCount: rows.count, selected: selected, offset: offset) { rows[$0] }
    }

    /// Rows of data that fit in `rect` (the header takes one).
    public func visibleRowCount(in rect: Rect) -> Int {
        max(0, rect.height - (showHeader ? 1 : 0))
    }

    /// The offset that keeps `selected` in view, moving as little as possible, clamped to the data.
    public static func scrollOffset(selected: Int?, offset: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var top = offset
        if let selected {
            if selected < top { top = selected }
            if selected >= top + visibleRows { top = selected - visibleRows + 1 }
        }
        return min(max(0, top), max(0, rowCount - visibleRows))
    }

    /// The data row under screen row `y` (for mouse clicks), or nil for the header or empty space.
    public func rowIndex(atY y: Int, in rect: Rect) -> Int? {
        let first = rect.y + (showHeader ? 1 : 0)
        guard y >= first, y < rect.maxY else { return nil }
        let visible = visibleRowCount(in: rect)
        let top = Table.scrollOffset(selected: selected, offset: offset, visibleRows: visible, rowCount: rowCount)
        let index = top + (y - first)
        return index < rowCount ? index : nil
    }

    /// Draws the table; returns the scroll offset used (store it so the next frame scrolls from there).
    @discardableResult
    public func render(into grid: inout CellGrid, in rect: Rect) -> Int {
        grid.fill(rect)
        guard !rect.isEmpty else { return 0 }
        let widths = ColumnLayout.widths(for: columns, available: rect.width, separator: separator)
        var y = rect.y
        if showHeader {
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: Cell(" ", style: CellStyle(.header)))
            drawRow(
                columns.enumerated().map { i, c in TableCell(headerTitle(i, c), role: .header, bold: true) },
                widths: widths, y: y, x: rect.x, maxX: rect.maxX, base: CellStyle(.header), into: &grid)
            y += 1
        }
        let visible = visibleRowCount(in: rect)
        let top = Table.scrollOffset(selected: selected, offset: offset, visibleRows: visible, rowCount: rowCount)
        if rowCount == 0, y < rect.maxY {
            grid.put(
                TextLayout.truncate(emptyMessage, to: rect.width), x: rect.x, y: y, style: CellStyle(.muted),
                maxX: rect.maxX)
            return 0
        }
        for index in top..<min(rowCount, top + visible) {
            let data = row(index)
            let isSelected = index == selected
            let rowRole: StyleRole = isSelected ? (focused ? .selection : .selectionUnfocused) : (data.role ?? .text)
            // Fill the whole line first so separators and padding carry the row's look too.
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: Cell(" ", style: CellStyle(rowRole)))
            drawRow(
                data.cells, widths: widths, y: y, x: rect.x, maxX: rect.maxX, base: CellStyle(rowRole), into: &grid,
                selected: isSelected)
            y += 1
        }
        return top
    }

    func headerTitle(_ index: Int, _ column: TableColumn) -> String {
        guard let sort, sort.column == index else { return column.title }
        return column.title + (sort.ascending ? "▲" : "▼")
    }

    func drawRow(
        _ cells: [TableCell], widths: [Int], y: Int, x: Int, maxX: Int, base: CellStyle, into grid: inout CellGrid,
        selected: Bool = false
    ) {
        var column = x
        for (i, width) in widths.enumerated() where width > 0 {
            let cell = i < cells.count ? cells[i] : TableCell("")
            var style = base
            // A selected row keeps one look; elsewhere a cell's own role wins (money, danger).
            if !selected, let role = cell.role { style.role = role }
            style.bold = style.bold || cell.bold
            let text = TextLayout.fit(cell.text, width: min(width, maxX - column), alignment: columns[i].alignment)
            grid.put(text, x: column, y: y, style: style, maxX: min(maxX, column + width))
            column += width + separator
            if column >= maxX { break }
        }
    }
}
