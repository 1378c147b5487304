import BillingCore
import TUIKit

extension Reducer {
    /// Loads for everything on screen, at the current windows.
    static func loadAll(_ s: AppState) -> [Effect] {
        var effects: [Effect] = [
            loadCustomers(s), loadInvoices(s), .loadDunning(asOf: s.asOf), .loadMRR(asOf: s.asOf), .loadSync,
        ]
        if case .customer(let key) = s.screen { effects.append(.loadCustomer(key, asOf: s.asOf)) }
        return effects
    }

    static func loadCustomers(_ s: AppState) -> Effect {
        let cap = s.capacity(.customers)
        return .loadCustomers(
            s.customerQuery, offset: max(0, s.customers.top - windowMargin), limit: cap + 2 * windowMargin)
    }

    static func loadInvoices(_ s: AppState) -> Effect {
        let cap = s.capacity(.invoices)
        return .loadInvoices(
            s.invoiceQuery, offset: max(0, s.invoices.top - windowMargin), limit: cap + 2 * windowMargin)
    }

    static func searchChanged(_ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        s.customers.reset()
        fx.append(loadCustomers(s))
        return .customers
    }

    static func invoicesChanged(_ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        s.invoices.reset()
        s.invoices.loaded = false
        fx.append(loadInvoices(s))
        return .all
    }

    /// After a size change: keep selections visible and fetch rows that became visible.
    static func reclampLists(_ s: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        s.customers.clampTop(capacity: s.capacity(.customers))
        if s.customers.loaded && s.customers.needsLoad(capacity: s.capacity(.customers)) {
            effects.append(loadCustomers(s))
        }
        s.invoices.clampTop(capacity: s.capacity(.invoices))
        if s.invoices.loaded && s.invoices.needsLoad(capacity: s.capacity(.invoices)) {
            effects.append(loadInvoices(s))
        }
        moveDunning(&s, by: 0)
        return effects
    }

    static func pageSize(_ s: AppState) -> Int {
        switch s.screen {
        case .dashboard: max(1, s.capacity(s.focus) - 1)
        case .customer, .log: max(1, s.layout.body.height - 3)
        }
    }

    /// Moves the selection of whatever list has focus; loads rows when it leaves the loaded window.
    static func move(_ s: inout AppState, by delta: Int, _ fx: inout [Effect]) -> Redraw {
        switch s.screen {
        case .customer:
            let lines = s.detail?.scrollLineCount ?? 0
            s.detailScroll = clamp(s.detailScroll + delta, 0, max(0, lines - 1))
            return .body
        case .log:
            s.logScroll = clamp(s.logScroll + delta, 0, max(0, s.combinedLog.count - 1))
            return .body
        case .dashboard:
            return movePane(s.focus, &s, by: delta, &fx)
        }
    }

    static func movePane(_ pane: Pane, _ s: inout AppState, by delta: Int, _ fx: inout [Effect]) -> Redraw {
        switch pane {
        case .customers:
            let before = s.customers
            s.customers.move(by: delta, capacity: s.capacity(.customers))
            if s.customers.needsLoad(capacity: s.capacity(.customers)) { fx.append(loadCustomers(s)) }
            return s.customers == before ? .none : .customers
        case .invoices:
            let before = s.invoices
            s.invoices.move(by: delta, capacity: s.capacity(.invoices))
            if s.invoices.needsLoad(capacity: s.capacity(.invoices)) { fx.append(loadInvoices(s)) }
            return s.invoices == before ? .none : .invoices
        case .dunning:
            let before = (s.dunningSelected, s.dunningTop)
            moveDunning(&s, by: delta)
            return before == (s.dunningSelected, s.dunningTop) ? .none : .dunning
        case .mrr:
            return .none
        }
    }

    static func moveDunning(_ s: inout AppState, by delta: Int) {
        let count = s.dunning?.alerts.count ?? 0
        let cap = max(1, s.capacity(.dunning))
        s.dunningSelected = clamp(s.dunningSelected + delta, 0, max(0, count - 1))
        if s.dunningSelected < s.dunningTop { s.dunningTop = s.dunningSelected }
        if s.dunningSelected >= s.dunningTop + cap { s.dunningTop = s.dunningSelected - cap + 1 }
        s.dunningTop = clamp(s.dunningTop, 0, max(0, count - cap))
    }

    static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { max(low, min(value, high)) }

    /// The customer behind the selected row of the focused pane.
    static func selectedCustomer(_ s: AppState) -> CustomerKey? {
        guard s.screen == .dashboard else { return nil }
        switch s.focus {
        case .customers: return s.customers.selectedRow?.key
        case .invoices: return s.invoices.selectedRow?.customer
        case .dunning:
            guard let alerts = s.dunning?.alerts, s.dunningSelected < alerts.count else { return nil }
            return alerts[s.dunningSelected].customer
        case .mrr: return nil
        }
    }

    /// What `e` exports from where the user is.
    static func exportRequest(_ s: AppState) -> ExportRequest {
        switch s.screen {
        case .customer(let key): return .customer(key, asOf: s.asOf)
        case .log, .dashboard:
            switch s.focus {
            case .customers: return .customers(s.customerQuery)
            case .invoices: return .invoices(s.invoiceQuery)
            case .dunning: return .dunning(asOf: s.asOf)
            case .mrr: return .mrr(asOf: s.asOf)
            }
        }
    }

    // MARK: Mouse

    static func click(x: Int, y: Int, _ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        let layout = s.layout
        guard layout.mode != .tooSmall else { return .none }
        if s.showingHelp {
            s.showingHelp = false
            return .all
        }
        if let tabs = layout.tabs, tabs.contains(x: x, y: y) {
            guard let pane = layout.tab(atColumn: x) else { return .none }
            return show(pane, &s)
        }
        guard s.screen == .dashboard, let pane = pane(at: x, y: y, s) else { return .none }
        s.focus = pane
        let list = layout.listRect(pane, focus: pane, dunningCurrencies: s.dunning?.currencies.count ?? 0)
        if list.contains(x: x, y: y) {
            let index = y - list.y
            switch pane {
            case .customers:
                guard s.customers.top + index < s.customers.total else { break }
                s.customers.select(s.customers.top + index, capacity: s.capacity(.customers))
            case .invoices:
                guard s.invoices.top + index < s.invoices.total else { break }
                s.invoices.select(s.invoices.top + index, capacity: s.capacity(.invoices))
            case .dunning:
                guard s.dunningTop + index < (s.dunning?.alerts.count ?? 0) else { break }
                s.dunningSelected = s.dunningTop + index
            case .mrr: break
            }
        }
        return .all
    }

    static func wheel(up: Bool, x: Int, y: Int, _ s: inout AppState, _ fx: inout [Effect]) -> Redraw {
        let delta = up ? -3 : 3
        guard s.layout.mode != .tooSmall, !s.showingHelp else { return .none }
        if s.screen != .dashboard { return move(&s, by: delta, &fx) }
        guard let pane = pane(at: x, y: y, s) else { return .none }
        return movePane(pane, &s, by: delta, &fx)
    }

    static func pane(at x: Int, y: Int, _ s: AppState) -> Pane? {
        Pane.allCases.first { s.layout.paneRect($0, focus: s.focus)?.contains(x: x, y: y) ?? false }
    }
}
