import TUITestSupport
import Testing

@testable import TUIKit

@Suite struct TableTests {
    static let columns = [
        TableColumn("Name", width: 6, flex: 1), TableColumn("State", width: 8),
        TableColumn("MRR", width: 10, align: .right),
    ]

    static let rows: [[(String, StyleRole)]] = [
        [("Acme Corp", .text), ("active", .ok), ("$1,200.00", .money)],
        [("株式会社テスト商事", .text), ("past_due", .warn), ("¥98,000", .money)],
        [("Ze\u{301}bra Cafe\u{301} 👍🏽 Ltd", .text), ("active", .ok), ("€980.00", .money)],
        [("Evil\u{1B}[2J\u{1B}]0;pwned\u{07}Co", .text), ("canceled", .muted), ("$0.00", .money)],
        [("Globex", .text), ("trialing", .accent), ("$49.00", .money)],
    ]

    func render(width: Int, height: Int, selected: Int? = 1, focused: Bool = true) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        TableDrawing.draw(
            Self.columns, count: Self.rows.count, selected: selected, focused: focused, into: &grid,
            in: grid.bounds
        ) { Self.rows[$0] }
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
            #expect(DisplayWidth.of(grid.rowText(y)) <= 27, "row \(y) stays within the width")
        }
        #expect(grid.rowText(2).hasPrefix("株式会…"), "a cut name ends in … and never half a wide character")
    }

    @Test func selectionTakesTheWholeLine() {
        let focused = render(width: 30, height: 6, selected: 4)
        #expect((0..<30).allSatisfy { focused[$0, 5].style.role == .selection && focused[$0, 5].style.reverse })
        let unfocused = render(width: 30, height: 6, selected: 4, focused: false)
        #expect(unfocused[0, 5].style.role == .selectionUnfocused && !unfocused[0, 5].style.reverse)
        #expect(focused[0, 1].style.role == .text && focused[29, 1].style.role == .money, "values keep roles")
    }

    @Test func hostileTextStaysOneInertLine() {
        let grid = render(width: 60, height: 6)
        let text = grid.text
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.split(separator: "\n").count == 6)
        #expect(grid.rowText(4).contains("Evil␛[2J␛]0;pwned␇Co"))
    }

    @Test func columnWidthsShareSpareRoomAndDropWhatDoesNotFit() {
        let columns = [
            TableColumn("a", width: 4, flex: 1), TableColumn("b", width: 6), TableColumn("c", width: 10),
        ]
        #expect(TableColumn.widths(columns, total: 30) == [12, 6, 10])
        #expect(TableColumn.widths(columns, total: 12) == [5, 6, 0])
    }

    @Test func aCappedFlexibleColumnGivesItsExcessToTheOthers() {
        let columns = [
            TableColumn("name", width: 10, flex: 3, maxWidth: 12), TableColumn("email", width: 10, flex: 2),
        ]
        // 79 spare cells by weight: 47 and 32; the name stops at 12 and the email takes the other 45.
        #expect(TableColumn.widths(columns, total: 100) == [12, 87])
    }
}
