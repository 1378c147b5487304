import Testing

@testable import TUIKit

@Suite struct TableTests {
    static let columns = [
        TableColumn("Name", .soft(16), minWidth: 6, grow: 1),
        TableColumn("State", .hard(8)),
        TableColumn("MRR", .soft(10), minWidth: 6, alignment: .right),
    ]

    static let rows: [TableRow] = [
        TableRow([TableCell("Acme Corp"), "active", TableCell("$1,200.00", role: .money)]),
        TableRow([TableCell("株式会社テスト商事"), "past_due", TableCell("¥98,000", role: .money)], role: .warn),
        TableRow([TableCell("Ze\u{301}bra Cafe\u{301} 👍🏽 Ltd"), "active", TableCell("€980.00", role: .money)]),
        TableRow([TableCell("Evil\u{1B}[2J\u{1B}]0;pwned\u{07}Co"), "canceled", TableCell("$0.00", role: .money)]),
        TableRow([TableCell("Globex"), "trialing", TableCell("$49.00", role: .money)]),
    ]

    func render(width: Int, height: Int, selected: Int? = 1, offset: Int = 0, focused: Bool = true) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        var table = Table(columns: Self.columns, rows: Self.rows, selected: selected, offset: offset)
        table.focused = focused
        table.sort = (column: 2, ascending: false)
        table.render(into: &grid, in: grid.bounds)
        return grid
    }

    @Test func snapshotWide() throws {
        let grid = render(width: 44, height: 6)
        try SnapshotFile.assertMatches(GridSnapshot.combined(grid), path: SnapshotFile.path(named: "table-44x6"))
    }

    @Test func snapshotNarrowTruncatesWithoutSplittingWideCharacters() throws {
        let grid = render(width: 27, height: 6, selected: 2, focused: false)
        try SnapshotFile.assertMatches(GridSnapshot.combined(grid), path: SnapshotFile.path(named: "table-27x6"))
        for y in 0..<grid.height {
            #expect(DisplayWidth.of(grid.rowText(y)) == 27, "row \(y) must fill exactly the width")
        }
    }

    @Test func selectionIsKeptInViewWhenScrolling() {
        #expect(Table.scrollOffset(selected: 9, offset: 0, visibleRows: 4, rowCount: 20) == 6)
        #expect(Table.scrollOffset(selected: 2, offset: 6, visibleRows: 4, rowCount: 20) == 2)
        #expect(Table.scrollOffset(selected: 5, offset: 4, visibleRows: 4, rowCount: 20) == 4)
        #expect(Table.scrollOffset(selected: nil, offset: 30, visibleRows: 4, rowCount: 20) == 16)
        #expect(Table.scrollOffset(selected: 0, offset: 0, visibleRows: 0, rowCount: 20) == 0)
        var grid = CellGrid(width: 30, height: 3)
        let table = Table(columns: Self.columns, rows: Self.rows, selected: 4, offset: 0)
        let used = table.render(into: &grid, in: grid.bounds)
        #expect(used == 3)
        #expect(grid.rowText(2).hasPrefix("Globex"))
        #expect(grid[0, 2].style.role == .selection)
        #expect(table.rowIndex(atY: 1, in: grid.bounds) == 3)
        #expect(table.rowIndex(atY: 0, in: grid.bounds) == nil)
    }

    @Test func hostileTextStaysOneInertLine() {
        let grid = render(width: 60, height: 6)
        let text = grid.text
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.split(separator: "\n").count == 6)
        #expect(grid.rowText(4).contains("Evil␛[2J␛]0;pwned␇Co"))
    }

    @Test func columnLayoutHonoursHardSoftMinAndGrow() {
        // Preferred 16+8+10 + 2 separators = 36.
        #expect(ColumnLayout.widths(for: Self.columns, available: 36) == [16, 8, 10])
        #expect(ColumnLayout.widths(for: Self.columns, available: 40) == [20, 8, 10])
        // Short of space: the widest soft column shrinks first, hard columns never.
        #expect(ColumnLayout.widths(for: Self.columns, available: 30) == [10, 8, 10])
        #expect(ColumnLayout.widths(for: Self.columns, available: 22) == [6, 8, 6])
        // Below the minimums: columns drop from the right.
        #expect(ColumnLayout.widths(for: Self.columns, available: 20) == [11, 8, 0])
        #expect(ColumnLayout.widths(for: Self.columns, available: 5) == [5, 0, 0])
        #expect(ColumnLayout.widths(for: Self.columns, available: 0) == [0, 0, 0])
    }

    @Test func emptyTableShowsItsMessage() {
        var grid = CellGrid(width: 20, height: 3)
        var table = Table(columns: Self.columns, rows: [])
        table.emptyMessage = "no customers match"
        table.render(into: &grid, in: grid.bounds)
        #expect(grid.rowText(1).hasPrefix("no customers match"))
        #expect(grid[0, 1].style.role == .muted)
    }
}
