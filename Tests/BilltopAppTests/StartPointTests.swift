import BillingCore
import BilltopApp
import TUIKit
import Testing

/// `billtop open`'s start state: the first frame on one customer's screen (Esc: the panes), or on the
/// customers search with the text that matched several.
struct StartPointTests {
    @Test func aCustomerStartLoadsItsScreenAndEscLeadsToThePanes() throws {
        var s = AppState(width: 120, height: 40, now: Fixtures.now)
        s.startPoint = .customer(Fixtures.key("1001"))
        let r = Reducer.reduce(s, .start)
        #expect(r.state.screen == .customer(Fixtures.key("1001")))
        #expect(r.effects.contains(.loadCustomer(Fixtures.key("1001"), asOf: Fixtures.today)))
        #expect(r.state.startPoint == .dashboard, "applied once")
        let back = Reducer.reduce(r.state, .command(.back)).state
        #expect(back.screen == .dashboard && back.focus == .customers)
    }

    @Test func aSearchStartFiltersTheCustomersPane() throws {
        var s = AppState(width: 120, height: 40, now: Fixtures.now)
        s.focus = .invoices
        s.startPoint = .search("jane@acme.io")
        let r = Reducer.reduce(s, .start)
        #expect(r.state.screen == .dashboard && r.state.focus == .customers)
        #expect(r.state.customerQuery.text == "jane@acme.io")
        #expect(
            r.effects.contains {
                if case .loadCustomers(let query, _, _) = $0 { query.text == "jane@acme.io" } else { false }
            })
    }

    @Test func theFirstFrameIsTheCustomersScreen() throws {
        let h = try Harness(width: 80, height: 24, start: .customer(Fixtures.key("1001")))
        #expect(h.text.contains("Customer · Jane Doe"))
        try SnapshotAssertion.assertMatches(h.frame, named: "open-customer-80x24")
        try h.press(.escape)
        #expect(h.state.screen == .dashboard)
    }

    @Test func theFirstFrameIsTheSearchsResults() throws {
        let h = try Harness(width: 80, height: 24, start: .search("acme"))
        #expect(h.state.customerQuery.text == "acme")
        #expect(h.state.customers.total >= 1)
        try SnapshotAssertion.assertMatches(h.frame, named: "open-search-80x24")
    }
}

/// The customer screen's "Next / ends" column for a subscription that has ended.
struct EndedSubscriptionTests {
    @Test func aCanceledSubscriptionShowsTheDayItEndedNotANextBilling() throws {
        let h = try Harness(width: 120, height: 40, start: .customer(Fixtures.key("1010")))
        #expect(h.text.contains("2026-05-20"), "the day it was canceled")
        #expect(!h.text.contains("2026-07-01"), "no next billing for a canceled subscription")
    }
}
