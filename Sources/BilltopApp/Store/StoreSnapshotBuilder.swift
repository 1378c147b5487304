import BillingCore
import BillingStore
import BillingSync

/// Reads the whole store once and computes what the panes show (MRR, movements, aging inputs) with the
/// metrics functions of BillingCore, into an `InMemoryDashboardData` the UI loop queries between frames.
///
/// The dashboard now reads the store through `StoreDashboardData`; this full read stays as the reference the
/// read model is tested against and as `billtop bench tui --legacy` (seconds and hundreds of MB at 2k customers).
public enum StoreSnapshotBuilder {
    public static func build(store: BillingStore, asOf: LocalDate, settings: MetricsSettings = .standard) throws
        -> InMemoryDashboardData
    {
        var accounts: [InMemoryDashboardData.Account] = []
        var invoices: [CustomerKey: [Invoice]] = [:]
        var allSubscriptions: [Subscription] = []
        var timelines: [SubscriptionTimeline] = []
        var estimatedInvoices: [Invoice] = []
        var estimatedCurrencies: Set<Currency> = []
        for source in try store.sources() {
            let customers = try store.allCustomers(sourceID: source.id)
            let subscriptions = try store.allSubscriptions(sourceID: source.id).map(\.value)
            let sourceInvoices = try store.allInvoices(sourceID: source.id).map(\.value)
            let events = try store.events(sourceID: source.id)
            var subsByCustomer: [String: [Subscription]] = [:]
            for sub in subscriptions { subsByCustomer[sub.customerID, default: []].append(sub) }
            var eventsBySubscription: [String: [BillingEvent]] = [:]
            for event in events {
                if let id = event.subscriptionID { eventsBySubscription[id, default: []].append(event) }
            }
            for invoice in sourceInvoices {
                invoices[CustomerKey(source: source.name, id: invoice.customerID), default: []].append(invoice)
            }
            // A source without subscriptions (a unified API mapping only customers and invoices) gets an
            // MRR estimate from recurring invoice lines, labelled as such.
            let estimate = subscriptions.isEmpty ? InvoiceMRREstimator.mrrByCustomer(sourceInvoices, on: asOf) : [:]
            if subscriptions.isEmpty {
                estimatedInvoices += sourceInvoices
                for totals in estimate.values { estimatedCurrencies.formUnion(totals.currencies) }
            }
            allSubscriptions += subscriptions
            // History as the aggregates build it from events (issue 21; kept observations are not read here).
            var changes: [String: [SubscriptionChange]] = [:]
            for change in events.compactMap(SubscriptionChange.parse) {
                changes[change.subscriptionID, default: []].append(change)
            }
            let prices = ProductPriceBook(subscriptions)
            let since = events.min { $0.id < $1.id }?.createdAt
            timelines += subscriptions.map {
                SubscriptionTimeline.build(
                    current: $0, changes: changes[$0.id] ?? [], prices: prices, eventsSince: since)
            }
            for stored in customers {
                let customer = stored.value
                let subs = subsByCustomer[customer.id] ?? []
                var lines = subs.map { sub in
                    CustomerProfile.SubscriptionLine(
                        subscription: sub,
                        mrr: SubscriptionMRR.isCounting(sub, on: asOf, settings: settings)
                            ? SubscriptionMRR.mrr(of: sub, on: asOf, settings: settings) : nil)
                }
                if let estimated = estimate[customer.id] {
                    for amount in estimated.nonZeroAmounts {
                        let placeholder = Subscription(
                            id: "estimate-\(amount.currency.code)", customerID: customer.id, state: .active,
                            productName: "estimate from invoice lines", productPrice: amount)
                        lines.append(
                            CustomerProfile.SubscriptionLine(subscription: placeholder, mrr: amount, isEstimate: true))
                    }
                }
                let problem = subs.filter { $0.state.isProblem }
                let summary = DunningEventSummary(events: problem.flatMap { eventsBySubscription[$0.id] ?? [] })
                accounts.append(
                    InMemoryDashboardData.Account(
                        key: CustomerKey(source: source.name, id: customer.id), customer: customer,
                        subscriptions: lines,
                        dunningStage: summary.stage, retries: summary.retries,
                        lastFailureReason: summary.lastFailureReason))
            }
        }
        let mrr = mrrOverview(
            subscriptions: allSubscriptions, timelines: timelines, estimatedInvoices: estimatedInvoices,
            estimatedCurrencies: estimatedCurrencies, asOf: asOf, settings: settings)
        return InMemoryDashboardData(
            accounts: accounts, invoices: invoices, mrr: mrr, sync: try syncOverview(store: store), asOf: asOf)
    }

