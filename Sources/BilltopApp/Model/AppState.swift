import BillingCore
import BillingStore
import TUIKit

/// The whole dashboard state: pure data, changed only by `Reducer.reduce`.
public struct AppState: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var now: Timestamp
    public var focus: Pane = .customers
    public var screen: Screen = .dashboard
    /// Where Esc returns to, innermost last.
    public var returnStack: [ReturnPoint] = []
    public var showingHelp = false
    public var searching = false

    public var customerQuery = CustomerQuery()
    public var customers = ListState<CustomerRow>()
    /// The query the customers window was loaded for (it lags `customerQuery` while a keystroke's load runs).
    public var customerPageQuery: CustomerQuery?
    /// Enter ended a search before its results arrived: open the customer if they are exactly one.
    public var openSoleMatch = false
    public var invoiceQuery: InvoiceQuery
    public var invoices = ListState<InvoiceRow>()
    /// The loaded invoice window's widest number, total and due (set with the window).
    public var invoiceColumnFit: InvoiceColumnFit?
    public var invoiceTotals = MoneyTotals()
    public var invoiceDueTotals = MoneyTotals()
    /// Invoices of the filtered list whose due could not be read (named after the due totals).
    public var invoiceUnreadableDue = 0
    public var dunning: DunningOverview?
    public var dunningSelected = 0
    public var dunningTop = 0
    public var mrr: MRROverview?
    public var detail: CustomerProfile?
    public var detailMissing = false
    public var detailScroll = 0
    public var sync = SyncOverview()
    /// The sync screen's source health with record counts (nil until it is first opened and loaded).
    public var health: [SourceHealth]?
    public var status: StatusMessage?
    /// The app's own messages (errors, exports), shown with the sync log in the log view.
    public var appLog: [LogLine] = []
    public var logScroll = 0
    public var quitting = false
    /// A fixed as-of date (`--as-of`); nil means today from `now`.
    public var fixedAsOf: LocalDate?
    /// Where the first frame opens (`billtop open`); `.start` applies it once and sets it back to `.dashboard`.
    public var startPoint: StartPoint = .dashboard
    /// Who may act on which source (from the action desk at start).
    public var actionAvailability: ActionAvailability = .none
    /// The open action menu, the action being prepared or sent, and the customer whose menu is loading.
    public var actionMenu: ActionMenu?
    public var actionForm: ActionForm?
    public var actionTargetLoading: CustomerKey?

    public init(width: Int, height: Int, now: Timestamp, asOf: LocalDate? = nil) {
        self.width = width
        self.height = height
        self.now = now
        self.fixedAsOf = asOf
        self.invoiceQuery = InvoiceQuery(asOf: asOf ?? now.utcDate)
    }

    /// "Today" for overdue, aging and MRR.
    public var asOf: LocalDate { fixedAsOf ?? now.utcDate }

    /// The screen geometry for the current size.
    public var layout: ScreenLayout { ScreenLayout(width: width, height: height, hasStatus: status != nil) }

    /// The key contexts in force now, most specific first; the dispatcher and the footer read them.
    public var activeContexts: [KeyContext] {
        if showingHelp { return [.overlay] }
        if let form = actionForm {
            switch form.phase {
            case .editing: return [.actionForm]
            case .review: return [.actionReview]
            case .sending: return [.actionSending]
            case .finished: return [.actionResult]
            }
        }
        if actionMenu != nil { return [.actionMenu] }
        if searching { return [.search] }
        switch screen {
        case .customer: return [.customerScreen, .list, .global]
        case .log: return [.logView, .list, .global]
        case .dashboard:
            var contexts: [KeyContext] = []
            if focus == .customers { contexts.append(.customers) }
            if focus == .invoices { contexts.append(.invoices) }
            if focus != .mrr { contexts.append(.list) }
            return contexts + [.dashboard, .global]
        }
    }

    /// Every log line, oldest first: the fetcher's and the app's.
    public var combinedLog: [LogLine] {
        (sync.log + appLog).sorted { $0.time < $1.time }
    }

    /// Rows a pane's list shows at the current size.
    public func capacity(_ pane: Pane) -> Int {
        max(1, layout.listRect(pane, focus: focus, dunningCurrencies: dunning?.currencies.count ?? 0).height)
    }
}
