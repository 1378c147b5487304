import BillingCore
import TUIKit
import Testing

@testable import BilltopApp

/// The reducer alone: state in, state + effects + redraw out.
struct ReducerTests {
    func started(width: Int = 120, height: Int = 40) -> AppState {
        var s = AppState(width: width, height: height, now: Fixtures.now)
        let data = Fixtures.data()
        s =
            Reducer.reduce(
                s, .customersLoaded(s.customerQuery, try! data.customers(s.customerQuery, offset: 0, limit: 200))
            ).state
        s =
            Reducer.reduce(
                s, .invoicesLoaded(s.invoiceQuery, try! data.invoices(s.invoiceQuery, offset: 0, limit: 200))
            ).state
        s = Reducer.reduce(s, .dunningLoaded(try! data.dunning(asOf: Fixtures.today, limit: 500))).state
        return s
    }

    @Test func startLoadsEveryPane() {
        let r = Reducer.reduce(AppState(width: 120, height: 40, now: Fixtures.now), .start)
        #expect(r.effects.contains(.loadDunning(asOf: Fixtures.today)))
        #expect(r.effects.contains(.loadMRR(asOf: Fixtures.today)))
        #expect(r.effects.contains(.loadSync))
        #expect(r.effects.contains { if case .loadCustomers = $0 { true } else { false } })
        #expect(r.redraw == .all)
    }

    @Test func downAndUpMoveTheSelectionWithinBounds() {
        var s = started()
        s = Reducer.reduce(s, .command(.up)).state
        #expect(s.customers.selected == 0)
        let r = Reducer.reduce(s, .command(.down))
        #expect(r.state.customers.selected == 1)
        #expect(r.redraw == .customers)
        #expect(r.effects.isEmpty, "moving inside the loaded window needs no query")
        let bottom = Reducer.reduce(r.state, .command(.bottom)).state
        #expect(bottom.customers.selected == 13)
        #expect(Reducer.reduce(bottom, .command(.down)).redraw == .none)
    }

    @Test func scrollingPastTheLoadedWindowAsksForRows() {
        var s = AppState(width: 120, height: 40, now: Fixtures.now)
        let rows = (0..<200).map { CustomerRow(key: Fixtures.key("\($0)"), name: "c\($0)") }
        s = Reducer.reduce(s, .customersLoaded(s.customerQuery, RowWindow(offset: 0, rows: rows, total: 10_000))).state
        let r = Reducer.reduce(s, .command(.bottom))
        #expect(r.state.customers.selected == 9_999)
        guard case .loadCustomers(_, let offset, _) = r.effects.first else {
            Issue.record("expected a customers load, got \(r.effects)")
            return
        }
        #expect(offset <= r.state.customers.top && offset > 9_000)
    }

    @Test func tabAndNumbersSwitchPanes() {
        var s = started()
        s = Reducer.reduce(s, .command(.nextPane)).state
        #expect(s.focus == .invoices)
        s = Reducer.reduce(s, .command(.previousPane)).state
        s = Reducer.reduce(s, .command(.previousPane)).state
        #expect(s.focus == .mrr)
        s = Reducer.reduce(s, .command(.showDunning)).state
        #expect(s.focus == .dunning)
        #expect(Dispatcher.action(for: .char("3"), in: s).map { "\($0)" } == "command(BilltopApp.Command.showDunning)")
    }

    @Test func typingSearchesAndStaleResultsAreIgnored() {
        var s = started()
        s = Reducer.reduce(s, .command(.search)).state
        #expect(s.searching && s.focus == .customers)
        // In search mode "q" is typed, not quit.
        #expect(Dispatcher.action(for: .char("q"), in: s).map { "\($0)" } == "type(\"q\")")
        let first = Reducer.reduce(s, .type("y"))
        guard case .loadCustomers(let q1, 0, _) = first.effects.first else {
            Issue.record("typing must load customers from the top")
            return
        }
        #expect(q1.text == "y")
        let second = Reducer.reduce(first.state, .type("a"))
        #expect(second.state.customerQuery.text == "ya")
        // The answer to "y" arrives after "ya" was typed: ignored.
        let stale = Reducer.reduce(second.state, .customersLoaded(q1, RowWindow(offset: 0, rows: [], total: 0)))
        #expect(stale.state.customers.total == 14)
        #expect(stale.redraw == .none)
        let cancelled = Reducer.reduce(second.state, .command(.cancelSearch)).state
        #expect(!cancelled.searching && cancelled.customerQuery.text.isEmpty)
        let word = Reducer.reduce(Reducer.reduce(second.state, .type(" ")).state, .command(.deleteWord)).state
        #expect(word.customerQuery.text == "")
    }

