import BillingCore
import BillingStore

/// The dunning pane reads only the alerts that can be among the first shown: decoding every alert's JSON
/// (25k at 100k customers) on each load cost more than the rest of the first frame together.
extension StoreDashboardData {
    /// The first `limit` alerts of every source in `DunningAlertOrder`: currency groups by their alert count
    /// over all sources, and within a group by money at risk. Within one source and currency the aggregate's
    /// index is that order already, so each group needs only its first alerts, and only they are decoded.
    func dunningAlertRows(limit: Int) throws -> [DunningAlertRow] {
        let sources = try store.sources()
        let metrics = MetricsStore(store: store, settings: settings)
        let perSource = try metrics.alertCounts(sourceIDs: sources.map(\.id))
        var counts: [Currency: Int] = [:]
        for (currency, n) in perSource.values.joined() { counts[currency, default: 0] += n }
        let groups = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        var out: [DunningAlertRow] = []
        for currency in groups where out.count < limit {
            let take = limit - out.count
            var group: [DunningAlertRow] = []
            for source in sources where (perSource[source.id]?[currency] ?? 0) > 0 {
                group += try metrics.firstAlerts(
                    sourceID: source.id, currency: currency, limit: take, reuse: alertReuse
                )
                .map { Self.alertRow($0, source: source.name) }
            }
            out += DunningAlertOrder.ordered(group, currencyCounts: counts).prefix(take)
        }
        return out
    }

    static func alertRow(_ alert: DunningAlert, source: String) -> DunningAlertRow {
        DunningAlertRow(
            customer: CustomerKey(source: source, id: alert.customerID), customerName: alert.customerName,
            customerMRR: alert.customerMRR, totalDue: alert.totalDue[alert.riskCurrency],
            oldestInvoiceNumber: alert.oldestOverdue?.number ?? "", daysOverdue: alert.oldestOverdue?.daysOverdue ?? 0,
            subscriptionState: alert.subscriptionState, dunningStage: alert.dunning.stage,
            retries: alert.dunning.retries, lastFailureReason: alert.dunning.lastFailureReason,
            cardExpiring: alert.cardExpiringOn, scheduledCancellation: alert.scheduledCancellationOn,
            unreadableDue: alert.unreadableDue ?? [])
    }
}
