import BillingCore
import TUIKit

/// The pure heart of the dashboard: (state, action) -> (state, effects, redraw). No I/O, no clock.
public enum Reducer {
    /// Rows loaded beyond the visible ones on each side, so scrolling a little needs no query.
    public static let windowMargin = 50
    /// Dunning alerts loaded at once (the pane scrolls within them).
    public static let alertLimit = 500
    /// How long a confirmation (not an error) stays in the status line, in seconds.
    public static let statusSeconds: Int64 = 8

    public static func reduce(_ state: AppState, _ action: Action) -> Reduction {
        var s = state
        var effects: [Effect] = []
        var redraw: Redraw = .none
        switch action {
        case .start:
            applyStartPoint(&s)
            effects = loadAll(s)
            redraw = .all
        case .command(let command):
            redraw = handle(command, &s, &effects)
        case .type(let character):
            if s.actionForm?.phase == .editing {
                redraw = typeIntoField(character, &s)
                break
            }
            guard s.searching else { break }
            s.customerQuery.text.append(character)
            redraw = searchChanged(&s, &effects)
        case .resize(let width, let height):
            s.width = max(0, width)
            s.height = max(0, height)
            effects = reclampLists(&s)
            redraw = .all
        case .click(let x, let y):
            redraw = click(x: x, y: y, &s, &effects)
        case .wheel(let up, let x, let y):
            redraw = wheel(up: up, x: x, y: y, &s, &effects)
        case .tick(let now):
            s.now = now
            redraw = .header
            if let status = s.status, !status.isError,
                now.secondsSinceEpoch - status.at.secondsSinceEpoch >= statusSeconds
            {
                s.status = nil
                effects = reclampLists(&s)
                redraw = .all
            }
        case .storeChanged:
            effects = loadAll(s)
        case .syncChanged(let overview):
            s.sync = overview
            redraw = s.screen == .log ? [.header, .body] : .header
            // The sync screen follows the fetcher: its record counts are read again after each change.
            if s.screen == .log { effects.append(.loadHealth) }
        case .healthLoaded(let health):
            s.health = health
            redraw = s.screen == .log ? .body : .none
        case .customersLoaded(let query, let page):
            guard query == s.customerQuery else { break }  // a newer keystroke already asked again
            s.customers.page = page
            s.customers.loaded = true
            s.customerPageQuery = query
            if s.customers.selected >= page.total {
                s.customers.select(page.total - 1, capacity: s.capacity(.customers))
            }
            s.customers.clampTop(capacity: s.capacity(.customers))
            redraw = [.customers, .footer]
            if s.openSoleMatch {
                s.openSoleMatch = false
                if page.total == 1 { redraw = handle(.open, &s, &effects) }
            }
        case .invoicesLoaded(let query, let page):
            guard query == s.invoiceQuery else { break }
            s.invoices.page = page.page
            s.invoiceColumnFit = InvoiceColumnFit(page.page.rows)
            s.invoices.loaded = true
            s.invoiceTotals = page.totals
            s.invoiceDueTotals = page.dueTotals
            s.invoiceUnreadableDue = page.unreadableDue
            if s.invoices.selected >= page.page.total {
                s.invoices.select(page.page.total - 1, capacity: s.capacity(.invoices))
            }
            s.invoices.clampTop(capacity: s.capacity(.invoices))
            redraw = .invoices
        case .dunningLoaded(let overview):
            s.dunning = overview
            moveDunning(&s, by: 0)
            redraw = .dunning
        case .mrrLoaded(let overview):
            s.mrr = overview
            redraw = .mrr
        case .customerLoaded(let key, let detail):
            guard s.screen == .customer(key) else { break }
            s.detail = detail
            s.detailMissing = detail == nil
            redraw = .body
        case .actionTargetLoaded(let key, let target):
            redraw = actionTargetLoaded(key, target, &s, &effects)
        case .actionFinished(let report):
            redraw = actionFinished(report, &s, &effects)
        case .portalLinkLoaded(let key, let report):
            redraw = portalLinkLoaded(key, report, &s, &effects)
        case .actionsResumed(let reports):
            redraw = actionsResumed(reports, &s, &effects)
        case .exported(let path, let rows):
            say(&s, "exported \(rows) rows to \(path)", error: false, &effects)
            redraw = .all
        case .failed(let message):
            say(&s, message, error: true, &effects)
            redraw = .all
        }
        return Reduction(state: s, effects: effects, redraw: redraw)
    }