    /// MRR per currency on `asOf`, this month's bridge and month-end values for the last 12 months.
    static func mrrOverview(
        subscriptions: [Subscription], timelines: [SubscriptionTimeline], estimatedInvoices: [Invoice],
        estimatedCurrencies: Set<Currency>, asOf: LocalDate, settings: MetricsSettings
    ) -> MRROverview {
        let first = asOf.startOfMonth.adding(months: -12)
        let fromSubscriptions = MRRHistory.fromTimelines(timelines, from: first, through: asOf, settings: settings)
        let fromInvoices = MRRHistory.fromInvoices(estimatedInvoices, from: first, through: asOf)
        let company = MRRRollup.companyMRR(subscriptions, on: asOf, settings: settings)
        var blocks: [CurrencyMRR] = []
        for (series, estimated) in [(fromSubscriptions, false), (fromInvoices, true)] {
            let now = series.totals(on: asOf)
            let bridges = series.bridges(
                from: asOf.startOfMonth, through: asOf, reactivationWindowDays: settings.reactivationWindowDays)
            let snapshot = series.snapshot(on: asOf)
            for currency in now.currencies
            where !now[currency].isZero || bridges.contains(where: { $0.currency == currency }) {
                if estimated && !estimatedCurrencies.contains(currency) { continue }
                let months = (0..<12).map { back -> LocalDate in
                    back == 0 ? asOf : asOf.startOfMonth.adding(months: -back).endOfMonth
                }.reversed()
                let bridge = bridges.first { $0.currency == currency }
                let paying =
                    estimated
                    ? snapshot.filter { $0.key.currency == currency && $0.value > 0 }.count
                    : company.payingCustomers[currency] ?? 0
                blocks.append(
                    CurrencyMRR(
                        currency: currency, mrr: now[currency], payingCustomers: paying,
                        new: bridge?.amount(.new), expansion: bridge?.amount(.expansion),
                        contraction: bridge?.amount(.contraction),
                        churn: bridge?.amount(.churn), reactivation: bridge?.amount(.reactivation),
                        series: months.map { series.totals(on: $0)[currency].minorUnits },
                        isEstimate: estimated, basis: estimated ? "recurring invoice lines" : nil))
            }
        }
        return MRROverview(asOf: asOf, currencies: blocks, scheduledChurn: company.scheduledChurn)
    }

    /// Sources, what each stream is doing, and the recent sync log, for the header and log view.
    public static func syncOverview(store: BillingStore) throws -> SyncOverview {
        let streams = try store.syncStatus()
        var sources: [SyncOverview.Source] = []
        for info in try store.sources() {
            let mine = streams.filter { $0.sourceID == info.id }
            var activity = SyncOverview.Source.Activity.idle
            if let failed = mine.first(where: { $0.state.phase == .failed }) {
                activity = .failed("\(failed.stream): \(failed.state.lastError ?? "error")")
            } else if let running = mine.first(where: { $0.state.phase == .running }) {
                activity = .syncing("syncing \(running.stream) (\(running.state.recordsThisRun) so far)")
            }
            // Fresh means every stream has completed at least once; the oldest completion is the staleness.
            let completions = mine.map(\.state.lastCompletedAt)
            let last = completions.isEmpty || completions.contains(nil) ? nil : completions.compactMap { $0 }.min()
            sources.append(
                SyncOverview.Source(
                    name: info.name, kind: info.kind, activity: activity,
                    lastSyncedAt: last.map { Timestamp(secondsSinceEpoch: $0) },
                    insecure: SourceURL.sendsCleartext(info.baseURL)))
        }
        let log = try store.recentSyncLog(limit: 200).reversed().map { entry -> LogLine in
            let level: LogLine.Level =
                entry.kind == .error
                ? .error : (entry.kind == .rateLimitWait || entry.kind == .retry ? .warning : .info)
            return LogLine(time: Timestamp(secondsSinceEpoch: entry.at), level: level, message: entry.message)
        }
        return SyncOverview(
            sources: sources, log: Array(log), health: try store.sourceHealth(records: false, streams: streams))
    }
}
