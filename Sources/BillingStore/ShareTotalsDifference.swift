import BillingCore
import GRDB

/// Moves the company totals made of customer parts (`MetricsShares`) by the new parts minus the old: aging per
/// currency and bucket, the per-currency figures beside MRR, each month's basis label and the subscriptions
/// per product price. A total's row goes when no customer has a part in it any more, and comes when the first
/// one does, as a recompute would.
struct ShareTotalsDifference {
    private struct Sum {
        var amount: Int64 = 0
        var count = 0
    }

    private var aging: [String: [String: Sum]] = [:]
    private var currency: [String: (usage: Int64, churn: Int64, receivable: Int64, risk: Int64, members: Int)] = [:]
    private var basis: [HistoryBasis: [Int]] = [:]
    /// Subscriptions per currency and price key (`metrics_price_count`).
    private var prices: [String: [String: Int]] = [:]

    mutating func remove(_ rows: [MetricsShares.Row]) { add(rows, sign: -1) }
    mutating func insert(_ rows: [MetricsShares.Row]) { add(rows, sign: 1) }

    private mutating func add(_ rows: [MetricsShares.Row], sign: Int) {
        for row in rows {
            let amount = Int64(sign) * row.amount
            let count = sign * row.count
            if row.kind == .price {
                prices[row.currency, default: [:]][row.key, default: 0] += count
                continue
            }
            if row.kind == .basis {
                guard let b = HistoryBasis(rawValue: row.key) else { continue }
                let mask = UInt64(bitPattern: row.amount)
                var months = basis[b] ?? Array(repeating: 0, count: MonthBasisMasks.capacity)
                for month in 0..<MonthBasisMasks.capacity where mask & (UInt64(1) << UInt64(month)) != 0 {
                    months[month] += sign
                }
                basis[b] = months
                continue
            }
            var figures = currency[row.currency] ?? (0, 0, 0, 0, 0)
            figures.members += count
            switch row.kind {
            case .usage: figures.usage += amount
            case .churn: figures.churn += amount
            case .risk: figures.risk += amount
            case .aging:
                aging[row.currency, default: [:]][row.key, default: Sum()].amount += amount
                aging[row.currency, default: [:]][row.key, default: Sum()].count += count
                if AgingBucket(rawValue: row.key)?.isOverdue == true { figures.receivable += amount }
            case .basis, .price: break
            }
            currency[row.currency] = figures
        }
    }

    func apply(_ db: Database, sourceID: Int64, historyFrom: LocalDate) throws {
        try applyAging(db, sourceID: sourceID)
        try applyCurrencies(db, sourceID: sourceID)
        try applyBases(db, sourceID: sourceID, historyFrom: historyFrom)
        try applyPrices(db, sourceID: sourceID)
    }

    /// Moves the price counts alone (a whole recompute writes them from an empty table this way).
    func applyPrices(_ db: Database, sourceID: Int64) throws {
        let add = try db.cachedStatement(
            sql: """
                INSERT INTO metrics_price_count VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (source_id, key, currency) DO UPDATE SET subscriptions = subscriptions + ?4
                """)
        let drop = try db.cachedStatement(
            sql: """
                DELETE FROM metrics_price_count WHERE source_id = ? AND key = ? AND currency = ? AND subscriptions <= 0
                """)
        for (currency, keys) in prices {
            for (key, change) in keys where change != 0 {
                try add.execute(arguments: [sourceID, key, currency, change])
                try drop.execute(arguments: [sourceID, key, currency])
            }
        }
    }

    private func applyAging(_ db: Database, sourceID: Int64) throws {
        for (code, byBucket) in aging {
            var cells: [String: Sum] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT bucket, amount_minor, invoices FROM metrics_aging WHERE source_id = ? AND currency = ?",
                arguments: [sourceID, code])
            {
                cells[row["bucket"]] = Sum(amount: row["amount_minor"], count: row["invoices"])
            }
            for (bucket, change) in byBucket {
                cells[bucket, default: Sum()].amount += change.amount
                cells[bucket, default: Sum()].count += change.count
            }
            try db.execute(
                sql: "DELETE FROM metrics_aging WHERE source_id = ? AND currency = ?", arguments: [sourceID, code])
            guard cells.values.contains(where: { $0.count != 0 }) else { continue }
            for bucket in AgingBucket.allCases {
                let cell = cells[bucket.rawValue] ?? Sum()
                try db.execute(
                    sql: "INSERT INTO metrics_aging VALUES (?, ?, ?, ?, ?)",
                    arguments: [sourceID, code, bucket.rawValue, cell.amount, cell.count])
            }
        }
    }

    private func applyCurrencies(_ db: Database, sourceID: Int64) throws {
        for (code, change) in currency {
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM metrics_currency WHERE source_id = ? AND currency = ?",
                arguments: [sourceID, code])
            let members = (row?["members"] ?? 0) + change.members
            try db.execute(
                sql: "DELETE FROM metrics_currency WHERE source_id = ? AND currency = ?", arguments: [sourceID, code])
            guard members > 0 else { continue }
            let usage: Int64 = (row?["usage_minor"] ?? 0) + change.usage
            let churn: Int64 = (row?["scheduled_churn_minor"] ?? 0) + change.churn
            let receivable: Int64 = (row?["open_receivable_minor"] ?? 0) + change.receivable
            let risk: Int64 = (row?["mrr_at_risk_minor"] ?? 0) + change.risk
            try db.execute(
                sql: """
                    INSERT INTO metrics_currency (source_id, currency, usage_minor, scheduled_churn_minor,
                        open_receivable_minor, mrr_at_risk_minor, members) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [sourceID, code, usage, churn, receivable, risk, members])
        }
    }

    private func applyBases(_ db: Database, sourceID: Int64, historyFrom: LocalDate) throws {
        var touched: Set<Int> = []
        for (b, months) in basis {
            for (offset, change) in months.enumerated() where change != 0 {
                let month = historyFrom.startOfMonth.adding(months: offset).daysSinceEpoch
                touched.insert(month)
                try db.execute(
                    sql: """
                        INSERT INTO metrics_month_basis_count VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (source_id, month, basis) DO UPDATE SET customers = customers + ?4
                        """, arguments: [sourceID, month, b.rawValue, change])
            }
        }
        for month in touched {
            try db.execute(
                sql: "DELETE FROM metrics_month_basis_count WHERE source_id = ? AND month = ? AND customers <= 0",
                arguments: [sourceID, month])
            let bases = try String.fetchAll(
                db, sql: "SELECT basis FROM metrics_month_basis_count WHERE source_id = ? AND month = ?",
                arguments: [sourceID, month]
            ).compactMap(HistoryBasis.init(rawValue:))
            try db.execute(
                sql: "DELETE FROM metrics_month_basis WHERE source_id = ? AND month = ?", arguments: [sourceID, month])
            if let worst = bases.max() {
                try db.execute(
                    sql: "INSERT INTO metrics_month_basis VALUES (?, ?, ?)",
                    arguments: [sourceID, month, worst.rawValue])
            }
        }
    }
}
