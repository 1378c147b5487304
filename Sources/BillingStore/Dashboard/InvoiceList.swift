import BillingCore
import GRDB

/// The invoices pane over the `invoice` table: filters and sorts in SQL, one window of rows per call, with the
/// count and sums of everything the filter passes.
///
/// Without a customer, the sums come from the trigger-kept `dash_invoice_sums` / `dash_invoice_day_sums` and
/// the attention order is two partial-index walks (`InvoiceSumsReader`); a sort with its own index walks it.
public struct InvoiceList: Sendable {
    let store: BillingStore

    public init(store: BillingStore) {
        self.store = store
    }

    /// One window of the invoices `query` passes, in its order. `known` is the `sums` of an earlier page of the
    /// same filter while the store has not changed: they are not summed again.
    public func page(
        _ query: InvoiceListQuery, offset: Int, limit: Int, known: InvoiceSums?
    ) throws -> InvoiceListPage {
        try store.pool.read { db in
            let (filter, args) = Self.filter(query)
            var sums = try known ?? InvoiceSumsReader.sums(db, query) ?? Self.liveSums(db, filter: filter, args: args)
            if known == nil { sums.unreadableDue = try Self.unreadableDueCount(db, filter: filter, args: args) }
            if let page = try InvoiceSumsReader.attentionPage(db, query, sums: sums, offset: offset, limit: limit) {
                return page
            }
            // Without a customer, a sort with its own index walks it (unless the filter passes so few invoices
            // that sorting them is cheaper than skipping past the rest).
            var from = Self.from
            // A first sync builds some sort indexes only when its listing ends (DeferredIndexes): name one only
            // when it exists, or the query would fail instead of sorting.
            let sortIndex = try Self.sortIndex(query.sort).flatMap { try Self.indexExists(db, $0) ? $0 : nil }
            if query.customer == nil, query.sort == .customer || sortIndex != nil,
                try sums.count * 50 >= Self.liveInvoiceCount(db)
            {
                from = sortIndex.map { Self.from(indexedBy: $0) } ?? Self.fromByCustomerName
            }
            return try Self.page(
                db, query, from: from, filter: filter, args: args, offset: offset, limit: limit, sums: sums)
        }
    }

    /// One window of invoice rows in the query's order, with the sums of everything the filter passes.
    static func page(
        _ db: Database, _ query: InvoiceListQuery, from: String, filter: String,
        args: [(any DatabaseValueConvertible)?], offset: Int, limit: Int, sums: InvoiceSums
    ) throws -> InvoiceListPage {
        let start = min(max(0, offset), sums.count)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(columns)
                FROM \(from) WHERE \(filter) ORDER BY \(order(query)) LIMIT ? OFFSET ?
                """, arguments: StatementArguments(args + orderArguments(query) + [max(0, limit), start]))
        return InvoiceListPage(offset: start, rows: rows.map(row), sums: sums)
    }

    /// The columns an invoice row is drawn from.
    static let columns = """
        i.remote_id, i.number, i.customer_remote_id, i.status, i.currency, i.issue_date, i.due_date,
        i.total_minor, i.due_minor, i.unreadable_amounts, src.name AS source_name,
        c.first_name, c.last_name, c.email, c.organization, c.reference
        """

    /// A row of `columns`, read.
    static func row(_ row: Row) -> InvoiceListRow {
        let currency = Currency(row["currency"]) ?? .usd
        return InvoiceListRow(
            id: row["remote_id"], number: row["number"], sourceName: row["source_name"],
            customerID: row["customer_remote_id"], customerName: DashboardSQL.customer(row).displayName,
            status: InvoiceStatus(apiValue: row["status"]),
            issueDate: (row["issue_date"] as String?).flatMap(LocalDate.init(iso:)),
            dueDate: (row["due_date"] as String?).flatMap(LocalDate.init(iso:)),
            total: Money(minorUnits: row["total_minor"], currency: currency),
            due: Money(minorUnits: row["due_minor"], currency: currency),
            unreadable: InvoiceAmounts(rawValue: row["unreadable_amounts"] ?? 0))
    }

    /// Count and sums of what a filter passes, summed row by row (a customer's invoices, a date range).
    static func liveSums(
        _ db: Database, filter: String, args: [(any DatabaseValueConvertible)?]
    ) throws -> InvoiceSums {
        var sums = InvoiceSums()
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT i.currency, count(*) AS n, sum(i.total_minor) AS total, sum(i.due_minor) AS due
                FROM \(from) WHERE \(filter) GROUP BY i.currency
                """, arguments: StatementArguments(args))
        {
            sums.add(currency: row["currency"], count: row["n"], total: row["total"], due: row["due"])
        }
        return sums
    }

    /// How many invoices the filter passes have a due that could not be read, through the partial index
    /// `invoice_unreadable` (empty in a sound store, so this costs one index probe).
    static func unreadableDueCount(
        _ db: Database, filter: String, args: [(any DatabaseValueConvertible)?]
    ) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM \(from(indexedBy: "invoice_unreadable"))
                WHERE i.unreadable_amounts <> 0 AND (i.unreadable_amounts & \(InvoiceAmounts.due.rawValue)) <> 0
                    AND \(filter)
                """, arguments: StatementArguments(args)) ?? 0
    }

    /// Live invoices of live customers (from the trigger-kept sums: no scan).
    static func liveInvoiceCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM dash_invoice_sums") ?? 0
    }

    /// Whether the schema has index `name` now (a catalogue lookup, microseconds).
    static func indexExists(_ db: Database, _ name: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)", arguments: [name]
        ) ?? false
    }
}
