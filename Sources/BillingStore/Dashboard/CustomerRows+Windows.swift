import BillingCore
import GRDB

/// The customers pane's orders and windows over `dash_customer_row`, and the rows of a window.
extension CustomerRows {
    /// ORDER BY over `dash_customer_row r` for a sort: the keys and tie-breaks of the pane's row order, exactly
    /// the columns of the sort's index, so SQLite walks it (backwards when descending).
    static func orderBy(_ query: CustomerListQuery) -> String {
        let key: DashboardSQL.Term
        switch query.sort {
        case .name: key = .init(expression: "r.sort_name", ascending: true)
        case .mrr: key = .init(expression: "r.mrr_face", ascending: false)
        case .overdue: key = .init(expression: "r.overdue_face", ascending: false)
        case .state: key = .init(expression: "r.state_rank", ascending: true)
        }
        let ties: [DashboardSQL.Term] = [
            .init(expression: "r.source_name", ascending: true), .init(expression: "r.remote_id", ascending: true),
        ]
        return DashboardSQL.orderBy([key] + ties, descending: query.descending)
    }

    /// The index that serves a sort.
    static func index(_ sort: CustomerListQuery.Sort) -> String {
        switch sort {
        case .name: "dash_customer_row_by_name"
        case .mrr: "dash_customer_row_by_mrr"
        case .overdue: "dash_customer_row_by_overdue"
        case .state: "dash_customer_row_by_state"
        }
    }

    /// Ids of live customers matching a type-ahead text: FTS prefix words, or exactly a customer's id.
    static let matchSQL = """
        SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?
        UNION ALL SELECT id FROM customer WHERE source_id IN (SELECT id FROM source) AND remote_id = ?
        """

    /// How many live customers match, counting FTS matches no further than `cap + 1` (the FTS index drives the
    /// join, no scan), plus a customer whose id is exactly the text and whose words do not match.
    static func matchCount(_ db: Database, match: String, text: String, cap: Int) throws -> Int {
        let words =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM (
                        SELECT 1 FROM customer_fts f JOIN dash_customer_row r ON r.customer_id = f.rowid
                        WHERE customer_fts MATCH ? LIMIT \(cap + 1))
                    """, arguments: [match]) ?? 0
        let byID =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM customer c JOIN dash_customer_row r ON r.customer_id = c.id
                    WHERE c.source_id IN (SELECT id FROM source) AND c.remote_id = ?
                        AND NOT EXISTS (SELECT 1 FROM customer_fts WHERE customer_fts MATCH ? AND rowid = c.id)
                    """, arguments: [text, match]) ?? 0
        return words + byID
    }

    /// Customer ids of one window in the query's order. `broad` (more matches than `cap`) walks the sort index
    /// and keeps the matches; otherwise the few matches are sorted.
    static func windowIDs(
        _ db: Database, _ query: CustomerListQuery, match: (fts: String, text: String)?, broad: Bool, offset: Int,
        limit: Int
    ) throws -> [Int64] {
        var sql = "SELECT r.customer_id FROM dash_customer_row r"
        var args: [(any DatabaseValueConvertible)?] = []
        if let match {
            if broad { sql += " INDEXED BY \(index(query.sort))" }
            sql += " WHERE r.customer_id IN (\(matchSQL))"
            args += [match.fts, match.text]
        }
        sql += " ORDER BY \(orderBy(query)) LIMIT ? OFFSET ?"
        return try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(args + [limit, offset]))
    }

    /// The page of a window's customer ids, in that order.
    static func page(
        _ db: Database, ids: [Int64], offset start: Int, total: Int, capped broad: Bool, matches: CustomerMatches
    ) throws -> CustomerListPage {
        guard !ids.isEmpty else {
            return CustomerListPage(offset: start, rows: [], total: total, isCapped: broad, matches: matches)
        }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let fetched = try Row.fetchAll(
            db,
            sql: """
                SELECT c.id, c.source_id, c.remote_id, c.first_name, c.last_name, c.email, c.organization, c.reference,
                    src.name AS source_name
                FROM customer c JOIN source src ON src.id = c.source_id
                WHERE c.id IN (\(marks))
                """, arguments: StatementArguments(ids))
        // Columns by position: a lookup by name lowercases the name, per row and column.
        let listed = fetched.map { row in
            Listed(
                sourceID: row[1], sourceName: row[8],
                customer: Customer(
                    id: row[2], firstName: row[3], lastName: row[4], email: row[5], organization: row[6],
                    reference: row[7]))
        }
        let byID = Dictionary(zip(fetched.map { $0[0] as Int64 }, listed), uniquingKeysWith: { a, _ in a })
        let rows = try listRows(db, ids.compactMap { byID[$0] })
        return CustomerListPage(offset: start, rows: rows, total: total, isCapped: broad, matches: matches)
    }

    /// The rows of a window: its customers' aggregates and subscription states in two queries per source
    /// (keyed lookups), not two per row.
    /// A window's customer as its first query read it.
    struct Listed {
        let sourceID: Int64
        let sourceName: String
        let customer: Customer
    }

    static func listRows(_ db: Database, _ rows: [Listed]) throws -> [CustomerListRow] {
        var mrr: [String: MoneyTotals] = [:]
        var overdue: [String: MoneyTotals] = [:]
        var states: [String: [SubscriptionState]] = [:]
        let bySource = Dictionary(
            grouping: rows.map { (source: $0.sourceID, id: $0.customer.id) }, by: \.source)
        for (sourceID, members) in bySource {
            let ids = members.map(\.id)
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var values: [(any DatabaseValueConvertible)?] = [sourceID]
            values += ids.map { $0 as (any DatabaseValueConvertible)? }
            let args = StatementArguments(values)
            // Columns by position: a lookup by name lowercases the name, per row.
            for m in try Row.fetchAll(
                db,
                sql: """
                    SELECT customer_remote_id, currency, mrr_minor, overdue_minor FROM metrics_customer
                    WHERE source_id = ? AND customer_remote_id IN (\(marks))
                    """, arguments: args)
            {
                guard let currency = Currency(m[1]) else { continue }
                let key = "\(sourceID)/\(m[0] as String)"
                let mrrMinor: Int64 = m[2], overdueMinor: Int64 = m[3]
                if mrrMinor != 0 {
                    mrr[key, default: MoneyTotals()].add(Money(minorUnits: mrrMinor, currency: currency))
                }
                if overdueMinor != 0 {
                    overdue[key, default: MoneyTotals()].add(Money(minorUnits: overdueMinor, currency: currency))
                }
            }
            for m in try Row.fetchAll(
                db,
                sql: """
                    SELECT customer_remote_id, state FROM subscription
                    WHERE source_id = ? AND customer_remote_id IN (\(marks)) AND deleted_at IS NULL
                    """, arguments: args)
            {
                states["\(sourceID)/\(m[0] as String)", default: []].append(SubscriptionState(apiValue: m[1]))
            }
        }
        return rows.map { row in
            let customer = row.customer
            let key = "\(row.sourceID)/\(customer.id)"
            return CustomerListRow(
                sourceName: row.sourceName, customer: customer, mrr: mrr[key] ?? MoneyTotals(),
                state: RowSortKeys.tellingState(states[key] ?? []), overdue: overdue[key] ?? MoneyTotals())
        }
    }
}
