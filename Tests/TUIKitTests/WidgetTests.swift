import TUITestSupport
import Testing

@testable import TUIKit

@Suite struct WidgetTests {
    @Test func sparklineScalesIntegersRoundingDown() {
        #expect(Sparkline.text([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.text([0, 7, 14]) == "▁▄█", "3.5 rounds down: only the maximum is a full block")
        #expect(Sparkline.text([5, 5]) == "▄▄")
        #expect(Sparkline.text([0, 0]) == "▁▁")
        #expect(Sparkline.text([Int64.min, 0, Int64.max]) == "▁▄█", "no overflow at the extremes")
        #expect(Sparkline.text([]) == "")
    }

    @Test func composedScreenSnapshot() throws {
        var grid = CellGrid(width: 60, height: 14)
        grid.put(" billtop  acme (sandbox)", x: 0, y: 0, style: CellStyle(.header, bold: true))
        let body = Rect(x: 0, y: 1, width: 60, height: 12)
        let panes = [
            Rect(x: 0, y: 1, width: 30, height: 6), Rect(x: 30, y: 1, width: 30, height: 6),
            Rect(x: 0, y: 7, width: 30, height: 6), Rect(x: 30, y: 7, width: 30, height: 6),
        ]
        #expect(panes.reduce(0) { $0 + $1.width * $1.height } == body.width * body.height)
        let titles = ["Customers", "Invoices", "Dunning", "MRR"]
        for (i, pane) in panes.enumerated() {
            let inner = Box(title: titles[i], focused: i == 0).render(into: &grid, in: pane)
            switch i {
            case 0: grid.field("/ acme", x: inner.x, y: inner.y, width: inner.width, style: CellStyle(.input))
            case 1:
                let rows = [("INV-1042", "$1,200.00"), ("INV-1039", "€980.00"), ("INV-1001", "¥5,000")]
                TableDrawing.draw(
                    [TableColumn("Number", width: 8, flex: 1), TableColumn("Total", width: 10, align: .right)],
                    count: rows.count, selected: 0, into: &grid, in: inner
                ) { [(rows[$0].0, .text), (rows[$0].1, .money)] }
            case 2: grid.centered("nothing owed", in: inner, y: inner.y + 1, style: CellStyle(.ok))
            default:
                grid.put(
                    Sparkline.text([1, 3, 2, 5, 8, 13, 12, 15]), x: inner.x, y: inner.y, style: CellStyle(.accent))
            }
        }
        Footer(
            [KeyHint(key: "/", text: "search"), KeyHint(key: "Tab", text: "pane")],
            pinned: [
                KeyHint(key: "q", text: "quit")
            ]
        ).render(into: &grid, in: Rect(x: 0, y: 13, width: 60, height: 1))
        try SnapshotFile.assertMatches(GridSnapshot.combined(grid), path: SnapshotFile.path(named: "screen-60x14"))
    }

    @Test func tabsAndOverlaySnapshot() throws {
        var grid = CellGrid(width: 40, height: 9)
        let tabs = Tabs(["Customers", "Invoices", "Dunning", "MRR"], selected: 1)
        tabs.render(into: &grid, in: grid.bounds)
        #expect(tabs.index(atX: 0, in: grid.bounds) == nil, "one cell in")
        #expect(tabs.index(atX: 1, in: grid.bounds) == 0)
        #expect(tabs.index(atX: 14, in: grid.bounds) == 1)
        #expect(tabs.index(atX: 12, in: grid.bounds) == nil, "the cell between two tabs")
        #expect(tabs.index(atX: 38, in: grid.bounds) == 3)
        #expect(tabs.index(atX: 39, in: grid.bounds) == nil, "past the last tab")
        let inner = Overlay(title: "Help", width: 30, height: 5).render(into: &grid, in: grid.bounds)
        #expect(inner == Rect(x: 6, y: 3, width: 28, height: 3))
        grid.put("? toggles this help", x: inner.x, y: inner.y)
        try SnapshotFile.assertMatches(GridSnapshot.combined(grid), path: SnapshotFile.path(named: "tabs-overlay-40x9"))
    }

    @Test func footerDropsWholeHintsThatDoNotFitAndKeepsThePinnedOnes() {
        var grid = CellGrid(width: 26, height: 1)
        Footer(
            [KeyHint(key: "/", text: "search"), KeyHint(key: "Enter", text: "open")],
            pinned: [
                KeyHint(key: "q", text: "quit")
            ]
        ).render(into: &grid, in: grid.bounds)
        #expect(grid.rowText(0) == " / search  q quit         ", "Enter open would leave no room for q quit")
    }

    @Test func fieldsCutAlignAndCentre() {
        var grid = CellGrid(width: 12, height: 3)
        #expect(grid.field("株式会社テスト", x: 0, y: 0, width: 7) == 7)
        grid.field("42", x: 0, y: 1, width: 5, align: .right)
        grid.centered("ab", in: grid.bounds, y: 2)
        #expect(grid.rowText(0) == "株式会…     ")
        #expect(grid.rowText(1) == "   42       ")
        #expect(grid.rowText(2) == "     ab     ")
    }

    @Test func rectSplits() {
        let r = Rect(x: 2, y: 2, width: 10, height: 6)
        #expect(r.splitBottom(2).bottom == Rect(x: 2, y: 6, width: 10, height: 2))
        #expect(r.splitRight(3).right == Rect(x: 9, y: 2, width: 3, height: 6))
        #expect(r.intersection(Rect(x: 0, y: 0, width: 4, height: 4)) == Rect(x: 2, y: 2, width: 2, height: 2))
    }

    @Test func tinyRectsDoNotCrash() {
        var grid = CellGrid(width: 3, height: 2)
        for rect in [
            Rect(x: 0, y: 0, width: 0, height: 0), Rect(x: 0, y: 0, width: 1, height: 1), grid.bounds,
            Rect(x: 2, y: 1, width: 9, height: 9), Rect(x: -3, y: -3, width: 5, height: 5),
        ] {
            Box(title: "Customers", focused: true).render(into: &grid, in: rect)
            TableDrawing.draw([TableColumn("A", width: 5)], count: 1, selected: 0, into: &grid, in: rect) { _ in
                [("x", .text)]
            }
            Footer([KeyHint(key: "q", text: "quit")]).render(into: &grid, in: rect)
            Tabs(["a", "b"], selected: 0).render(into: &grid, in: rect)
            Overlay(title: "x", width: 10, height: 10).render(into: &grid, in: rect)
            grid.field("hello", x: rect.x, y: rect.y, width: rect.width)
        }
    }
}
