import TUITestSupport
import Testing

@testable import TUIKit

@Suite struct GridDiffTests {
    func tableGrid(selected: Int, width: Int = 200, height: Int = 50) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let columns = [
            TableColumn("Name", width: 30, flex: 1), TableColumn("Email", width: 30),
            TableColumn("State", width: 10), TableColumn("MRR", width: 12, align: .right),
        ]
        TableDrawing.draw(columns, count: 10_000, selected: selected, into: &grid, in: grid.bounds) { i in
            [("Customer \(i)", .text), ("c\(i)@example.com", .text), ("active", .text), ("$\(i).00", .money)]
        }
        return grid
    }

    @Test func identicalFramesWriteNothing() {
        let grid = tableGrid(selected: 3)
        #expect(GridDiff.runs(from: grid, to: grid).isEmpty)
    }

    @Test func firstFrameWritesEveryRow() {
        let runs = GridDiff.runs(from: nil, to: tableGrid(selected: 0, width: 20, height: 5))
        #expect(runs.count == 5)
        #expect(GridDiff.cellCount(runs) == 100)
    }

    @Test func movingTheSelectionOneRowRepaintsTwoRows() {
        let before = tableGrid(selected: 10)
        let after = tableGrid(selected: 11)
        let runs = GridDiff.runs(from: before, to: after)
        #expect(Set(runs.map(\.y)) == [11, 12], "header is row 0, so rows 10 and 11 sit on lines 11 and 12")
        #expect(runs.count == 2)
        #expect(GridDiff.cellCount(runs) <= 400)
        // Upper bound of what any terminal encoding writes: per run a cursor move and a style change
        // (~24 bytes), per cell at most 4 UTF-8 bytes (all ASCII here).
        let bytes = runs.reduce(0) { $0 + 24 + $1.cells.reduce(0) { $0 + $1.grapheme.utf8.count } }
        #expect(bytes < 1024)
    }

    @Test func onlyChangedCellsAreInARun() {
        var a = CellGrid(width: 10, height: 1)
        a.put("abcdefghij", x: 0, y: 0)
        var b = a
        b.put("X", x: 2, y: 0)
        b.put("Y", x: 7, y: 0)
        let runs = GridDiff.runs(from: a, to: b)
        #expect(runs.map(\.x) == [2, 7])
        #expect(runs.map { $0.cells.count } == [1, 1])
        let merged = GridDiff.runs(from: a, to: b, mergeGap: 4)
        #expect(merged.map(\.x) == [2])
        #expect(merged[0].cells.count == 6)
    }

    @Test func wideGraphemesAreWrittenWhole() {
        var a = CellGrid(width: 6, height: 1)
        a.put("ab株c", x: 0, y: 0)
        var b = a
        b.put("x", x: 3, y: 0)  // overwrite the right half of 株
        let runs = GridDiff.runs(from: a, to: b)
        #expect(runs.count == 1)
        #expect(runs[0].x == 2)
        #expect(runs[0].cells.map(\.grapheme) == [" ", "x"])
        var c = a
        c.put("国", x: 2, y: 0)
        let wide = GridDiff.runs(from: a, to: c)
        #expect(wide.count == 1 && wide[0].x == 2 && wide[0].cells.count == 2)
    }

    @Test func fillNeverLeavesHalfAWideCharacter() {
        var grid = CellGrid(width: 8, height: 1)
        grid.put("ab株c国", x: 0, y: 0)
        grid.fill(Rect(x: 3, y: 0, width: 2, height: 1))  // cuts 株 (cells 2-3) on its left edge
        #expect(grid[2, 0].grapheme == " " && !grid[3, 0].isContinuation)
        grid.fill(Rect(x: 0, y: 0, width: 6, height: 1))  // cuts 国 (cells 5-6) on its right edge
        #expect(grid[6, 0].grapheme == " ")
        #expect(grid.text.isEmpty)
    }

    @Test func sizeChangeRepaintsEverything() {
        let runs = GridDiff.runs(from: CellGrid(width: 5, height: 5), to: CellGrid(width: 6, height: 5))
        #expect(runs.count == 5 && GridDiff.cellCount(runs) == 30)
    }

    @Test func styleMaskMarksRoles() {
        let grid = tableGrid(selected: 1, width: 100, height: 4)
        let mask = GridSnapshot.styleMask(grid).split(separator: "\n")
        #expect(mask[0].allSatisfy { $0 == "h" })
        #expect(mask[2].allSatisfy { $0 == "S" })
        #expect(mask[1].contains("$") && mask[1].hasPrefix("."))
    }

    @Test func fakeTerminalRecordsFramesAndEvents() {
        let terminal = FakeTerminal(width: 20, height: 5, events: [.char("q")])
        terminal.present(tableGrid(selected: 0, width: 20, height: 5), cursor: nil)
        terminal.present(tableGrid(selected: 1, width: 20, height: 5), cursor: (x: 1, y: 1))
        #expect(terminal.frames.count == 2)
        #expect(terminal.writtenRuns[1].count == 2)
        #expect(terminal.readEvent(timeoutMilliseconds: 0) == .char("q"))
        #expect(terminal.readEvent(timeoutMilliseconds: 0) == nil)
        terminal.resize(width: 30, height: 6)
        #expect(terminal.readEvent(timeoutMilliseconds: 0) == .resize(width: 30, height: 6))
    }
}
