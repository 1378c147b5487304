import BillingStore
import Foundation
import GRDB
import PostgresNIO

/// Every record table of a SQLite store and of a PostgreSQL store as comparable text rows: each row its
/// columns' values by name (ids aside: child rows name their parent by its remote id), rows sorted, booleans
/// as 0/1 (SQLite's integers), NULL as "NULL". Read with plain SQL, outside billtop's read paths, so a
/// comparison sees what each writer stored, not what one decoder makes of it.
enum RecordTableRows {
    /// (table, SQLite query, PostgreSQL query); an invoice's raw JSON is in `invoice_raw` on SQLite only.
    static let tables: [(name: String, sqlite: String, postgres: String)] = [
        ("customer", "SELECT * FROM customer", "SELECT * FROM customer"),
        ("subscription", "SELECT * FROM subscription", "SELECT * FROM subscription"),
        child("subscription_component", parent: "subscription", key: "subscription_id"),
        child("subscription_coupon", parent: "subscription", key: "subscription_id"),
        (
            "invoice",
            "SELECT i.*, r.raw AS raw_json FROM invoice i LEFT JOIN invoice_raw r ON r.invoice_id = i.id",
            "SELECT *, raw AS raw_json FROM invoice"
        ),
        child("invoice_line", parent: "invoice", key: "invoice_id"),
        child("invoice_payment", parent: "invoice", key: "invoice_id"),
        ("event", "SELECT * FROM event", "SELECT * FROM event"),
        ("component_allocation", "SELECT * FROM component_allocation", "SELECT * FROM component_allocation"),
    ]

    /// Row ids, and an invoice's `raw` column (empty on SQLite, which keeps the text in `invoice_raw`: both
    /// engines' texts are compared as `raw_json`).
    static func ignored(_ table: String) -> Set<String> {
        Set(["id", "subscription_id", "invoice_id"]).union(table == "invoice" ? ["raw"] : [])
    }

    static func child(_ table: String, parent: String, key: String) -> (String, String, String) {
        let sql = "SELECT p.remote_id AS parent_remote_id, c.* FROM \(table) c JOIN \(parent) p ON p.id = c.\(key)"
        return (table, sql, sql)
    }

    /// A table's rows as text, one dictionary per row.
    typealias Rows = [[String: String]]

    static func sqlite(_ path: String) throws -> [String: Rows] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            var all: [String: Rows] = [:]
            for table in tables {
                all[table.name] = try Row.fetchAll(db, sql: table.sqlite).map { row in
                    var values: [String: String] = [:]
                    for (column, value) in row {
                        switch value.storage {
                        case .null: values[column] = "NULL"
                        case .int64(let int): values[column] = String(int)
                        case .double(let double): values[column] = String(double)
                        case .string(let text): values[column] = text
                        case .blob(let data): values[column] = data.map { String(format: "%02x", $0) }.joined()
                        }
                    }
                    return values
                }
            }
            return all
        }
    }

    static func postgres(_ url: PostgresStoreURL) async throws -> [String: Rows] {
        let cluster = try PostgresTestCluster.shared()
        let connection = try await AdminSQL.connect(
            user: PostgresTestCluster.superuser, password: cluster.password, database: url.database)
        var all: [String: Rows] = [:]
        for table in tables {
            var rows: Rows = []
            for try await row in try await connection.raw.query(
                PostgresQuery(unsafeSQL: table.postgres), logger: AdminSQL.logger)
            {
                var values: [String: String] = [:]
                for cell in row {
                    guard cell.bytes != nil else {
                        values[cell.columnName] = "NULL"
                        continue
                    }
                    switch cell.dataType {
                    case .bool: values[cell.columnName] = try cell.decode(Bool.self) ? "1" : "0"
                    case .int2, .int4, .int8: values[cell.columnName] = String(try cell.decode(Int64.self))
                    default: values[cell.columnName] = try cell.decode(String.self)
                    }
                }
                rows.append(values)
            }
            all[table.name] = rows
        }
        return all
    }

    /// What differs between the two stores' tables, in a few lines (empty when they hold the same rows).
    /// `sqliteOnly` names the columns SQLite has and PostgreSQL does not keep (each must be listed, so a
    /// column the PostgreSQL writer forgot shows up here). `ignoring` leaves columns out of the comparison,
    /// "column" in every table or "table.column" in one (a viewer's copy keeps digests, compared, not JSON).
    static func differences(
        sqlite: [String: Rows], postgres: [String: Rows], sqliteOnly: Set<String>, ignoring: Set<String> = []
    ) -> [String] {
        var found: [String] = []
        for table in tables {
            let (left, right) = (sqlite[table.name] ?? [], postgres[table.name] ?? [])
            let leftColumns = Set(left.first?.keys ?? [:].keys)
            let rightColumns = Set(right.first?.keys ?? [:].keys)
            if !left.isEmpty && !right.isEmpty {
                let missing = leftColumns.subtracting(rightColumns).subtracting(sqliteOnly).subtracting(
                    ignored(table.name))
                if !missing.isEmpty { found.append("\(table.name): PostgreSQL lacks \(missing.sorted())") }
            }
            let columns = leftColumns.intersection(rightColumns).subtracting(ignored(table.name)).filter {
                !ignoring.contains($0) && !ignoring.contains("\(table.name).\($0)")
            }.sorted()
            func text(_ rows: Rows) -> [String] {
                rows.map { row in columns.map { "\($0)=\(row[$0] ?? "?")" }.joined(separator: " | ") }.sorted()
            }
            let (a, b) = (text(left), text(right))
            guard a != b else { continue }
            found.append("\(table.name): \(a.count) rows on SQLite, \(b.count) on PostgreSQL")
            if let first = zip(a, b).first(where: { $0 != $1 }) {
                found.append("  SQLite:     \(first.0.prefix(600))")
                found.append("  PostgreSQL: \(first.1.prefix(600))")
            }
        }
        return found
    }
}
