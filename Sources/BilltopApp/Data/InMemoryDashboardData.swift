import Foundation
import BillingCore

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

        public init(
            key: CustomerKey, customer: Customer, subscriptions: [CustomerProfile.SubscriptionLine] = [],
            dunningStage: String? = nil, retries: Int? = nil, lastFailureReason: String? = nil
        ) {
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

    /// - Parameters: `asOf` is the date the customers pane's overdue column is computed on.
    public init(accounts: [Account], invoices: [CustomerKey: [Invoice]], mrr: MRROverview, sync: SyncOverview, asOf: LocalDate) {
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
        rowsByAccount = accounts.map { account in
            Self.row(for: account, invoices: invoices[account.key] ?? [], asOf: asOf)
        }
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
    static func tellingState(_ states: [SubscriptionState]) -> SubscriptionState? {
        func rank(_ s: SubscriptionState) -> Int {
            switch s {
            case .unpaid: 0
            case .pastDue: 1
            case .softFailure: 2
            case .active: 3
            case .trialing: 4
            default: s.isEnded ? 6 : 5
            }
        }
        return states.min { rank($0) < rank($1) }
    }

    public func customers(_ query: CustomerQuery, offset: Int, limit: Int) throws -> RowWindow<CustomerRow> {
        let needle = query.text.lowercased().trimmingCharacters(in: .whitespaces)
        var rows = needle.isEmpty ? rowsByAccount : zip(rowsByAccount, searchText).filter { $0.1.contains(needle) }.map(\.0)
        rows.sort(by: CustomerRowOrder.comparator(query.sort, descending: query.descending))
        return Self.window(rows, offset: offset, limit: limit)
    }

    public func invoices(_ query: InvoiceQuery, offset: Int, limit: Int) throws -> InvoicePage {
        var rows: [InvoiceRow] = []
        var totals = MoneyTotals()
        var dueTotals = MoneyTotals()
        for (key, invoice) in allInvoices where query.matches(invoice, customer: key) {
            totals.add(invoice.total)
            dueTotals.add(invoice.due)
            let name = accountIndex[key].map { accounts[$0].customer.displayName } ?? key.id
            rows.append(InvoiceRow(
                id: invoice.id, number: invoice.number, customer: key, customerName: name, status: invoice.status,
                issueDate: invoice.issueDate, dueDate: invoice.dueDate, total: invoice.total, due: invoice.due,
                daysOverdue: invoice.daysOverdue(on: query.asOf)))
        }
        rows.sort(by: InvoiceRowOrder.comparator(query.sort, descending: query.descending))
        return InvoicePage(page: Self.window(rows, offset: offset, limit: limit), totals: totals, dueTotals: dueTotals)
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
                buckets[AgingBucket(daysPastDue: invoice.daysOverdue(on: asOf)), default: MoneyTotals()].add(invoice.due)
                guard invoice.isOverdue(on: asOf) else { continue }
                receivable.add(invoice.due)
                due = due.flatMap { $0.adding(invoice.due) } ?? invoice.due
                if oldest == nil || (invoice.dueDate ?? asOf) < (oldest?.dueDate ?? asOf) { oldest = invoice }
            }
            let row = rowsByAccount[accountIndex[account.key]!]
            let inDunning = account.subscriptions.contains { $0.subscription.state.isProblem }
            guard due != nil || inDunning else { continue }
            atRisk.add(row.mrr)
            let sub = account.subscriptions.first { $0.subscription.state.isProblem }?.subscription
                ?? account.subscriptions.first?.subscription
            let card = sub?.creditCard.flatMap { $0.expires(within: 30, of: asOf) ? $0.lastValidDay : nil }
            let cancel = account.subscriptions.first { $0.subscription.hasScheduledCancellation }?.subscription
            alerts.append(DunningAlertRow(
                customer: account.key, customerName: row.name, customerMRR: row.mrr,
                totalDue: due ?? .zero(sub?.currency ?? .usd), oldestInvoiceNumber: oldest?.number ?? "",
                daysOverdue: oldest?.daysOverdue(on: asOf) ?? 0, subscriptionState: row.state,
                dunningStage: account.dunningStage, retries: account.retries, lastFailureReason: account.lastFailureReason,
                cardExpiring: card,
                scheduledCancellation: (cancel?.scheduledCancellationAt ?? cancel?.currentPeriodEndsAt)?.utcDate))
        }
        alerts.sort(by: DunningAlertOrder.byMoneyAtRisk)
        return DunningOverview(
            asOf: asOf, buckets: buckets, openReceivable: receivable, mrrAtRisk: atRisk, alerts: Array(alerts.prefix(limit)))
    }

    public func mrr(asOf: LocalDate) throws -> MRROverview { mrrOverview }

    public func customer(_ key: CustomerKey, asOf: LocalDate) throws -> CustomerProfile? {
        guard let i = accountIndex[key] else { return nil }
        let account = accounts[i]
        let invoices = (invoicesByCustomer[key] ?? []).sorted { ($0.issueDate ?? asOf) > ($1.issueDate ?? asOf) }
        var open = MoneyTotals()
        for invoice in invoices where invoice.status.isCollectible && invoice.due.isPositive { open.add(invoice.due) }
        let row = Self.row(for: account, invoices: invoices, asOf: asOf)
        return CustomerProfile(
            key: key, customer: account.customer, subscriptions: account.subscriptions, invoices: invoices,
            mrr: row.mrr, overdue: row.overdue, openDue: open, asOf: asOf)
    }

    public func syncStatus() throws -> SyncOverview { sync }

    static func window<Row>(_ rows: [Row], offset: Int, limit: Int) -> RowWindow<Row> {
        let start = min(max(0, offset), rows.count)
        let end = min(rows.count, start + max(0, limit))
        return RowWindow(offset: start, rows: Array(rows[start..<end]), total: rows.count)
    }
}
