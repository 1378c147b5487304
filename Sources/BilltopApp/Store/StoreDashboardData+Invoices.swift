import BillingCore
import BillingStore
import Synchronization

/// The invoices pane from the store's `InvoiceList`: the pane's query as the store's, the store's rows as the
/// pane's, and the count and sums kept for the next window of the same filter.
extension StoreDashboardData {
    public func invoices(_ query: InvoiceQuery, offset: Int, limit: Int) throws -> InvoicePage {
        let now = generation.withLock { $0 }
        // Sums do not depend on the sort: scrolling or re-sorting the same filter reuses them.
        var plain = query
        plain.descending = false
        plain.sort = .attention
        let known = invoiceSums.withLock { c in c.flatMap { $0.query == plain && $0.generation == now ? $0.sums : nil }
        }
        let page = try invoiceList.page(Self.listQuery(query), offset: offset, limit: limit, known: known)
        invoiceSums.withLock { $0 = (plain, now, page.sums) }
        let rows = page.rows.map { Self.invoiceRow($0, asOf: query.asOf) }
        return InvoicePage(
            page: RowWindow(offset: page.offset, rows: rows, total: page.sums.count), totals: page.sums.totals,
            dueTotals: page.sums.dueTotals, unreadableDue: page.sums.unreadableDue)
    }

    /// The pane's invoice query as the store's (the date range as bounds on the query's day).
    static func listQuery(_ query: InvoiceQuery) -> InvoiceListQuery {
        let status: InvoiceListQuery.Status
        switch query.status {
        case .all: status = .all
        case .open: status = .open
        case .overdue: status = .overdue
        case .paid: status = .paid
        case .draft: status = .draft
        case .voided: status = .voided
        }
        let sort: InvoiceListQuery.Sort
        switch query.sort {
        case .attention: sort = .attention
        case .number: sort = .number
        case .customer: sort = .customer
        case .due: sort = .due
        case .total: sort = .total
        case .dueDate: sort = .dueDate
        case .issueDate: sort = .issueDate
        }
        return InvoiceListQuery(
            status: status, issued: query.dateRange.bounds(asOf: query.asOf),
            customer: query.customer.map { InvoiceListQuery.Customer(sourceName: $0.source, id: $0.id) },
            sort: sort, descending: query.descending, asOf: query.asOf)
    }

    /// A store row as the pane's row: open while money is collectible (or its due unreadable), overdue once
    /// its due date has passed on `asOf`.
    static func invoiceRow(_ row: InvoiceListRow, asOf: LocalDate) -> InvoiceRow {
        let open = row.status.isCollectible && (row.due.isPositive || row.unreadable.contains(.due))
        let overdue = open && row.dueDate.map { $0 < asOf } == true
        return InvoiceRow(
            id: row.id, number: row.number, customer: CustomerKey(source: row.sourceName, id: row.customerID),
            customerName: row.customerName, status: row.status, issueDate: row.issueDate, dueDate: row.dueDate,
            total: row.total, due: row.due, daysOverdue: overdue ? row.dueDate!.days(until: asOf) : 0,
            unreadable: row.unreadable)
    }
}
