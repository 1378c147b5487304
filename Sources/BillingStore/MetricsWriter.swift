import BillingCore
import Foundation
import GRDB

/// Replaces one source's aggregate rows with a fresh computation, inside the caller's write transaction.
enum MetricsWriter {
    static let tables = [
        "metrics_mrr_point", "metrics_movement", "metrics_company_day", "metrics_customer", "metrics_aging",
        "metrics_alert", "metrics_currency", "metrics_refresh", "metrics_month_basis",
    ]

    static func replace(
        _ db: Database, sourceID: Int64, with computed: MetricsComputation, durationMs: Int,
        freshness: DataGeneration.Mark? = nil
    ) throws {
        for table in tables {
            try db.execute(sql: "DELETE FROM \(table) WHERE source_id = ?", arguments: [sourceID])
        }
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
        let basis = try db.makeStatement(sql: "INSERT INTO metrics_month_basis VALUES (?, ?, ?)")
        for (month, b) in computed.monthBases {
            try basis.execute(arguments: [sourceID, month.daysSinceEpoch, b.rawValue])
        }
        let day = try db.makeStatement(sql: "INSERT INTO metrics_company_day VALUES (?, ?, ?, ?, ?)")
        for d in computed.companyDays {
            try day.execute(arguments: [sourceID, d.currency.code, d.day.daysSinceEpoch, d.mrr, d.paying])
        }
        let customer = try db.makeStatement(sql: "INSERT INTO metrics_customer VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (key, f) in computed.customers {
            try customer.execute(arguments: [
                sourceID, key.customerID, key.currency.code, f.mrr, f.usage, f.overdue, f.oldestOverdueDay,
            ])
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
        let alert = try db.makeStatement(sql: "INSERT INTO metrics_alert VALUES (?, ?, ?, ?, ?, ?)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (rank, a) in computed.alerts.enumerated() {
            let json = String(decoding: try encoder.encode(a), as: UTF8.self)
            try alert.execute(arguments: [
                sourceID, rank, a.customerID, a.riskCurrency.code, a.moneyAtRisk.minorUnits, json,
            ])
        }
        let currency = try db.makeStatement(sql: "INSERT INTO metrics_currency VALUES (?, ?, ?, ?, ?, ?)")
        for (code, f) in computed.currencies {
            try currency.execute(arguments: [
                sourceID, code.code, f.usage, f.scheduledChurn, f.openReceivable, f.mrrAtRisk,
            ])
        }
        try db.execute(
            sql: """
                INSERT INTO metrics_refresh (source_id, as_of, history_from, basis, refreshed_at, duration_ms, data_generation,
                    completion_mark)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                sourceID, computed.asOf.daysSinceEpoch, computed.historyFrom.daysSinceEpoch, computed.basis.rawValue,
                Int64(Date().timeIntervalSince1970), durationMs, freshness?.generation, freshness?.completion,
            ])
    }
}
