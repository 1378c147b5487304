@testable import TUIKit

/// A table as a pane draws one: header on the first line, then rows from the top, selection highlighted.
enum TableDrawing {
    static func draw(
        _ columns: [TableColumn], count: Int, selected: Int?, focused: Bool = true, into grid: inout CellGrid,
        in rect: Rect, row: (Int) -> [(String, StyleRole)]
    ) {
        let widths = TableColumn.widths(columns, total: rect.width)
        Table.header(&grid, columns, widths: widths, x: rect.x, y: rect.y, totalWidth: rect.width)
        for line in 0..<min(count, max(0, rect.height - 1)) {
            Table.row(
                &grid, row(line), columns: columns, widths: widths, x: rect.x, y: rect.y + 1 + line,
                totalWidth: rect.width, selected: line == selected, focused: focused)
        }
    }
}