    // MARK: Commands

    static func handle(_ command: Command, _ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        // Only an Enter that ended a search waits for its results; any later key cancels that.
        if command != .acceptSearch { s.openSoleMatch = false }
        switch command {
        case .quit:
            s.quitting = true
            fx.append(.quit)
            return .none
        case .help:
            s.showingHelp = true
            return .all
        case .closeOverlay:
            s.showingHelp = false
            return .all
        case .log:
            guard s.screen != .log else { return .none }
            s.returnStack.append(ReturnPoint(screen: s.screen, focus: s.focus))
            s.screen = .log
            s.logScroll = max(0, s.combinedLog.count - LogView.logRows(s))
            fx.append(.loadHealth)
            return .all
        case .refresh:
            fx.append(.syncNow)
            fx.append(contentsOf: loadAll(s))
            say(&s, "refreshing: syncing every source now", error: false, &fx)
            return .all
        case .export:
            fx.append(.export(exportRequest(s)))
            return .none
        case .nextPane: return focus(s.focus.next, &s)
        case .previousPane: return focus(s.focus.previous, &s)
        case .showCustomers: return show(.customers, &s)
        case .showInvoices: return show(.invoices, &s)
        case .showDunning: return show(.dunning, &s)
        case .showMRR: return show(.mrr, &s)
        case .up: return move(&s, by: -1, &fx)
        case .down: return move(&s, by: 1, &fx)
        case .pageUp: return move(&s, by: -pageSize(s), &fx)
        case .pageDown: return move(&s, by: pageSize(s), &fx)
        case .top: return move(&s, by: -Int(Int32.max), &fx)
        case .bottom: return move(&s, by: Int(Int32.max), &fx)
        case .open:
            guard let key = selectedCustomer(s) else { return .none }
            s.returnStack.append(ReturnPoint(screen: s.screen, focus: s.focus))
            s.screen = .customer(key)
            s.detail = nil
            s.detailMissing = false
            s.detailScroll = 0
            fx.append(.loadCustomer(key, asOf: s.asOf))
            return .all
        case .back:
            let point = s.returnStack.popLast() ?? ReturnPoint(screen: .dashboard, focus: s.focus)
            s.screen = point.screen
            s.focus = point.focus
            if case .customer(let key) = point.screen { fx.append(.loadCustomer(key, asOf: s.asOf)) }
            return .all
        case .customerInvoices:
            guard case .customer(let key) = s.screen else { return .none }
            s.invoiceQuery.customer = key
            s.invoiceQuery.customerName = s.detail?.customer.displayName
            s.returnStack.append(ReturnPoint(screen: s.screen, focus: s.focus))
            s.screen = .dashboard
            s.focus = .invoices
            return invoicesChanged(&s, &fx)
        case .search:
            s.screen = .dashboard
            s.focus = .customers
            s.searching = true
            return .all
        case .acceptSearch:
            // Enter on a search that found one customer opens them; with several it keeps the results.
            s.searching = false
            guard !s.customerQuery.text.isEmpty else { return [.customers, .footer] }
            guard s.customerPageQuery == s.customerQuery else {
                s.openSoleMatch = true  // results still loading: decide when they arrive
                return [.customers, .footer]
            }
            return s.customers.total == 1 ? handle(.open, &s, &fx) : [.customers, .footer]
        case .cancelSearch:
            s.searching = false
            guard !s.customerQuery.text.isEmpty else { return [.customers, .footer] }
            s.customerQuery.text = ""
            return searchChanged(&s, &fx).union(.footer)
        case .deleteBackward:
            guard !s.customerQuery.text.isEmpty else { return .none }
            s.customerQuery.text.removeLast()
            return searchChanged(&s, &fx)
        case .clearSearch:
            s.customerQuery.text = ""
            return searchChanged(&s, &fx)
        case .deleteWord:
            var text = s.customerQuery.text
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { text.removeLast() }
            s.customerQuery.text = text
            return searchChanged(&s, &fx)
        case .sort:
            if s.focus == .customers {
                s.customerQuery.sort = nextCase(s.customerQuery.sort)
                s.customerQuery.descending = false
                return searchChanged(&s, &fx)
            }
            s.invoiceQuery.sort = nextCase(s.invoiceQuery.sort)
            s.invoiceQuery.descending = false
            return invoicesChanged(&s, &fx)
        case .reverseSort:
            if s.focus == .customers {
                s.customerQuery.descending.toggle()
                return searchChanged(&s, &fx)
            }
            s.invoiceQuery.descending.toggle()
            return invoicesChanged(&s, &fx)
        case .statusFilter:
            s.invoiceQuery.status = nextCase(s.invoiceQuery.status)
            return invoicesChanged(&s, &fx)
        case .dateRange:
            s.invoiceQuery.dateRange = nextCase(s.invoiceQuery.dateRange)
            return invoicesChanged(&s, &fx)
        case .act, .actResend, .actPay, .actCardUpdate, .actNote, .actRetry, .actCancelDunning, .actPause, .actResume,
            .actCancelAtPeriodEnd, .actUndoCancel, .actReactivate, .actCoupon, .actPortalLink, .newCustomer,
            .actCRMNote, .actCRMTask, .actCRMCompleteTask, .actCRMLink,
            .nextSubscription,
            .closeAction,
            .nextField, .deleteCharacter, .clearField, .reviewAction, .confirmAction, .editAction:
            return actionCommand(command, &s, &fx)
        case .customerFilter:
            if s.invoiceQuery.customer != nil {
                s.invoiceQuery.customer = nil
                s.invoiceQuery.customerName = nil
            } else if let row = s.invoices.selectedRow {
                s.invoiceQuery.customer = row.customer
                s.invoiceQuery.customerName = row.customerName
            } else {
                return .none
            }
            return invoicesChanged(&s, &fx)
        }
    }

