import BillingCore
import GRDB

/// Totals kept per group of a per-customer aggregate's rows (migration `v12-pane-reads`), so a pane reads a
/// handful of rows instead of summing the rows each time: at 1M customers the month's bridge summed 208k
/// movements (210 ms) and the dunning pane counted 258k alerts per currency (60 ms) on every read.
///
/// Both refreshes move them in their own transaction: the whole recompute writes them from the rows it writes
/// (`insert`), an incremental refresh takes out the changed customers' stored rows (`removeStored`, before it
/// deletes them) and puts in their new ones. A group's row exists while any row counts in it, as a recompute
/// would write it, so both give the same table (`IncrementalAggregatePropertyTests` compares them).
struct KeptTotals {
    /// A kept table and the per-customer table it totals.
    struct Table: Sendable {
        /// The kept table, keyed by `source_id` and `keys`.
        var name: String
        /// The group columns, named alike in both tables.
        var keys: [String]
        /// The summed column, named alike in both tables (nil: rows are only counted).
        var amount: String?
        /// The kept table's count of rows in the group.
        var count: String
        /// The per-customer table (with `source_id` and `customer_remote_id`).
        var rows: String
    }

    /// Movements per day, currency and kind: the MRR bridge of any range of days.
    static let movementDays = Table(
        name: "metrics_movement_day", keys: ["day", "currency", "kind"], amount: "amount_minor", count: "movements",
        rows: "metrics_movement")
    /// Alerts per currency: the dunning pane's and the alert order's currency groups.
    static let alertCounts = Table(
        name: "metrics_alert_count", keys: ["currency"], amount: nil, count: "alerts", rows: "metrics_alert")

    let table: Table
    private var sums: [[DatabaseValue]: (amount: Int64, count: Int)] = [:]

    init(_ table: Table) { self.table = table }

    /// Counts one row of the group `key` (the values of `table.keys`, in order).
    mutating func insert(_ key: [DatabaseValue], amount: Int64 = 0) {
        add(key, amount: amount, count: 1)
    }

    private mutating func add(_ key: [DatabaseValue], amount: Int64, count: Int) {
        var sum = sums[key] ?? (0, 0)
        sum.amount += amount
        sum.count += count
        sums[key] = sum
    }

    /// Takes out the stored rows of the customers `customers` (a subquery selecting `customer_remote_id`) of
    /// `sourceID`.
    ///
    /// The changed customers drive the join (CROSS JOIN keeps them outside), each reading its own rows by
    /// `(source_id, customer_remote_id)`. Asked as `customer_remote_id IN (...) GROUP BY keys`, SQLite walked the
    /// group's index through every row of the source to skip the sort: a 100-customer refresh at 1M customers
    /// read all 1.96M movements and took 7.5-9.7 s (`billtop-bench refresh`).
    mutating func removeStored(_ db: Database, sourceID: Int64, customers: String) throws {
        for row in try Row.fetchAll(db, sql: Self.storedSQL(table, customers: customers), arguments: [sourceID]) {
            let n: Int = row["n"]
            let sum: Int64 = row["amount"]
            add(table.keys.map { row[$0] as DatabaseValue }, amount: -sum, count: -n)
        }
    }

    /// The groups of `customers`' stored rows in `table.rows` (one argument: the source id).
    static func storedSQL(_ table: Table, customers: String) -> String {
        let keys = table.keys.map { "m.\($0) AS \($0)" }.joined(separator: ", ")
        let groups = table.keys.map { "m.\($0)" }.joined(separator: ", ")
        let amount = table.amount.map { "SUM(m.\($0))" } ?? "0"
        return """
            SELECT \(keys), \(amount) AS amount, count(*) AS n
            FROM \(customers) AS changed CROSS JOIN \(table.rows) AS m
            WHERE m.source_id = ? AND m.customer_remote_id = changed.customer_remote_id GROUP BY \(groups)
            """
    }

    /// Moves the stored totals of `sourceID` by what was inserted and removed; a group no row counts in goes.
    func apply(_ db: Database, sourceID: Int64) throws {
        let columns = ["source_id"] + table.keys + [table.amount, table.count].compactMap { $0 }
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let conflict = (["source_id"] + table.keys).joined(separator: ", ")
        let amountUpdate = table.amount.map { "\($0) = \($0) + excluded.\($0), " } ?? ""
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO \(table.name) (\(columns.joined(separator: ", "))) VALUES (\(marks))
                ON CONFLICT (\(conflict)) DO UPDATE SET \(amountUpdate)\(table.count) = \(table.count) + excluded.\(table.count)
                """)
        let match = (["source_id"] + table.keys).map { "\($0) = ?" }.joined(separator: " AND ")
        let emptied = try db.cachedStatement(
            sql: "DELETE FROM \(table.name) WHERE \(match) AND \(table.count) = 0")
        for (key, sum) in sums where sum.count != 0 || sum.amount != 0 {
            let id = [DatabaseValue(value: sourceID)] + key
            var values = id
            if table.amount != nil { values.append(DatabaseValue(value: sum.amount)) }
            values.append(DatabaseValue(value: sum.count))
            try upsert.execute(arguments: StatementArguments(values))
            if sum.count < 0 { try emptied.execute(arguments: StatementArguments(id)) }
        }
    }

    /// Writes the totals of every source's stored rows (the migration, for stores computed before it).
    static func fill(_ db: Database, _ table: Table) throws {
        let keys = table.keys.joined(separator: ", ")
        let columns = ["source_id"] + table.keys + [table.amount, table.count].compactMap { $0 }
        let values = ["source_id"] + table.keys + [table.amount.map { "SUM(\($0))" }, "count(*)"].compactMap { $0 }
        try db.execute(
            sql: """
                INSERT INTO \(table.name) (\(columns.joined(separator: ", ")))
                SELECT \(values.joined(separator: ", ")) FROM \(table.rows) GROUP BY source_id, \(keys)
                """)
    }
}

extension KeptTotals {
    /// The totals of a computation's movements and alerts (`movementDays`, `alertCounts`), to put in.
    static func of(_ computed: MetricsComputation) -> [KeptTotals] {
        var days = KeptTotals(movementDays)
        for m in computed.movements {
            days.insert(
                [
                    m.date.daysSinceEpoch.databaseValue, m.amount.currency.code.databaseValue,
                    m.kind.rawValue.databaseValue,
                ],
                amount: m.amount.minorUnits)
        }
        var alerts = KeptTotals(alertCounts)
        for a in computed.alerts { alerts.insert([a.riskCurrency.code.databaseValue]) }
        return [days, alerts]
    }
}
