import BillingCore
import TUIKit
import Testing

@testable import BilltopApp

/// Every pane and screen as text and style mask at 80x24 and 120x40, from the fixture.
struct SnapshotTests {
    @Test func dashboardGrid120x40() throws {
        let h = try Harness(width: 120, height: 40)
        try SnapshotAssertion.assertMatches(h.frame, named: "dashboard-120x40")
    }

    @Test(arguments: [KeyEvent.char("1"), .char("2"), .char("3"), .char("4")])
    func paneTabs80x24(key: KeyEvent) throws {
        let h = try Harness(width: 80, height: 24)
        try h.press(key)
        try SnapshotAssertion.assertMatches(h.frame, named: "pane-\(h.state.focus.title.lowercased())-80x24")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func customerScreen(size: (Int, Int)) throws {
        let h = try Harness(width: size.0, height: size.1)
        try h.press(.char("/"))
        try h.type("acme")
        try h.press(.enter, .enter)
        try SnapshotAssertion.assertMatches(h.frame, named: "customer-\(size.0)x\(size.1)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func searchInProgress(size: (Int, Int)) throws {
        let h = try Harness(width: size.0, height: size.1)
        try h.press(.char("/"))
        try h.type("ya")
        try SnapshotAssertion.assertMatches(h.frame, named: "search-\(size.0)x\(size.1)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func helpOverlay(size: (Int, Int)) throws {
        let h = try Harness(width: size.0, height: size.1)
        try h.press(.char("?"))
        try SnapshotAssertion.assertMatches(h.frame, named: "help-\(size.0)x\(size.1)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func logViewWithAnError(size: (Int, Int)) throws {
        let h = try Harness(width: size.0, height: size.1)
        h.loop.events.post(.failed("acme: 401 Unauthorized: check BILLTOP_API_KEY"))
        try h.press(.char("L"))
        try SnapshotAssertion.assertMatches(h.frame, named: "log-\(size.0)x\(size.1)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func invoicesFilteredOverdueSortedByDue(size: (Int, Int)) throws {
        let h = try Harness(width: size.0, height: size.1)
        try h.press(.char("2"), .char("f"), .char("f"), .char("s"), .char("s"), .char("s"))
        #expect(h.state.invoiceQuery.status == .overdue && h.state.invoiceQuery.sort == .due)
        try SnapshotAssertion.assertMatches(h.frame, named: "invoices-overdue-\(size.0)x\(size.1)")
    }

    @Test func tooSmall() throws {
        let h = try Harness(width: 50, height: 12)
        #expect(h.text.contains("terminal too small (50x12), need 60x15"))
        try SnapshotAssertion.assertMatches(h.frame, named: "too-small-50x12")
    }
}
