import BillingCore
import BillingStore
import GRDB

/// The invoices pane over the `invoice` table: filters and sorts in SQL, one window of rows per call.
extension StoreDashboardData {
    public func invoices(_ query: InvoiceQuery, offset: Int, limit: Int) throws -> InvoicePage {
        try store.pool.read { db in
            StoreSQL.prepare(db)
            let (filter, args) = Self.invoiceFilter(query)
            let now = generation.withLock { $0 }
            var plain = query
            plain.descending = false
            plain.sort = .attention
            let cached = invoiceSums.withLock { c in c.flatMap { $0.query == plain && $0.generation == now ? $0.sums : nil } }
            var sums = try cached ?? InvoiceSumsReader.sums(db, query) ?? Self.liveSums(db, filter: filter, args: args)
            if cached == nil { sums.unreadableDue = try Self.unreadableDueCount(db, filter: filter, args: args) }
            invoiceSums.withLock { $0 = (plain, now, sums) }
            if let page = try InvoiceSumsReader.attentionPage(db, query, sums: sums, offset: offset, limit: limit) {
                return page
            }
            // Without a customer, a sort with its own index walks it (unless the filter passes so few invoices
            // that sorting them is cheaper than skipping past the rest).
            var from = Self.invoiceFrom
            // A first sync builds some sort indexes only when its listing ends (DeferredIndexes): name one only
            // when it exists, or the query would fail instead of sorting.
            let sortIndex = try Self.sortIndex(query.sort).flatMap { try Self.indexExists(db, $0) ? $0 : nil }
            if query.customer == nil, query.sort == .customer || sortIndex != nil,
                try sums.count * 50 >= Self.liveInvoiceCount(db)
            {
                from = sortIndex.map { Self.invoiceFrom(indexedBy: $0) } ?? Self.invoiceFromByCustomerName
            }
            return try Self.invoicePage(
                db, query, from: from, filter: filter, args: args, offset: offset, limit: limit, sums: sums)
        }
    }

    /// The index of migration `v3-search-invoice-sorts` that serves a sort (nil: attention has its own two,
    /// the customer name lives in another table).
    static func sortIndex(_ sort: InvoiceQuery.Sort) -> String? {
        switch sort {
        case .attention, .customer: nil
        case .number: "invoice_search_by_number"
        case .issueDate: "invoice_search_by_issue"
        case .dueDate: "invoice_search_by_due_date"
        case .total: "invoice_search_by_total"
        case .due: "invoice_search_by_due"
        }
    }