    @Test func enterOnASoleMatchOpensItAndOnSeveralKeepsThem() {
        var s = started()
        s = Reducer.reduce(s, .command(.search)).state
        s = Reducer.reduce(s, .type("y")).state
        let one = RowWindow(offset: 0, rows: [CustomerRow(key: Fixtures.key("7"), name: "Yamada")], total: 1)
        let two = RowWindow(
            offset: 0,
            rows: [
                CustomerRow(key: Fixtures.key("7"), name: "Yamada"), CustomerRow(key: Fixtures.key("8"), name: "Yu"),
            ],
            total: 2)

        // Results already in: one opens at once, two keep the list.
        let loadedOne = Reducer.reduce(s, .customersLoaded(s.customerQuery, one)).state
        let opened = Reducer.reduce(loadedOne, .command(.acceptSearch))
        #expect(opened.state.screen == .customer(Fixtures.key("7")))
        #expect(opened.effects.contains(.loadCustomer(Fixtures.key("7"), asOf: Fixtures.today)))
        let loadedTwo = Reducer.reduce(s, .customersLoaded(s.customerQuery, two)).state
        let kept = Reducer.reduce(loadedTwo, .command(.acceptSearch)).state
        #expect(kept.screen == .dashboard && !kept.searching)

        // Enter before the results: decided when they arrive, not on the previous query's rows.
        let early = Reducer.reduce(s, .command(.acceptSearch)).state
        #expect(early.screen == .dashboard && early.openSoleMatch)
        #expect(
            Reducer.reduce(early, .customersLoaded(early.customerQuery, one)).state.screen
                == .customer(Fixtures.key("7")))
        #expect(Reducer.reduce(early, .customersLoaded(early.customerQuery, two)).state.screen == .dashboard)
        // A key pressed meanwhile cancels the pending open.
        let moved = Reducer.reduce(early, .command(.down)).state
        #expect(Reducer.reduce(moved, .customersLoaded(moved.customerQuery, one)).state.screen == .dashboard)
        // An empty search is just closed.
        var empty = Reducer.reduce(started(), .command(.search)).state
        empty = Reducer.reduce(empty, .command(.acceptSearch)).state
        #expect(empty.screen == .dashboard && !empty.openSoleMatch)
    }

    @Test func invoiceFiltersCycleAndReload() {
        var s = started()
        s = Reducer.reduce(s, .command(.showInvoices)).state
        let r = Reducer.reduce(s, .command(.statusFilter))
        #expect(r.state.invoiceQuery.status == .open)
        #expect(r.effects.contains { if case .loadInvoices(let q, 0, _) = $0 { q.status == .open } else { false } })
        s = Reducer.reduce(r.state, .command(.statusFilter)).state
        #expect(s.invoiceQuery.status == .overdue)
        s = Reducer.reduce(s, .command(.dateRange)).state
        #expect(s.invoiceQuery.dateRange == .last30Days)
        // The customer filter takes the selected invoice's customer, and toggles off.
        s = started()
        s = Reducer.reduce(s, .command(.showInvoices)).state
        let selected = s.invoices.selectedRow!
        s = Reducer.reduce(s, .command(.customerFilter)).state
        #expect(s.invoiceQuery.customer == selected.customer)
        s = Reducer.reduce(s, .command(.customerFilter)).state
        #expect(s.invoiceQuery.customer == nil)
    }

    @Test func sortCyclesColumnsAndReverses() {
        var s = started()
        s = Reducer.reduce(s, .command(.sort)).state
        #expect(s.customerQuery.sort == .mrr)
        s = Reducer.reduce(s, .command(.reverseSort)).state
        #expect(s.customerQuery.descending)
        s = Reducer.reduce(s, .command(.showInvoices)).state
        s = Reducer.reduce(s, .command(.sort)).state
        #expect(s.invoiceQuery.sort == .number)
    }

    @Test func openingACustomerAndEscReturnsWhereYouWere() {
        var s = started()
        s = Reducer.reduce(s, .command(.showDunning)).state
        s = Reducer.reduce(s, .command(.down)).state
        let alert = s.dunning!.alerts[1]
        let r = Reducer.reduce(s, .command(.open))
        #expect(r.state.screen == .customer(alert.customer))
        #expect(r.effects == [.loadCustomer(alert.customer, asOf: Fixtures.today)])
        // Keys that belong to panes do nothing on the customer screen; Esc goes back.
        #expect(Dispatcher.action(for: .char("f"), in: r.state) == nil)
        let back = Reducer.reduce(r.state, .command(.back)).state
        #expect(back.screen == .dashboard)
        #expect(back.focus == .dunning)
        #expect(back.dunningSelected == 1)
    }

    @Test func aPanesNumberLeavesTheCustomerScreenAndTheSyncScreenForThatPane() {
        var s = started()
        s = Reducer.reduce(s, .command(.open)).state
        guard case .customer = s.screen else { Issue.record("not opened"); return }
        #expect(Dispatcher.action(for: .char("3"), in: s).map { "\($0)" } == "command(BilltopApp.Command.showDunning)")
        s = Reducer.reduce(s, .command(.showDunning)).state
        #expect(s.screen == .dashboard && s.focus == .dunning)
        #expect(s.returnStack.isEmpty)
        s = Reducer.reduce(s, .command(.log)).state
        #expect(s.screen == .log)
        #expect(Dispatcher.action(for: .char("2"), in: s).map { "\($0)" } == "command(BilltopApp.Command.showInvoices)")
        s = Reducer.reduce(s, .command(.showInvoices)).state
        #expect(s.screen == .dashboard && s.focus == .invoices)
        // Typing a search still types digits.
        s = Reducer.reduce(s, .command(.search)).state
        #expect(Dispatcher.action(for: .char("3"), in: s).map { "\($0)" } == "type(\"3\")")
    }

    @Test func customerScreenLinksToItsInvoices() {
        var s = started()
        s = Reducer.reduce(s, .command(.open)).state
        guard case .customer(let key) = s.screen else { Issue.record("not opened"); return }
        let r = Reducer.reduce(s, .command(.customerInvoices))
        #expect(r.state.focus == .invoices && r.state.screen == .dashboard)
        #expect(r.state.invoiceQuery.customer == key)
        #expect(Reducer.reduce(r.state, .command(.back)).state.screen == .customer(key))
    }

    @Test func exportAsksForTheCurrentViewWithItsFilters() {
        var s = started()
        s = Reducer.reduce(s, .command(.showInvoices)).state
        s = Reducer.reduce(s, .command(.statusFilter)).state
        let r = Reducer.reduce(s, .command(.export))
        #expect(r.effects == [.export(.invoices(s.invoiceQuery))])
        let done = Reducer.reduce(s, .exported(path: "/tmp/x.csv", rows: 3)).state
        #expect(done.status?.text == "exported 3 rows to /tmp/x.csv")
        #expect(done.status?.isError == false)
        // Confirmations fade; errors stay until replaced.
        #expect(Reducer.reduce(done, .tick(Fixtures.now.adding(seconds: 9))).state.status == nil)
        let failed = Reducer.reduce(s, .failed("disk full")).state
        #expect(Reducer.reduce(failed, .tick(Fixtures.now.adding(seconds: 60))).state.status?.isError == true)
    }

    @Test func helpOverlayTakesKeysUntilClosed() {
        var s = started()
        s = Reducer.reduce(s, .command(.help)).state
        #expect(s.activeContexts == [.overlay])
        #expect(Dispatcher.action(for: .char("j"), in: s) == nil)
        s = Reducer.reduce(s, Dispatcher.action(for: .escape, in: s)!).state
        #expect(!s.showingHelp)
    }

    @Test func clicksFocusPanesAndSelectRows() {
        var s = started()
        let list = s.layout.listRect(.customers, focus: .customers, dunningCurrencies: 5)
        s = Reducer.reduce(s, .click(x: list.x + 3, y: list.y + 4)).state
        #expect(s.customers.selected == 4)
        let invoices = s.layout.paneRect(.invoices, focus: s.focus)!
        s = Reducer.reduce(s, .click(x: invoices.x + 5, y: invoices.y + 1)).state
        #expect(s.focus == .invoices)
        s = Reducer.reduce(s, .wheel(up: false, x: list.x + 1, y: list.y + 1)).state
        #expect(s.customers.selected == 7, "the wheel scrolls the pane under the pointer")
        #expect(s.focus == .invoices)
    }

    @Test func smallTerminalsUseTabsAndTinyOnesSayHowBigToBe() {
        var s = started(width: 80, height: 24)
        #expect(s.layout.mode == .tabs)
        #expect(s.layout.tab(atColumn: 2) == .customers)
        let tab3 = s.layout.tabs!
        var x = 0
        while s.layout.tab(atColumn: x) != .dunning && x < tab3.width { x += 1 }
        s = Reducer.reduce(s, .click(x: x, y: tab3.y)).state
        #expect(s.focus == .dunning)
        s = Reducer.reduce(s, .resize(width: 50, height: 10)).state
        #expect(s.layout.mode == .tooSmall)
        s = Reducer.reduce(s, .resize(width: 120, height: 40)).state
        #expect(s.layout.mode == .grid)
    }
}
