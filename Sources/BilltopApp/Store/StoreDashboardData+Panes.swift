import BillingCore
import BillingStore

/// The dunning and MRR panes from the metrics aggregates, and one customer's screen from its own rows.
extension StoreDashboardData {
    /// Aging, receivable and alerts as of the aggregates' refresh day (`refresh(asOf:)` keeps it current).
    public func dunning(asOf: LocalDate, limit: Int) throws -> DunningOverview {
        let metrics = MetricsStore(store: store, settings: settings)
        var buckets: [AgingBucket: MoneyTotals] = [:]
        var receivable = MoneyTotals()
        var atRisk = MoneyTotals()
        var computing = false
        for source in try store.sources() {
            // Never computed: the refresh is on its way. `aging` would recompute it from every owed invoice here,
            // on the UI thread (7 s for the first frame after a 100k sync); the pane says "computing" instead.
            guard try metrics.refreshInfo(sourceID: source.id) != nil else {
                computing = true
                continue
            }
            let aging = try metrics.aging(sourceID: source.id)
            for cells in aging.cells.values {
                for (bucket, cell) in cells where cell.invoices > 0 {
                    buckets[bucket, default: MoneyTotals()].add(cell.amount)
                    // Every bucket but `current` is past due: together they are the open receivable.
                    if bucket != .current { receivable.add(cell.amount) }
                }
            }
            atRisk.add(try metrics.mrrAtRisk(sourceID: source.id))
        }
        // Alerts of every source merged in DunningAlertOrder (the rule billtop dunning uses).
        let alerts = try dunningAlertRows(limit: limit)
        var overview = DunningOverview(
            asOf: asOf, buckets: buckets, openReceivable: receivable, mrrAtRisk: atRisk, alerts: alerts)
        overview.computing = computing
        return overview
    }

    /// MRR per currency, this month's bridge and the 12 month-end values, summed over sources per basis.
    public func mrr(asOf: LocalDate) throws -> MRROverview {
        let metrics = MetricsStore(store: store, settings: settings)
        let days = (0..<12).map { back -> LocalDate in
            back == 0 ? asOf : asOf.startOfMonth.adding(months: -back).endOfMonth
        }.reversed()
        var blocks: [CurrencyMRR] = []
        var scheduled = MoneyTotals()
        var computing = false
        var incomplete: [String] = []
        var monthBasis: HistoryBasis?
        var trendBasis: HistoryBasis?
        let sources = try store.sources()
        for source in sources {
            for gap in try store.mrrGaps(sourceID: source.id) {
                incomplete.append((sources.count > 1 ? "\(source.name): " : "") + gap.description)
            }
            guard let summary = try metrics.mrrSummary(sourceID: source.id, asOf: asOf, months: 12) else {
                if try metrics.refreshInfo(sourceID: source.id) == nil { computing = true }
                continue
            }
            let estimated = summary.basis == .invoiceLineEstimate
            monthBasis = [monthBasis, summary.periodBasis].compactMap { $0 }.max()
            trendBasis = [trendBasis, summary.trendBasis].compactMap { $0 }.max()
            for c in summary.currencies {
                if let churn = c.scheduledChurn, !churn.isZero { scheduled.add(churn) }
                let byDay = Dictionary(c.trend.map { ($0.day, $0.minorUnits) }, uniquingKeysWith: { a, _ in a })
                var block = CurrencyMRR(
                    currency: c.currency, mrr: c.mrr, payingCustomers: c.payingCustomers,
                    new: c.bridge.amount(.new), expansion: c.bridge.amount(.expansion),
                    contraction: c.bridge.amount(.contraction), churn: c.bridge.amount(.churn),
                    reactivation: c.bridge.amount(.reactivation), series: days.map { byDay[$0] ?? 0 },
                    isEstimate: estimated, basis: estimated ? "recurring invoice lines" : nil)
                if let i = blocks.firstIndex(where: { $0.currency == c.currency && $0.isEstimate == estimated }) {
                    block = Self.sum(blocks[i], block)
                    blocks[i] = block
                } else {
                    blocks.append(block)
                }
            }
        }
        blocks.sort { ($0.isEstimate ? 1 : 0, $0.currency) < ($1.isEstimate ? 1 : 0, $1.currency) }
        var overview = MRROverview(asOf: asOf, currencies: blocks, scheduledChurn: scheduled)
        overview.computing = computing
        overview.incomplete = incomplete
        overview.monthBasis = monthBasis
        overview.trendBasis = trendBasis
        return overview
    }

