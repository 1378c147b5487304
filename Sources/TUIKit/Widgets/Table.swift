/// Table lines drawn into a grid: the header of titles, and rows of (text, role) per column.
///
/// A pane draws only the rows in view, from the window of rows it loaded, so a table is lines rather than an
/// object holding all rows; widths come from `TableColumn.widths`, one space between columns.
public enum Table {
    /// Column titles in the header style across `totalWidth` cells.
    public static func header(
        _ grid: inout CellGrid, _ columns: [TableColumn], widths: [Int], x: Int, y: Int, totalWidth: Int
    ) {
        let style = CellStyle(.header, bold: true)
        grid.fill(Rect(x: x, y: y, width: totalWidth, height: 1), with: Cell(" ", style: style))
        var column = x
        for (i, c) in columns.enumerated() where widths[i] > 0 {
            grid.field(c.title, x: column, y: y, width: widths[i], style: style, align: c.align)
            column += widths[i] + 1
        }
    }

    /// One row: each value with its own role; the selected row is drawn in the selection style across its
    /// width (reversed when the table has focus), which then overrides the values' roles.
    public static func row(
        _ grid: inout CellGrid, _ values: [(String, StyleRole)], columns: [TableColumn], widths: [Int], x: Int,
        y: Int, totalWidth: Int, selected: Bool, focused: Bool
    ) {
        let rowStyle: CellStyle? =
            selected ? CellStyle(focused ? .selection : .selectionUnfocused, reverse: focused) : nil
        grid.fill(Rect(x: x, y: y, width: totalWidth, height: 1), with: Cell(" ", style: rowStyle ?? .plain))
        var column = x
        for (i, c) in columns.enumerated() where widths[i] > 0 && i < values.count {
            let style = rowStyle ?? CellStyle(values[i].1)
            grid.field(values[i].0, x: column, y: y, width: widths[i], style: style, align: c.align)
            column += widths[i] + 1
        }
    }
}
