import BillingCore
import GRDB

/// The invoices pane's views without a customer at any size: sums from `dash_invoice_sums` (or, for a date
/// range, `dash_invoice_day_sums`; both kept by triggers) instead of summing every invoice, and the attention
/// order as two partial-index walks instead of sorting them all.
///
/// Serves queries without a customer; anything else returns nil and takes the general path.
enum InvoiceSumsReader {
    /// Statuses (API spelling) a status filter passes; nil for all; `open` and `overdue` are by open rank.
    static func statuses(_ filter: InvoiceListQuery.Status) -> [String]? {
        switch filter {
        case .all, .open, .overdue: nil
        case .paid: [InvoiceStatus.paid.apiValue]
        case .draft: [InvoiceStatus.draft.apiValue]
        case .voided: [InvoiceStatus.voided.apiValue, InvoiceStatus.canceled.apiValue]
        }
    }

    static func served(_ query: InvoiceListQuery) -> Bool {
        query.customer == nil
    }

    /// The query's issue-date bounds as SQL arguments (nil: any date).
    static func range(_ query: InvoiceListQuery) -> [(any DatabaseValueConvertible)?]? {
        query.issued.map { [$0.lowerBound.description, $0.upperBound.description] }
    }

    /// The count and sums of what `query` passes, or nil when the query is not served here.
    static func sums(_ db: Database, _ query: InvoiceListQuery) throws -> InvoiceSums? {
        guard served(query) else { return nil }
        var sums = InvoiceSums()
        let range = range(query)
        if query.status == .overdue {
            // Overdue depends on the day: walk the owed invoices due before it (a small part of all).
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT i.currency, count(*) AS n, sum(i.total_minor) AS total, sum(i.due_minor) AS due
                    FROM invoice i INDEXED BY invoice_dash_owed
                    JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id AND c.deleted_at IS NULL
                    WHERE i.open_rank = 0 AND i.deleted_at IS NULL AND i.due_sort < ?
                        \(range == nil ? "" : "AND i.issue_date BETWEEN ? AND ?") GROUP BY i.currency
                    """, arguments: StatementArguments([query.asOf.description] + (range ?? [])))
            {
                sums.add(currency: row["currency"], count: row["n"], total: row["total"], due: row["due"])
            }
            sums.owed = sums.count
            return sums
        }
        var owed = 0
        // A date range adds up its days (a few hundred rows per currency and status), not its invoices.
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT currency, status, open_rank, sum(n) AS n, sum(total_minor) AS total, sum(due_minor) AS due
                FROM \(range == nil ? "dash_invoice_sums" : "dash_invoice_day_sums WHERE issue_date BETWEEN ? AND ?")
                GROUP BY currency, status, open_rank HAVING sum(n) != 0
                """, arguments: StatementArguments(range ?? []))
        {
            let rank: Int = row["open_rank"]
            if query.status == .open && rank != 0 { continue }
            if let statuses = statuses(query.status), !statuses.contains(row["status"] as String) { continue }
            sums.add(currency: row["currency"], count: row["n"], total: row["total"], due: row["due"])
            if rank == 0 { owed += row["n"] as Int }
        }
        sums.owed = owed
        return sums
    }

    /// One window in the attention order (owed by due date, then the rest newest issue first), or nil when the
    /// query is not served here.
    static func attentionPage(
        _ db: Database, _ query: InvoiceListQuery, sums: InvoiceSums, offset: Int, limit: Int
    ) throws -> InvoiceListPage? {
        guard served(query), query.sort == .attention, let owed = sums.owed else { return nil }
        let total = sums.count
        let start = min(max(0, offset), total)
        let end = min(total, start + max(0, limit))
        // Descending reverses the whole order: the rest (oldest issue first), then owed (latest due first).
        let parts: [(owedPart: Bool, count: Int)] =
            query.descending ? [(false, total - owed), (true, owed)] : [(true, owed), (false, total - owed)]
        var rows: [Row] = []
        var base = 0
        for part in parts {
            let from = max(start, base), to = min(end, base + part.count)
            if from < to {
                rows += try partRows(db, query, owedPart: part.owedPart, offset: from - base, limit: to - from)
            }
            base += part.count
        }
        return InvoiceListPage(offset: start, rows: rows.map(InvoiceList.row), sums: sums)
    }

    static func partRows(
        _ db: Database, _ query: InvoiceListQuery, owedPart: Bool, offset: Int, limit: Int
    ) throws -> [Row] {
        var args: [(any DatabaseValueConvertible)?] = []
        let range = range(query)
        var sql = "SELECT \(InvoiceList.columns) FROM invoice i "
        let flip = query.descending
        if owedPart {
            sql += "INDEXED BY invoice_dash_owed"
        } else {
            sql += "INDEXED BY invoice_dash_settled"
        }
        sql += """
             JOIN source src ON src.id = i.source_id
            JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id AND c.deleted_at IS NULL
            WHERE i.deleted_at IS NULL AND i.open_rank = \(owedPart ? 0 : 1)
            """
        if let range {
            // The settled index's own key, so a range is one stretch of it; owed invoices are few, filtered.
            sql +=
                owedPart
                ? " AND i.issue_date BETWEEN ? AND ?" : " AND coalesce(i.issue_date, '9999-12-31') BETWEEN ? AND ?"
            args += range
        }
        if owedPart {
            if query.status == .overdue {
                sql += " AND i.due_sort < ?"
                args.append(query.asOf.description)
            }
            sql += " ORDER BY i.due_sort \(flip ? "DESC" : "ASC"), i.remote_id \(flip ? "DESC" : "ASC")"
        } else {
            if let statuses = statuses(query.status) {
                sql += " AND i.status IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))"
                args += statuses.map { $0 as (any DatabaseValueConvertible)? }
            }
            sql +=
                " ORDER BY coalesce(i.issue_date, '9999-12-31') \(flip ? "ASC" : "DESC"), i.remote_id \(flip ? "DESC" : "ASC")"
        }
        sql += " LIMIT ? OFFSET ?"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args + [limit, offset]))
    }
}