    /// Two sources' blocks of one currency and basis, added.
    static func sum(_ a: CurrencyMRR, _ b: CurrencyMRR) -> CurrencyMRR {
        CurrencyMRR(
            currency: a.currency, mrr: a.mrr + b.mrr, payingCustomers: a.payingCustomers + b.payingCustomers,
            new: a.new + b.new, expansion: a.expansion + b.expansion, contraction: a.contraction + b.contraction,
            churn: a.churn + b.churn, reactivation: a.reactivation + b.reactivation,
            series: zip(a.series, b.series).map { $0 + $1 }, isEstimate: a.isEstimate, basis: a.basis)
    }

    /// One live customer with its subscriptions' MRR computed for that customer alone; nil when unknown.
    public func customer(_ key: CustomerKey, asOf: LocalDate) throws -> CustomerProfile? {
        guard let source = try store.source(named: key.source),
            let detail = try store.customer(RecordKey(sourceID: source.id, remoteID: key.id)),
            detail.customer.deletedAt == nil
        else { return nil }
        let subscriptions = detail.subscriptions.filter { $0.deletedAt == nil }.map(\.value)
        // Newest issue first; same-day invoices in the order they were stored, as the snapshot listed them.
        let invoices = detail.invoices.reversed().filter { $0.deletedAt == nil }.map(\.value)
            .sorted { ($0.issueDate ?? asOf) > ($1.issueDate ?? asOf) }
        var lines = subscriptions.map { sub in
            CustomerProfile.SubscriptionLine(
                subscription: sub,
                mrr: SubscriptionMRR.isCounting(sub, on: asOf, settings: settings)
                    ? SubscriptionMRR.mrr(of: sub, on: asOf, settings: settings) : nil)
        }
        // A source without subscriptions gets the estimate from recurring invoice lines, as the MRR pane does.
        if try MetricsStore(store: store).refreshInfo(sourceID: source.id)?.basis == .invoiceLineEstimate,
            let estimated = InvoiceMRREstimator.mrrByCustomer(invoices, on: asOf)[key.id]
        {
            for amount in estimated.nonZeroAmounts {
                let placeholder = Subscription(
                    id: "estimate-\(amount.currency.code)", customerID: key.id, state: .active,
                    productName: "estimate from invoice lines", productPrice: amount)
                lines.append(CustomerProfile.SubscriptionLine(subscription: placeholder, mrr: amount, isEstimate: true))
            }
        }
        var open = MoneyTotals()
        for invoice in invoices where invoice.status.isCollectible && invoice.due.isPositive { open.add(invoice.due) }
        let account = InMemoryDashboardData.Account(key: key, customer: detail.customer.value, subscriptions: lines)
        let row = InMemoryDashboardData.row(for: account, invoices: invoices, asOf: asOf)
        var profile = CustomerProfile(
            key: key, customer: detail.customer.value, subscriptions: lines, invoices: invoices,
            mrr: row.mrr, overdue: row.overdue, openDue: open, asOf: asOf)
        // Event amounts are in their subscription's currency; an event of the customer alone gets the
        // customer's only currency, or none.
        let currencies = Dictionary(
            detail.subscriptions.map { ($0.value.id, $0.value.productPrice.currency) }, uniquingKeysWith: { a, _ in a })
        let only = Set(currencies.values).count == 1 ? currencies.values.first : nil
        let events = try store.customerEvents(
            RecordKey(sourceID: source.id, remoteID: key.id), limit: Self.timelineLimit
        ).map { event in
            TimelineEntry.event(event, currency: event.subscriptionID.flatMap { currencies[$0] } ?? only)
        }
        let actions = try store.actions(customerID: key.id, limit: Self.timelineLimit)
            .filter { $0.sourceID == source.id }.map(TimelineEntry.action)
        let movements = TimelineEntry.movements(
            try MetricsStore(store: store).customerHistory(sourceID: source.id, customerID: key.id))
        profile.timeline = TimelineEntry.merged(events, actions + movements)
        if try store.hasCRMContacts() { profile.crm = try store.crmPanel(sourceID: source.id, customerID: key.id) }
        return profile
    }

    /// Events the customer screen's timeline reads: an agent reads the recent history, not years of it.
    public static let timelineLimit = 200
}
