import BillingCore
import BillingStore
import Foundation

/// A `DashboardData` over values held in memory: the fixture for tests and the stand-in for benchmarks.
///
/// Customer MRR comes from the subscription lines given (this type does no MRR math of its own).
public struct InMemoryDashboardData: DashboardData {
    /// A customer with its subscriptions and their MRR.
    public struct Account: Sendable {
        public var key: CustomerKey
        public var customer: Customer
        public var subscriptions: [CustomerProfile.SubscriptionLine]
        /// Dunning facts the source's events would give.
        public var dunningStage: String?
        public var retries: Int?
        public var lastFailureReason: String?
        /// The customer screen's timeline, newest first.
        public var timeline: [TimelineEntry]
        /// The customer screen's CRM panel (nil: no CRM contacts known).
        public var crm: CRMPanel?

        public init(
            key: CustomerKey, customer: Customer, subscriptions: [CustomerProfile.SubscriptionLine] = [],
            dunningStage: String? = nil, retries: Int? = nil, lastFailureReason: String? = nil,
            timeline: [TimelineEntry] = [], crm: CRMPanel? = nil
        ) {
            self.timeline = timeline
            self.crm = crm
            self.key = key
            self.customer = customer
            self.subscriptions = subscriptions
            self.dunningStage = dunningStage
            self.retries = retries
            self.lastFailureReason = lastFailureReason
        }
    }

    let accounts: [Account]
    let invoicesByCustomer: [CustomerKey: [Invoice]]
    let allInvoices: [(key: CustomerKey, invoice: Invoice)]
    let accountIndex: [CustomerKey: Int]
    let searchText: [String]
    let mrrOverview: MRROverview
    let sync: SyncOverview
    let asOf: LocalDate
    let rowsByAccount: [CustomerRow]
    /// Account indices in each customer sort order, computed once.
    let customerOrders: [CustomerQuery.Sort: [Int]]
    let invoiceCache = InvoiceQueryCache()

    /// - Parameters: `asOf` is the date the customers pane's overdue column is computed on.
    public init(
        accounts: [Account], invoices: [CustomerKey: [Invoice]], mrr: MRROverview, sync: SyncOverview, asOf: LocalDate
    ) {
        self.accounts = accounts
        self.invoicesByCustomer = invoices
        self.mrrOverview = mrr
        self.sync = sync
        self.asOf = asOf
        var index: [CustomerKey: Int] = [:]
        for (i, account) in accounts.enumerated() { index[account.key] = i }
        accountIndex = index
        allInvoices = accounts.flatMap { account in (invoices[account.key] ?? []).map { (account.key, $0) } }
        searchText = accounts.map { a in
            [a.customer.displayName, a.customer.email, a.customer.organization, a.customer.reference, a.key.id]
                .joined(separator: "\u{1}").lowercased()
        }
        let rows = accounts.map { account in
            Self.row(for: account, invoices: invoices[account.key] ?? [], asOf: asOf)
        }
        rowsByAccount = rows
        var orders: [CustomerQuery.Sort: [Int]] = [:]
        let names = rows.map { NameSortKey.of($0.name) }
        orders[.name] = rows.indices.sorted {
            names[$0] != names[$1] ? names[$0] < names[$1] : rows[$0].key < rows[$1].key
        }
        for sort in [CustomerQuery.Sort.mrr, .state, .overdue] {
            let compare = CustomerRowOrder.comparator(sort, descending: false)
            orders[sort] = rows.indices.sorted { compare(rows[$0], rows[$1]) }
        }
        customerOrders = orders
    }

    static func row(for account: Account, invoices: [Invoice], asOf: LocalDate) -> CustomerRow {
        var mrr = MoneyTotals()
        for line in account.subscriptions { if let m = line.mrr { mrr.add(m) } }
        var overdue = MoneyTotals()
        for invoice in invoices where invoice.isOverdue(on: asOf) { overdue.add(invoice.due) }
        let c = account.customer
        return CustomerRow(
            key: account.key, name: c.displayName, email: c.email, organization: c.organization,
            reference: c.reference, mrr: mrr, state: Self.tellingState(account.subscriptions.map(\.subscription.state)),
            overdue: overdue)
    }

    /// A problem state says more than an active one; an active one more than an ended one.
    static func tellingState(_ states: [SubscriptionState]) -> SubscriptionState? { RowSortKeys.tellingState(states) }

    public func customers(_ query: CustomerQuery, offset: Int, limit: Int) throws -> RowWindow<CustomerRow> {
        let (filter, rest) = CRMContactFilter.parse(query.text)
        let needle = rest.lowercased().trimmingCharacters(in: .whitespaces)
        var order = customerOrders[query.sort] ?? Array(rowsByAccount.indices)
        if query.descending { order.reverse() }
        if let filter {
            order = order.filter { i in
                guard let crm = accounts[i].crm, let contact = crm.contact else { return false }
                return filter.admits(contact, ownerName: crm.ownerName)
            }
        }
        // Filtering keeps the precomputed order: a keystroke costs one pass of substring checks, no sort.
        let matched = needle.isEmpty ? order : order.filter { searchText[$0].contains(needle) }
        let window = Self.window(matched, offset: offset, limit: limit)
        return RowWindow(offset: window.offset, rows: window.rows.map { rowsByAccount[$0] }, total: window.total)
    }

