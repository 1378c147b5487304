/// A single-column selectable list (log lines, filter choices): a `Table` without a header.
public struct ListView {
    public var items: [TableCell]
    public var selected: Int?
    public var offset: Int
    public var focused: Bool

    public init(items: [TableCell], selected: Int? = nil, offset: Int = 0, focused: Bool = true) {
        self.items = items
        self.selected = selected
        self.offset = offset
        self.focused = focused
    }

    public init(_ strings: [String], selected: Int? = nil, offset: Int = 0) {
        self.init(items: strings.map { TableCell($0) }, selected: selected, offset: offset)
    }

    /// Draws the list; returns the scroll offset used.
    @discardableResult
    public func render(into grid: inout CellGrid, in rect: Rect) -> Int {
        table.render(into: &grid, in: rect)
    }

    /// The item under screen row `y`, if any.
    public func index(atY y: Int, in rect: Rect) -> Int? { table.rowIndex(atY: y, in: rect) }

    var table: Table {
        let items = self.items
        var table = Table(
            columns: [TableColumn("", .soft(1), minWidth: 1, grow: 1)], rowCount: items.count, selected: selected,
            offset: offset, showHeader: false, focused: focused
        ) { TableRow([items[$0]]) }
        table.emptyMessage = ""
        return table
    }
}
