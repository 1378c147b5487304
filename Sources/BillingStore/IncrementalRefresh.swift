import BillingCore
import Foundation
import GRDB

/// Refreshes only the customers whose records changed since the aggregates were computed
/// (`metrics_dirty_customer`), inside one write transaction: their rows are recomputed with the same rules as a
/// full recompute, and the company figures move by their new parts minus their old ones. Reading and writing in
/// one transaction means two refreshers (the dashboard and `billtop mrr`) can never apply one difference twice,
/// and a page committed meanwhile waits for it (about the refresh's time, well under a second).
struct IncrementalRefresh {
    /// Why this refresh must recompute the whole source instead (rolled back, nothing written).
    struct NeedsRecompute: Error {
        var reason: String
    }

    let sourceID: Int64
    let asOf: LocalDate
    let historyFrom: LocalDate
    let settings: MetricsSettings
    /// More changed customers than this are recomputed whole (cheaper past some point, and bounded memory).
    let limit: Int

    /// What it did: the customers refreshed and the new mark.
    struct Outcome {
        var customers: Int
        var computed: MetricsComputation?
    }

    /// Runs inside the caller's write transaction; throws `NeedsRecompute` when only a full recompute is right.
    func run(_ db: Database, started: UInt64) throws -> Outcome {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT as_of, history_from, inputs, schema_steps FROM metrics_refresh WHERE source_id = ?",
                arguments: [sourceID])
        else { throw NeedsRecompute(reason: "never computed") }
        let inputs = try RefreshInputs.describe(
            db, sourceID: sourceID, asOf: asOf, historyFrom: historyFrom, settings: settings)
        guard row["schema_steps"] as Int? == StoreMigrations.all.count else {
            throw NeedsRecompute(reason: "the store was upgraded")
        }
        guard row["inputs"] as String? == inputs, row["as_of"] as Int == asOf.daysSinceEpoch else {
            throw NeedsRecompute(reason: "the day, settings, basis or oldest event moved")
        }
        let changed =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM metrics_dirty_customer WHERE source_id = ?", arguments: [sourceID]) ?? 0
        guard changed <= limit else { throw NeedsRecompute(reason: "\(changed) customers changed") }
        // The customers pane's sort keys follow in this transaction when they matched the last refresh: only the
        // changed customers' rows can move (a stale pane is rewritten whole by `CustomerRows.refreshStale`).
        let rowsCurrent = try !CustomerRows.isStale(db, sourceID: sourceID)
        let customers = try String.fetchAll(
            db, sql: "SELECT customer_remote_id FROM metrics_dirty_customer WHERE source_id = ?", arguments: [sourceID])
        var computed: MetricsComputation?
        if changed > 0 { computed = try refresh(db) }
        try db.execute(sql: "DELETE FROM metrics_dirty_customer WHERE source_id = ?", arguments: [sourceID])
        let mark = try DataGeneration.mark(db, sourceID: sourceID)
        let previous = try Int64.fetchOne(
            db, sql: "SELECT refreshed_at FROM metrics_refresh WHERE source_id = ?", arguments: [sourceID])
        try db.execute(
            sql: """
                UPDATE metrics_refresh SET refreshed_at = ?, duration_ms = ?, data_generation = ?, completion_mark = ?
                WHERE source_id = ?
                """,
            arguments: [
                MetricsWriter.refreshedAt(after: previous),
                Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000), mark.generation, mark.completion,
                sourceID,
            ])
        if rowsCurrent { try CustomerRowKeys.write(db, sourceID: sourceID, customers: customers) }
        return Outcome(customers: changed, computed: computed)
    }

    /// Recomputes the changed customers' rows and moves the totals.
    private func refresh(_ db: Database) throws -> MetricsComputation {
        let changed = "(SELECT customer_remote_id FROM metrics_dirty_customer WHERE source_id = \(sourceID))"
        var input = try MetricsInputLoader.read(db, sourceID: sourceID, changedOnly: true)
        let old = try oldShares(db, changed: changed)
        if input.basis == .subscriptions { input.priceBook = try priceBook(db, input: input, old: old) }
        let computed = MetricsComputation(input: input, asOf: asOf, historyFrom: historyFrom, settings: settings)
        if computed.basis == .subscriptions, computed.basisMasks == nil {
            throw NeedsRecompute(reason: "a history longer than a basis mask")
        }
        let shares = MetricsShares(input: input, computed: computed, settings: settings)

        var days = CompanyDayDifference()
        var points: [CustomerCurrency: [(day: Int, minor: Int64)]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT customer_remote_id, currency, day, mrr_minor FROM metrics_mrr_point
                WHERE source_id = ? AND customer_remote_id IN \(changed) ORDER BY customer_remote_id, currency, day
                """, arguments: [sourceID])
        {
            let code: String = row["currency"]
            guard let currency = Currency(code) else { throw NeedsRecompute(reason: "a point in currency \(code)") }
            points[CustomerCurrency(customerID: row["customer_remote_id"], currency: currency), default: []].append(
                (row["day"], row["mrr_minor"]))
        }
        for (key, list) in points { days.remove(currency: key.currency.code, points: list) }
        for (key, list) in computed.series.points {
            days.insert(currency: key.currency.code, points: list.map { ($0.day.daysSinceEpoch, $0.minorUnits) })
        }
        var totals = ShareTotalsDifference()
        totals.remove(old)
        totals.insert(shares.rows)

        // The kept totals lose the changed customers' stored movements and alerts before those are deleted.
        var kept = KeptTotals.of(computed)
        for i in kept.indices { try kept[i].removeStored(db, sourceID: sourceID, customers: changed) }
        for table in [
            "metrics_mrr_point", "metrics_movement", "metrics_customer", "metrics_customer_share", "metrics_alert",
        ] {
            try db.execute(
                sql: "DELETE FROM \(table) WHERE source_id = ? AND customer_remote_id IN \(changed)",
                arguments: [sourceID])
        }
        try MetricsWriter.insertCustomerRows(db, sourceID: sourceID, computed: computed, shares: shares)
        try days.apply(db, sourceID: sourceID, from: historyFrom, through: asOf)
        try totals.apply(db, sourceID: sourceID, historyFrom: historyFrom)
        let alert = try MetricsWriter.alertStatement(db)
        let encoder = MetricsWriter.alertEncoder()
        // No other alert moves: the order is the indexes' (`AlertOrder`), not a stored rank.
        for a in computed.alerts {
            try MetricsWriter.insert(
                a, rates: settings.conversionRates, sourceID: sourceID, statement: alert, encoder: encoder)
        }
        for totals in kept { try totals.apply(db, sourceID: sourceID) }
        return computed
    }

    private func oldShares(_ db: Database, changed: String) throws -> [MetricsShares.Row] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT customer_remote_id, currency, kind, key, amount_minor, count FROM metrics_customer_share
                WHERE source_id = ? AND customer_remote_id IN \(changed)
                """, arguments: [sourceID]
        ).map { row in
            let kind: String = row["kind"]
            guard let k = MetricsShares.Kind(rawValue: kind) else {
                throw NeedsRecompute(reason: "a customer part of kind \(kind)")
            }
            return MetricsShares.Row(
                customerID: row["customer_remote_id"], currency: row["currency"], kind: k, key: row["key"],
                amount: row["amount_minor"], count: row["count"])
        }
    }

    /// The price book the changed customers' histories need, as it is with their subscriptions now. When the
    /// change moves any product's most common price, other customers' histories may move too: recompute.
    private func priceBook(_ db: Database, input: MetricsInput, old: [MetricsShares.Row]) throws -> ProductPriceBook {
        var newCounts: [String: [String: Int]] = [:]  // currency -> key -> subscriptions
        for s in input.subscriptions where !s.productID.isEmpty {
            newCounts[s.currency.code, default: [:]][MetricsShares.priceKey(s), default: 0] += 1
        }
        var oldCounts: [String: [String: Int]] = [:]
        for row in old where row.kind == .price {
            oldCounts[row.currency, default: [:]][row.key, default: 0] += row.count
        }
        var products: Set<String> = []
        for (currency, keys) in newCounts.merging(oldCounts, uniquingKeysWith: { a, _ in a }) {
            for key in keys.keys {
                if let p = MetricsShares.price(fromKey: key, currency: Currency(currency) ?? .usd) {
                    products.insert(p.productID)
                }
            }
        }
        for changes in input.changes.values {
            for change in changes { if case .product(let previous, _) = change.kind { products.insert(previous) } }
        }
        var entries: [(productID: String, currency: Currency, price: Money, interval: BillingInterval, count: Int)] = []
        for product in products {
            // Every customer's subscriptions on the product as stored (the changed customers' old ones included).
            var stored: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT key, currency, subscriptions FROM metrics_price_count
                    WHERE source_id = ? AND key > ? AND key < ?
                    """, arguments: [sourceID, product + "\u{1}", product + "\u{2}"])
            {
                stored[row["currency"], default: [:]][row["key"]] = row["subscriptions"]
            }
            var before: [String: [ProductPriceBook.Price: Int]] = [:]
            var after: [String: [ProductPriceBook.Price: Int]] = [:]
            for (code, keys) in stored.merging(newCounts, uniquingKeysWith: { a, b in a.merging(b) { x, _ in x } }) {
                guard let currency = Currency(code) else { continue }
                for key in keys.keys {
                    guard let p = MetricsShares.price(fromKey: key, currency: currency), p.productID == product
                    else { continue }
                    let price = ProductPriceBook.Price(price: p.price, interval: p.interval)
                    let was = stored[code]?[key] ?? 0
                    before[code, default: [:]][price, default: 0] += was
                    after[code, default: [:]][price, default: 0] +=
                        was - (oldCounts[code]?[key] ?? 0) + (newCounts[code]?[key] ?? 0)
                }
            }
            for code in Set(before.keys).union(after.keys) {
                let was = ProductPriceBook.mode(before[code] ?? [:])
                let now = ProductPriceBook.mode(after[code] ?? [:])
                if was != now { throw NeedsRecompute(reason: "the most common price of a product moved") }
                guard let now, let currency = Currency(code) else { continue }
                entries.append((product, currency, now.price, now.interval, 1))
            }
        }
        return ProductPriceBook(counts: entries)
    }
}