    public func invoices(_ query: InvoiceQuery, offset: Int, limit: Int) throws -> InvoicePage {
        let matches = invoiceCache.matches(for: query) {
            var plain = query
            plain.descending = false
            let order = invoiceCache.order(query.sort) {
                let compare = InvoiceRowOrder.comparator(query.sort, descending: false)
                let rows = allInvoices.indices.map { invoiceRow($0, asOf: query.asOf) }
                return rows.indices.sorted { compare(rows[$0], rows[$1]) }
            }
            var indices: [Int] = []
            var totals = MoneyTotals()
            var dueTotals = MoneyTotals()
            for i in order where query.matches(allInvoices[i].invoice, customer: allInvoices[i].key) {
                indices.append(i)
                totals.add(allInvoices[i].invoice.total)
                dueTotals.add(allInvoices[i].invoice.due)
            }
            if query.descending { indices.reverse() }
            return InvoiceQueryCache.Matches(query: query, indices: indices, totals: totals, dueTotals: dueTotals)
        }
        let window = Self.window(matches.indices, offset: offset, limit: limit)
        let page = RowWindow(
            offset: window.offset, rows: window.rows.map { invoiceRow($0, asOf: query.asOf) }, total: window.total)
        let unreadable = matches.indices.filter { allInvoices[$0].invoice.unreadable.contains(.due) }.count
        return InvoicePage(page: page, totals: matches.totals, dueTotals: matches.dueTotals, unreadableDue: unreadable)
    }

    func invoiceRow(_ index: Int, asOf: LocalDate) -> InvoiceRow {
        let (key, invoice) = allInvoices[index]
        let name = accountIndex[key].map { rowsByAccount[$0].name } ?? key.id
        return InvoiceRow(
            id: invoice.id, number: invoice.number, customer: key, customerName: name, status: invoice.status,
            issueDate: invoice.issueDate, dueDate: invoice.dueDate, total: invoice.total, due: invoice.due,
            daysOverdue: invoice.daysOverdue(on: asOf), unreadable: invoice.unreadable)
    }

    public func dunning(asOf: LocalDate, limit: Int) throws -> DunningOverview {
        var buckets: [AgingBucket: MoneyTotals] = [:]
        var receivable = MoneyTotals()
        var atRisk = MoneyTotals()
        var alerts: [DunningAlertRow] = []
        for account in accounts {
            let invoices = invoicesByCustomer[account.key] ?? []
            var due: Money?
            var oldest: Invoice?
            for invoice in invoices where invoice.status.isCollectible && invoice.due.isPositive {
                buckets[AgingBucket(daysPastDue: invoice.daysOverdue(on: asOf)), default: MoneyTotals()].add(
                    invoice.due)
                guard invoice.isOverdue(on: asOf) else { continue }
                receivable.add(invoice.due)
                due = due.flatMap { $0.adding(invoice.due) } ?? invoice.due
                if oldest == nil || (invoice.dueDate ?? asOf) < (oldest?.dueDate ?? asOf) { oldest = invoice }
            }
            let row = rowsByAccount[accountIndex[account.key]!]
            let inDunning = account.subscriptions.contains { $0.subscription.state.isProblem }
            guard due != nil || inDunning else { continue }
            atRisk.add(row.mrr)
            let sub =
                account.subscriptions.first { $0.subscription.state.isProblem }?.subscription
                ?? account.subscriptions.first?.subscription
            let card = sub?.creditCard.flatMap { $0.expires(within: 30, of: asOf) ? $0.lastValidDay : nil }
            let cancel = account.subscriptions.first { $0.subscription.hasScheduledCancellation }?.subscription
            alerts.append(
                DunningAlertRow(
                    customer: account.key, customerName: row.name, customerMRR: row.mrr,
                    totalDue: due ?? .zero(sub?.currency ?? .usd), oldestInvoiceNumber: oldest?.number ?? "",
                    daysOverdue: oldest?.daysOverdue(on: asOf) ?? 0, subscriptionState: row.state,
                    dunningStage: account.dunningStage, retries: account.retries,
                    lastFailureReason: account.lastFailureReason,
                    cardExpiring: card,
                    scheduledCancellation: (cancel?.scheduledCancellationAt ?? cancel?.currentPeriodEndsAt)?.utcDate))
        }
        alerts = DunningAlertOrder.ordered(alerts)
        return DunningOverview(
            asOf: asOf, buckets: buckets, openReceivable: receivable, mrrAtRisk: atRisk,
            alerts: Array(alerts.prefix(limit)))
    }

    public func mrr(asOf: LocalDate) throws -> MRROverview { mrrOverview }

    public func customer(_ key: CustomerKey, asOf: LocalDate) throws -> CustomerProfile? {
        guard let i = accountIndex[key] else { return nil }
        let account = accounts[i]
        let invoices = (invoicesByCustomer[key] ?? []).sorted { ($0.issueDate ?? asOf) > ($1.issueDate ?? asOf) }
        var open = MoneyTotals()
        for invoice in invoices where invoice.status.isCollectible && invoice.due.isPositive { open.add(invoice.due) }
        let row = Self.row(for: account, invoices: invoices, asOf: asOf)
        var profile = CustomerProfile(
            key: key, customer: account.customer, subscriptions: account.subscriptions, invoices: invoices,
            mrr: row.mrr, overdue: row.overdue, openDue: open, asOf: asOf)
        profile.timeline = account.timeline
        profile.crm = account.crm
        return profile
    }

    public func syncStatus() throws -> SyncOverview { sync }

    public func sourceHealth(now: Timestamp) throws -> [SourceHealth] { sync.health }

    static func window<Row>(_ rows: [Row], offset: Int, limit: Int) -> RowWindow<Row> {
        let start = min(max(0, offset), rows.count)
        let end = min(rows.count, start + max(0, limit))
        return RowWindow(offset: start, rows: Array(rows[start..<end]), total: rows.count)
    }
}
