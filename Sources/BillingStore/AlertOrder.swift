import BillingCore
import GRDB

/// The display order of a source's stored dunning alerts, read from two indexes of `metrics_alert` instead of
/// a stored rank (migration `v11-alert-order`): an incremental refresh deletes and inserts only the changed
/// customers' alerts, where keeping dense ranks rewrote most of the 25k alert rows at 100k customers after every
/// change near the top (55% of a 100-customer refresh).
///
/// The order is `DunningAlertRankKey.ordered`'s, exactly: with a rate table covering every alert's currency
/// (every row's `converted_minor` set) by the converted money at risk; otherwise currency groups, the currency
/// with the most alerts first (ties by code), then money at risk. Both end on the older overdue invoice, then
/// the customer id in byte order, as SQLite compares text.
enum AlertOrder {
    /// Within one currency (and the whole order without rates): `metrics_alert_in_currency`'s columns (the index
    /// also carries the alert, so a page reads no table row).
    static let inCurrency = "money_at_risk_minor DESC, days_overdue DESC, customer_remote_id"
    /// The whole order with rates: `metrics_alert_converted`'s columns.
    static let converted = "converted_minor DESC, days_overdue DESC, customer_remote_id"
    /// The JSON of a window of one currency's alerts in order (arguments: source, currency, limit, offset).
    static let inCurrencyWindow = """
        SELECT alert FROM metrics_alert WHERE source_id = ? AND currency = ? ORDER BY \(inCurrency) LIMIT ? OFFSET ?
        """

    /// The money at risk in the rate table's currency, as the order ranks it; nil without a rate.
    static func convertedMinor(_ alert: DunningAlert, rates: ConversionRateTable?) -> Int64? {
        rates?.convert(alert.moneyAtRisk)?.minorUnits
    }

    /// The JSON of the alerts at positions `offset ..< offset + limit` of the display order. An index walk each:
    /// OFFSET steps over index entries only, a few milliseconds for the last page of 25k alerts.
    static func page(_ db: Database, sourceID: Int64, offset: Int, limit: Int) throws -> [String] {
        guard limit > 0 else { return [] }
        let byRate =
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM metrics_alert WHERE source_id = ?1)
                        AND NOT EXISTS (SELECT 1 FROM metrics_alert WHERE source_id = ?1 AND converted_minor IS NULL)
                    """, arguments: [sourceID]) ?? false
        if byRate {
            return try String.fetchAll(
                db,
                sql: "SELECT alert FROM metrics_alert WHERE source_id = ? ORDER BY \(converted) LIMIT ? OFFSET ?",
                arguments: [sourceID, limit, max(0, offset)])
        }
        var out: [String] = []
        var skip = max(0, offset)
        for group in try groups(db, sourceID: sourceID) where out.count < limit {
            guard skip < group.count else {
                skip -= group.count
                continue
            }
            out += try String.fetchAll(
                db, sql: inCurrencyWindow, arguments: [sourceID, group.currency, limit - out.count, skip])
            skip = 0
        }
        return out
    }

    /// A source's alert currencies in group order (most alerts first, ties by code) with their counts. Counted
    /// here (60 ms at 1M customers, for a command's page); the pane reads the kept counts instead.
    static func groups(_ db: Database, sourceID: Int64) throws -> [(currency: String, count: Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT currency, count(*) AS n FROM metrics_alert WHERE source_id = ? GROUP BY currency
                ORDER BY n DESC, currency
                """, arguments: [sourceID]
        ).map { ($0["currency"], $0["n"]) }
    }
}
