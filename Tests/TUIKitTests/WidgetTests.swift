import Testing

@testable import TUIKit

@Suite struct WidgetTests {
    @Test func sparklineScalesIntegers() {
        #expect(Sparkline([0, 1, 2, 3, 4, 5, 6, 7]).text(width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline([100, 100, 100]).text(width: 8) == "▄▄▄")
        #expect(Sparkline([0, 0], fromZero: true).text(width: 4) == "▁▁")
        #expect(
            Sparkline([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).text(width: 3) == "▁▅█",
            "only the newest values fit; halves round up")
        #expect(Sparkline([Int64.min, 0, Int64.max]).text(width: 3) == "▁▅█", "no overflow at the extremes")
        #expect(Sparkline([90, 100], fromZero: true).text(width: 2) == "▇█")
        #expect(Sparkline([]).text(width: 5) == "")
    }

    @Test func barUsesEighths() {
        #expect(Bar(value: 1, total: 2).text(width: 4) == "██  ")
        #expect(Bar(value: 1, total: 8).text(width: 1) == "▏")
        #expect(Bar(value: 9, total: 8).text(width: 2) == "██")
        #expect(Bar(value: 3, total: 0).text(width: 3) == "   ")
        #expect(Bar(value: 5, total: 16).text(width: 2) == "▋ ")
    }

    @Test func composedScreenSnapshot() throws {
        var grid = CellGrid(width: 60, height: 14)
        let screen = Layout.screen(grid.bounds)
        grid.put(" billtop  acme (sandbox)", x: 0, y: screen.header.y, style: CellStyle(.header, bold: true))
        let panes = Layout.grid2x2(screen.body)
        #expect(panes.count == 4)
        let titles = ["Customers", "Invoices", "Dunning", "MRR"]
        for (i, pane) in panes.enumerated() {
            let inner = Box(title: titles[i], focused: i == 0, rightTitle: i == 1 ? "3 open" : "").render(
                into: &grid, in: pane)
            switch i {
            case 0: TextInput("acme").render(into: &grid, in: inner, prompt: "/ ")
            case 1:
                ListView(["INV-1042 $1,200.00", "INV-1039 €980.00", "INV-1001 ¥5,000"], selected: 0).render(
                    into: &grid, in: inner)
            case 2: Bar(value: 3, total: 4).render(into: &grid, in: inner, role: .warn)
            default: Sparkline([1, 3, 2, 5, 8, 13, 12, 15]).render(into: &grid, in: inner)
            }
        }
        Footer(
            [KeyHint(key: "/", text: "search"), KeyHint(key: "Tab", text: "pane"), KeyHint(key: "q", text: "quit")],
            status: "synced 14s ago"
        ).render(into: &grid, in: screen.footer)
        try SnapshotFile.assertMatches(GridSnapshot.combined(grid), path: SnapshotFile.path(named: "screen-60x14"))
    }

    @Test func tabsAndOverlaySnapshot() throws {
        var grid = CellGrid(width: 40, height: 9)
        let tabs = Tabs(["Customers", "Invoices", "Dunning", "MRR"], selected: 1)
        tabs.render(into: &grid, in: grid.bounds)
        #expect(tabs.index(atX: 0, in: grid.bounds) == 0)
        #expect(tabs.index(atX: 14, in: grid.bounds) == 1)
        #expect(tabs.index(atX: 39, in: grid.bounds) == nil)
        let inner = Overlay(title: "Help", width: 30, height: 5).render(into: &grid, in: grid.bounds)
        #expect(inner == Rect(x: 6, y: 3, width: 28, height: 3))
        grid.put("? toggles this help", x: inner.x, y: inner.y)
        try SnapshotFile.assertMatches(GridSnapshot.combined(grid), path: SnapshotFile.path(named: "tabs-overlay-40x9"))
    }

    @Test func footerDropsWholeHintsThatDoNotFit() {
        var grid = CellGrid(width: 22, height: 1)
        Footer([
            KeyHint(key: "/", text: "search"), KeyHint(key: "Enter", text: "open"), KeyHint(key: "q", text: "quit"),
        ])
        .render(into: &grid, in: grid.bounds)
        #expect(grid.rowText(0) == " / search  Enter open ")
    }

    @Test func layoutSplits() {
        #expect(Layout.sizes([.fixed(1), .weight(1), .fixed(1)], total: 40) == [1, 38, 1])
        #expect(Layout.sizes([.weight(1), .weight(2)], total: 10) == [3, 7])
        #expect(Layout.sizes([.fixed(5), .weight(1)], total: 3) == [3, 0])
        let quads = Layout.grid2x2(Rect(x: 0, y: 1, width: 121, height: 38))
        #expect(
            quads == [
                Rect(x: 0, y: 1, width: 60, height: 19), Rect(x: 60, y: 1, width: 61, height: 19),
                Rect(x: 0, y: 20, width: 60, height: 19), Rect(x: 60, y: 20, width: 61, height: 19),
            ])
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
            Table(columns: [TableColumn("A", .soft(5))], rows: [TableRow(texts: ["x"])], selected: 0).render(
                into: &grid, in: rect)
            Footer([KeyHint(key: "q", text: "quit")], status: "ok").render(into: &grid, in: rect)
            TextInput("hello").render(into: &grid, in: rect, prompt: "/ ")
            Tabs(["a", "b"], selected: 0).render(into: &grid, in: rect)
            Sparkline([1, 2]).render(into: &grid, in: rect)
            Overlay(title: "x", width: 10, height: 10).render(into: &grid, in: rect)
        }
    }
}
