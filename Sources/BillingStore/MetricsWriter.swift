import BillingCore
import Foundation
import GRDB

/// Replaces one source's aggregate rows with a fresh computation, inside the caller's write transaction.
enum MetricsWriter {
    static let tables = [
        "metrics_mrr_point", "metrics_movement", "metrics_company_day", "metrics_customer", "metrics_aging",
        "metrics_alert", "metrics_currency", "metrics_refresh", "metrics_month_basis", "metrics_customer_share",
        "metrics_month_basis_count", "metrics_price_count", KeptTotals.movementDays.name, KeptTotals.alertCounts.name,
    ]

    /// What a refresh records about the data it read besides its figures.
    struct Freshness {
        var mark: DataGeneration.Mark?
        /// `RefreshInputs.describe`: what the figures depend on besides the customers' records.
        var inputs: String?
    }

    static func replace(
        _ db: Database, sourceID: Int64, with computed: MetricsComputation, shares: MetricsShares, durationMs: Int,
        freshness: Freshness = Freshness()
    ) throws {
        let previous = try Int64.fetchOne(
            db, sql: "SELECT refreshed_at FROM metrics_refresh WHERE source_id = ?", arguments: [sourceID])
        for table in tables {
            try db.execute(sql: "DELETE FROM \(table) WHERE source_id = ?", arguments: [sourceID])
        }
        try insertCustomerRows(db, sourceID: sourceID, computed: computed, shares: shares)
        let basis = try db.makeStatement(sql: "INSERT INTO metrics_month_basis VALUES (?, ?, ?)")
        for (month, b) in computed.monthBases {
            try basis.execute(arguments: [sourceID, month.daysSinceEpoch, b.rawValue])
        }
        if let masks = computed.basisMasks {
            var counts = [[HistoryBasis: Int]](repeating: [:], count: masks.months)
            for byBasis in masks.masks.values {
                for (b, mask) in byBasis { MonthBasisMasks.add(mask, b, times: 1, to: &counts) }
            }
            let count = try db.makeStatement(sql: "INSERT INTO metrics_month_basis_count VALUES (?, ?, ?, ?)")
            for (offset, byBasis) in counts.enumerated() {
                let month = masks.first.startOfMonth.adding(months: offset).daysSinceEpoch
                for (b, n) in byBasis where n > 0 { try count.execute(arguments: [sourceID, month, b.rawValue, n]) }
            }
        }
        let day = try db.makeStatement(sql: "INSERT INTO metrics_company_day VALUES (?, ?, ?, ?, ?)")
        for d in computed.companyDays {
            try day.execute(arguments: [sourceID, d.currency.code, d.day.daysSinceEpoch, d.mrr, d.paying])
        }
        let aging = try db.makeStatement(sql: "INSERT INTO metrics_aging VALUES (?, ?, ?, ?, ?)")
        for currency in computed.aging.currencies {
            for bucket in AgingBucket.allCases {
                let cell = computed.aging.cell(bucket, currency)
                try aging.execute(arguments: [
                    sourceID, currency.code, bucket.rawValue, cell.amount.minorUnits, cell.invoices,
                ])
            }
        }
        let alert = try alertStatement(db)
        let encoder = alertEncoder()
        for a in computed.alerts {
            try insert(a, rates: computed.conversionRates, sourceID: sourceID, statement: alert, encoder: encoder)
        }
        for totals in KeptTotals.of(computed) { try totals.apply(db, sourceID: sourceID) }
        var prices = ShareTotalsDifference()
        prices.insert(shares.rows.filter { $0.kind == .price })
        try prices.applyPrices(db, sourceID: sourceID)
        var members: [String: Int] = [:]
        for row in shares.rows where row.kind != .basis && row.kind != .price {
            members[row.currency, default: 0] += row.count
        }
        let currency = try db.makeStatement(
            sql: """
                INSERT INTO metrics_currency (source_id, currency, usage_minor, scheduled_churn_minor, open_receivable_minor,
                    mrr_at_risk_minor, members) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for (code, f) in computed.currencies {
            try currency.execute(arguments: [
                sourceID, code.code, f.usage, f.scheduledChurn, f.openReceivable, f.mrrAtRisk, members[code.code] ?? 0,
            ])
        }
        try db.execute(
            sql: """
                INSERT INTO metrics_refresh (source_id, as_of, history_from, basis, refreshed_at, duration_ms, data_generation,
                    completion_mark, inputs, schema_steps)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                sourceID, computed.asOf.daysSinceEpoch, computed.historyFrom.daysSinceEpoch, computed.basis.rawValue,
                refreshedAt(after: previous), durationMs, freshness.mark?.generation, freshness.mark?.completion,
                freshness.inputs, StoreMigrations.all.count,
            ])
        // Changes the records this computation read already held; later ones stay for the next refresh.
        try db.execute(
            sql: "DELETE FROM metrics_dirty_customer WHERE source_id = ? AND generation < ?",
            arguments: [sourceID, freshness.mark?.generation ?? Int64.max])
    }

    /// The rows that belong to single customers: MRR points, movements, per-customer figures and shares.
    static func insertCustomerRows(
        _ db: Database, sourceID: Int64, computed: MetricsComputation, shares: MetricsShares
    ) throws {
        let point = try db.makeStatement(sql: "INSERT INTO metrics_mrr_point VALUES (?, ?, ?, ?, ?)")
        for (key, points) in computed.series.points {
            for p in points {
                try point.execute(arguments: [
                    sourceID, key.customerID, key.currency.code, p.day.daysSinceEpoch, p.minorUnits,
                ])
            }
        }
        let movement = try db.makeStatement(sql: "INSERT INTO metrics_movement VALUES (?, ?, ?, ?, ?, ?)")
        for m in computed.movements {
            try movement.execute(arguments: [
                sourceID, m.date.daysSinceEpoch, m.amount.currency.code, m.kind.rawValue, m.customerID,
                m.amount.minorUnits,
            ])
        }
        let customer = try db.makeStatement(sql: "INSERT INTO metrics_customer VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (key, f) in computed.customers {
            try customer.execute(arguments: [
                sourceID, key.customerID, key.currency.code, f.mrr, f.usage, f.overdue, f.oldestOverdueDay,
            ])
        }
        let share = try db.makeStatement(sql: "INSERT INTO metrics_customer_share VALUES (?, ?, ?, ?, ?, ?, ?)")
        for row in shares.rows {
            try share.execute(arguments: [
                sourceID, row.customerID, row.currency, row.kind.rawValue, row.key, row.amount, row.count,
            ])
        }
    }

    static func alertStatement(_ db: Database) throws -> Statement {
        try db.makeStatement(
            sql: """
                INSERT INTO metrics_alert (source_id, customer_remote_id, currency, money_at_risk_minor, converted_minor,
                    days_overdue, alert) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
    }

    static func alertEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// One alert with the columns `AlertOrder` orders by (`rates`: the table the computation ordered with).
    static func insert(
        _ a: DunningAlert, rates: ConversionRateTable?, sourceID: Int64, statement: Statement, encoder: JSONEncoder
    ) throws {
        let json = String(decoding: try encoder.encode(a), as: UTF8.self)
        try statement.execute(arguments: [
            sourceID, a.customerID, a.riskCurrency.code, a.moneyAtRisk.minorUnits,
            AlertOrder.convertedMinor(a, rates: rates), a.oldestOverdue?.daysOverdue ?? -1, json,
        ])
    }

    /// Now in seconds, but always after the previous refresh's time: readers that key their own caches on it
    /// (the customers pane's sort keys) must see two refreshes within one second as two.
    static func refreshedAt(after previous: Int64?) -> Int64 {
        max(Int64(Date().timeIntervalSince1970), (previous ?? 0) + 1)
    }
}
