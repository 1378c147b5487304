import BillingCore
import GRDB

/// Reads for the dashboard, the read commands and metrics.
extension BillingStore {
    /// Type-ahead search over name, email, organization, reference and invoice number; every word is a
    /// prefix ("jan acm" finds Jane at Acme). Live customers only, ordered by name.
    public func searchCustomers(query: String, limit: Int = 50) throws -> [Stored<Customer>] {
        guard let match = Self.prefixQuery(query) else { return [] }
        return try pool.read { db in
            // MATCH ... LIMIT without rank: the FTS lookup stays an index probe; sorting happens on <= 2*limit rows.
            // Long prefix words are read through the prefix index and checked (`firstMatches`: same rowids).
            let customers =
                try Self.firstMatches(
                    db, table: "customer_fts", columns: "name, email, organization, reference", text: query, fts: match,
                    limit: limit
                )
                .map(Self.idList) ?? "(SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?1 LIMIT ?2)"
            let invoices =
                try Self.firstMatches(
                    db, table: "invoice_fts", columns: "number", text: query, fts: match, limit: limit
                )
                .map(Self.idList) ?? "(SELECT rowid FROM invoice_fts WHERE invoice_fts MATCH ?1 LIMIT ?2)"
            // The union of ids, not of whole rows (which would compare every column, the raw JSON too).
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(try DecodedColumns.list(db, "customer")) FROM customer WHERE id IN (
                        SELECT id FROM customer WHERE deleted_at IS NULL AND id IN \(customers)
                        UNION
                        SELECT c.id FROM customer c JOIN invoice i
                            ON i.source_id = c.source_id AND i.customer_remote_id = c.remote_id
                        WHERE c.deleted_at IS NULL AND i.id IN \(invoices))
                    ORDER BY sort_name, id LIMIT ?2
                    """,
                arguments: [match, limit])
            return rows.namedRows.map(RowDecoder.customer)
        }
    }

    /// Builds an FTS5 query where every word of `text` (the first `SearchWords.limit`) is a quoted prefix
    /// term; nil when no word remains.
    static func prefixQuery(_ text: String) -> String? {
        let words = SearchWords.split(text)
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    /// Live customers ordered by name, a page at a time (keyset, never OFFSET).
    public func customers(sourceID: Int64? = nil, after cursor: PageCursor? = nil, limit: Int = 100) throws
        -> Page<Stored<Customer>>
    {
        try pool.read { db in
            var sql = "SELECT \(try DecodedColumns.list(db, "customer")) FROM customer WHERE deleted_at IS NULL"
            var args: [(any DatabaseValueConvertible)?] = []
            if let sourceID {
                sql += " AND source_id = ?"
                args.append(sourceID)
            }
            if let cursor {
                sql += " AND (sort_name, id) > (?, ?)"
                args += [cursor.text, cursor.id]
            }
            sql += " ORDER BY sort_name, id LIMIT ?"
            args.append(limit)
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args))
            let next =
                rows.count == limit ? rows.last.map { PageCursor(rank: 0, text: $0["sort_name"], id: $0["id"]) } : nil
            return Page(items: rows.namedRows.map(RowDecoder.customer), next: next)
        }
    }

    /// Number of live customers (optionally of one source).
    public func customerCount(sourceID: Int64? = nil) throws -> Int {
        try pool.read { db in
            if let sourceID {
                return try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM customer WHERE deleted_at IS NULL AND source_id = ?",
                    arguments: [sourceID]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM customer WHERE deleted_at IS NULL") ?? 0
        }
    }

    /// One customer (tombstoned too) with subscriptions and invoices (lines and payments), or nil.
    public func customer(_ key: RecordKey) throws -> CustomerDetail? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT \(try DecodedColumns.list(db, "customer")) FROM customer WHERE source_id = ? AND remote_id = ?",
                    arguments: [key.sourceID, key.remoteID])
            else { return nil }
            let subscriptions = try Self.subscriptions(
                db, where: "source_id = ? AND customer_remote_id = ? ORDER BY created_at, id",
                arguments: [key.sourceID, key.remoteID])
            let invoices = try Self.invoices(
                db, where: "source_id = ? AND customer_remote_id = ? ORDER BY issue_sort DESC, id DESC",
                arguments: [key.sourceID, key.remoteID])
            return CustomerDetail(
                customer: RowDecoder.customer(NamedRow(row)), subscriptions: subscriptions, invoices: invoices)
        }
    }

    /// Finds customers by remote id, or by exact email or reference, across sources (for `billtop customer ID`).
    public func findCustomers(idOrEmail text: String) throws -> [RecordKey] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT source_id, remote_id FROM customer
                    WHERE remote_id = ?1 OR email = ?1 COLLATE NOCASE OR reference = ?1 ORDER BY source_id, id LIMIT 20
                    """,
                arguments: [text]
            ).map { RecordKey(sourceID: $0["source_id"], remoteID: $0["remote_id"]) }
        }
    }

    /// A page of invoices matching `filter` in its sort order, with lines and payments.
    public func invoices(filter: InvoiceFilter, after cursor: PageCursor? = nil, limit: Int = 100) throws
        -> Page<Stored<Invoice>>
    {
        try pool.read { db in
            let (clause, baseArgs) = filter.whereClause()
            var sql = clause
            var args = baseArgs
            let order: String
            switch filter.sort {
            case .openFirst:
                if let cursor {
                    sql += " AND (open_rank, due_sort, id) > (?, ?, ?)"
                    args += [cursor.rank, cursor.text, cursor.id]
                }
                order = "open_rank, due_sort, id"
            case .newestIssued:
                if let cursor {
                    sql += " AND (issue_sort, id) < (?, ?)"
                    args += [cursor.text, cursor.id]
                }
                order = "issue_sort DESC, id DESC"
            case .dueDate:
                if let cursor {
                    sql += " AND (due_sort, id) > (?, ?)"
                    args += [cursor.text, cursor.id]
                }
                order = "due_sort, id"
            }
            args.append(limit)
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT \(try DecodedColumns.list(db, "invoice")) FROM invoice WHERE \(sql) ORDER BY \(order) LIMIT ?",
                arguments: StatementArguments(args))
            let items = try Self.decodeInvoices(db, rows: rows)
            var next: PageCursor?
            if rows.count == limit, let last = rows.last {
                let text: String = filter.sort == .newestIssued ? last["issue_sort"] : last["due_sort"]
                next = PageCursor(rank: last["open_rank"], text: text, id: last["id"])
            }
            return Page(items: items, next: next)
        }
    }

    /// Sums of the amount still due per currency over every invoice matching `filter` (indexed query).
    public func invoiceTotals(filter: InvoiceFilter) throws -> MoneyTotals {
        try pool.read { db in
            let (clause, args) = filter.whereClause()
            var totals = MoneyTotals()
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT currency, sum(due_minor) AS due FROM \(filter.aggregateSource) WHERE \(clause) GROUP BY currency",
                arguments: StatementArguments(args))
            for row in rows {
                totals.add(Money(minorUnits: row["due"], currency: RowDecoder.currency(row["currency"])))
            }
            return totals
        }
    }

    /// Number of invoices matching `filter` whose due amount could not be read (not in `invoiceTotals`;
    /// a totals line names them). Reads the partial index `invoice_unreadable`, empty in a sound store.
    public func unreadableDueCount(filter: InvoiceFilter) throws -> Int {
        try pool.read { db in
            let (clause, args) = filter.whereClause()
            return try Int.fetchOne(
                db,
                sql:
                    "SELECT count(*) FROM invoice INDEXED BY invoice_unreadable WHERE unreadable_amounts <> 0 AND (unreadable_amounts & ?) <> 0 AND \(clause)",
                arguments: StatementArguments([InvoiceAmounts.due.rawValue as (any DatabaseValueConvertible)?] + args))
                ?? 0
        }
    }

    /// Number of invoices matching `filter`.
    public func invoiceCount(filter: InvoiceFilter) throws -> Int {
        try pool.read { db in
            let (clause, args) = filter.whereClause()
            return try Int.fetchOne(
                db, sql: "SELECT count(*) FROM \(filter.aggregateSource) WHERE \(clause)",
                arguments: StatementArguments(args)) ?? 0
        }
    }
}