    /// Whether the schema has index `name` now (a catalogue lookup, microseconds).
    static func indexExists(_ db: Database, _ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)", arguments: [name]) ?? false
    }

    /// How many invoices the filter passes have a due that could not be read, through the partial index
    /// `invoice_unreadable` (empty in a sound store, so this costs one index probe).
    static func unreadableDueCount(_ db: Database, filter: String, args: [(any DatabaseValueConvertible)?]) throws -> Int {
        try Int.fetchOne(
            db, sql: """
                SELECT count(*) FROM \(invoiceFrom(indexedBy: "invoice_unreadable"))
                WHERE i.unreadable_amounts <> 0 AND (i.unreadable_amounts & \(InvoiceAmounts.due.rawValue)) <> 0 AND \(filter)
                """, arguments: StatementArguments(args)) ?? 0
    }

    /// Live invoices of live customers (from the trigger-kept sums: no scan).
    static func liveInvoiceCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM dash_invoice_sums") ?? 0
    }

    /// Invoices of live customers only, as the customers pane shows them (and the fixture did).
    static let invoiceFrom = invoiceFrom(indexedBy: nil)

    /// `invoiceFrom`, with SQLite told to read invoices through `index` when one is given.
    static func invoiceFrom(indexedBy index: String?) -> String {
        """
        invoice i \(index.map { "INDEXED BY \($0) " } ?? "")JOIN source src ON src.id = i.source_id
        JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id AND c.deleted_at IS NULL
        """
    }

    /// `invoiceFrom` for the customer-name sort: customers in name order (`customer_by_name`), each one's
    /// invoices by `invoice_by_customer`, so a window sorts only the invoices of a few names instead of all of
    /// them (1.97 s at 936k invoices). CROSS JOIN keeps SQLite from putting the invoices outside.
    static let invoiceFromByCustomerName = """
        customer c INDEXED BY customer_by_name
        CROSS JOIN invoice i INDEXED BY invoice_by_customer
            ON i.source_id = c.source_id AND i.customer_remote_id = c.remote_id AND c.deleted_at IS NULL
        JOIN source src ON src.id = i.source_id
        """

    /// The columns an invoice row is drawn from.
    static let invoiceColumns = """
        i.remote_id, i.number, i.customer_remote_id, i.status, i.currency, i.issue_date, i.due_date,
        i.total_minor, i.due_minor, i.unreadable_amounts, src.name AS source_name,
        c.first_name, c.last_name, c.email, c.organization, c.reference
        """

    /// Count and sums of what a filter passes, summed row by row (a customer's invoices, a date range).
    static func liveSums(_ db: Database, filter: String, args: [(any DatabaseValueConvertible)?]) throws -> InvoiceSums {
        var sums = InvoiceSums()
        for row in try Row.fetchAll(
            db, sql: """
                SELECT i.currency, count(*) AS n, sum(i.total_minor) AS total, sum(i.due_minor) AS due
                FROM \(invoiceFrom) WHERE \(filter) GROUP BY i.currency
                """, arguments: StatementArguments(args))
        {
            sums.add(currency: row["currency"], count: row["n"], total: row["total"], due: row["due"])
        }
        return sums
    }

    /// One window of invoice rows in the query's order, with the sums of everything the filter passes.
    static func invoicePage(
        _ db: Database, _ query: InvoiceQuery, from: String, filter: String, args: [(any DatabaseValueConvertible)?],
        offset: Int, limit: Int, sums: InvoiceSums
    ) throws -> InvoicePage {
        let total = sums.count
        let start = min(max(0, offset), total)
        let rows = try Row.fetchAll(
            db, sql: """
                SELECT \(invoiceColumns)
                FROM \(from) WHERE \(filter) ORDER BY \(Self.invoiceOrder(query)) LIMIT ? OFFSET ?
                """, arguments: StatementArguments(args + Self.orderArguments(query) + [max(0, limit), start]))
        let page = RowWindow(offset: start, rows: rows.map { Self.invoiceRow($0, asOf: query.asOf) }, total: total)
        return InvoicePage(page: page, totals: sums.totals, dueTotals: sums.dueTotals, unreadableDue: sums.unreadableDue)
    }

    static let owedSQL = "i.status IN (\(StoreSQL.collectible)) AND i.due_minor > 0"
    static let overdueSQL = "\(owedSQL) AND i.due_date IS NOT NULL AND i.due_date < ?"

    /// The WHERE clause of `InvoiceQuery.matches` over live invoices.
    static func invoiceFilter(_ query: InvoiceQuery) -> (String, [(any DatabaseValueConvertible)?]) {
        var parts = ["i.deleted_at IS NULL"]
        var args: [(any DatabaseValueConvertible)?] = []
        if let customer = query.customer {
            parts.append("src.name = ? AND i.customer_remote_id = ?")
            args += [customer.source, customer.id]
        }
        if let range = query.dateRange.bounds(asOf: query.asOf) {
            parts.append("i.issue_date IS NOT NULL AND i.issue_date BETWEEN ? AND ?")
            args += [range.lowerBound.description, range.upperBound.description]
        }
        switch query.status {
        case .all: break
        case .open: parts.append(owedSQL)
        case .overdue:
            parts.append(overdueSQL)
            args.append(query.asOf.description)
        case .paid: parts.append("i.status = '\(InvoiceStatus.paid.apiValue)'")
        case .draft: parts.append("i.status = '\(InvoiceStatus.draft.apiValue)'")
        case .voided: parts.append("i.status IN ('\(InvoiceStatus.voided.apiValue)', '\(InvoiceStatus.canceled.apiValue)')")
        }
        return (parts.joined(separator: " AND "), args)
    }

    /// ORDER BY for an invoice sort: the keys and tie-breaks of `InvoiceRowOrder`.
    static func invoiceOrder(_ query: InvoiceQuery) -> String {
        let far = "'9999-12-31'"
        var terms: [StoreSQL.Term]
        switch query.sort {
        case .attention:
            let group = "(CASE WHEN \(overdueSQL) THEN 0 WHEN \(owedSQL) THEN 1 ELSE 2 END)"
            terms = [
                .init(expression: group, ascending: true),
                .init(expression: "(CASE WHEN \(group) < 2 THEN coalesce(i.due_date, \(far)) END)", ascending: true),
                .init(expression: "(CASE WHEN \(group) = 2 THEN coalesce(i.issue_date, \(far)) END)", ascending: false),
            ]
        case .number: terms = [.init(expression: "i.number", ascending: true)]
        case .customer: terms = [.init(expression: "c.sort_name", ascending: true)]
        // The expressions of the `v3-search-invoice-sorts` indexes, so SQLite can walk them.
        case .due: terms = [.init(expression: SearchTables.faceValue("i.due_minor"), ascending: false)]
        case .total: terms = [.init(expression: SearchTables.faceValue("i.total_minor"), ascending: false)]
        case .dueDate: terms = [.init(expression: "coalesce(i.due_date, \(far))", ascending: false)]
        case .issueDate: terms = [.init(expression: "coalesce(i.issue_date, \(far))", ascending: false)]
        }
        terms.append(.init(expression: "i.remote_id", ascending: true))
        return StoreSQL.orderBy(terms, descending: query.descending)
    }

    /// The as-of date once per `?` the attention order holds (its group expression appears three times).
    static func orderArguments(_ query: InvoiceQuery) -> [(any DatabaseValueConvertible)?] {
        query.sort == .attention ? Array(repeating: query.asOf.description, count: 3) : []
    }

    static func invoiceRow(_ row: Row, asOf: LocalDate) -> InvoiceRow {
        let currency = Currency(row["currency"]) ?? .usd
        let status = InvoiceStatus(apiValue: row["status"])
        let due = Money(minorUnits: row["due_minor"], currency: currency)
        let dueDate = (row["due_date"] as String?).flatMap(LocalDate.init(iso:))
        let unreadable = InvoiceAmounts(rawValue: row["unreadable_amounts"] ?? 0)
        let open = status.isCollectible && (due.isPositive || unreadable.contains(.due))
        let overdue = open && dueDate.map { $0 < asOf } == true
        return InvoiceRow(
            id: row["remote_id"], number: row["number"], customer: CustomerKey(source: row["source_name"], id: row["customer_remote_id"]),
            customerName: StoreSQL.customer(row).displayName, status: status,
            issueDate: (row["issue_date"] as String?).flatMap(LocalDate.init(iso:)), dueDate: dueDate,
            total: Money(minorUnits: row["total_minor"], currency: currency), due: due,
            daysOverdue: overdue ? dueDate!.days(until: asOf) : 0, unreadable: unreadable)
    }
}