    static func nextCase<T: CaseIterable & Equatable>(_ value: T) -> T {
        let all = Array(T.allCases)
        let index = all.firstIndex(of: value) ?? 0
        return all[(index + 1) % all.count]
    }

    static func focus(_ pane: Pane, _ s: inout AppState) -> Redraw {
        guard s.screen == .dashboard else { return .none }
        s.focus = pane
        return .all
    }

    /// A pane's number or tab: that pane, from any screen. The tab bar is drawn over a customer and the sync
    /// screen too, so its keys work there. Going to a pane ends the drill-down, so its way back is dropped.
    static func show(_ pane: Pane, _ s: inout AppState) -> Redraw {
        if s.screen != .dashboard {
            s.screen = .dashboard
            s.returnStack.removeAll()
        }
        s.focus = pane
        return .all
    }

    static func say(_ s: inout AppState, _ text: String, error: Bool, _ fx: inout [Effect]) {
        let clean = TextSanitizer.clean(text)
        let hadStatus = s.status != nil
        s.status = StatusMessage(text: clean, isError: error, at: s.now)
        s.appLog.append(LogLine(time: s.now, level: error ? .error : .info, message: clean))
        if s.appLog.count > 500 { s.appLog.removeFirst(s.appLog.count - 500) }
        // The status line takes a row from the panes: keep the selections in view.
        if !hadStatus { fx.append(contentsOf: reclampLists(&s)) }
    }
}
