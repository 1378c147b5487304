import BillingCore
import GRDB

/// The invoices pane's filter, orders and FROM clauses in SQL.
extension InvoiceList {
    /// The index of migration `v3-search-invoice-sorts` that serves a sort (nil: attention has its own two,
    /// the customer name lives in another table).
    static func sortIndex(_ sort: InvoiceListQuery.Sort) -> String? {
        switch sort {
        case .attention, .customer: nil
        case .number: "invoice_search_by_number"
        case .issueDate: "invoice_search_by_issue"
        case .dueDate: "invoice_search_by_due_date"
        case .total: "invoice_search_by_total"
        case .due: "invoice_search_by_due"
        }
    }

    /// Invoices of live customers only, as the customers pane shows them (and the fixture did).
    static let from = from(indexedBy: nil)

    /// `from`, with SQLite told to read invoices through `index` when one is given.
    static func from(indexedBy index: String?) -> String {
        """
        invoice i \(index.map { "INDEXED BY \($0) " } ?? "")JOIN source src ON src.id = i.source_id
        JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id AND c.deleted_at IS NULL
        """
    }

    /// `from` for the customer-name sort: customers in name order (`customer_by_name`), each one's invoices by
    /// `invoice_by_customer`, so a window sorts only the invoices of a few names instead of all of them
    /// (1.97 s at 936k invoices). CROSS JOIN keeps SQLite from putting the invoices outside.
    static let fromByCustomerName = """
        customer c INDEXED BY customer_by_name
        CROSS JOIN invoice i INDEXED BY invoice_by_customer
            ON i.source_id = c.source_id AND i.customer_remote_id = c.remote_id AND c.deleted_at IS NULL
        JOIN source src ON src.id = i.source_id
        """

    static let owedSQL = "i.status IN (\(DashboardSQL.collectible)) AND i.due_minor > 0"
    static let overdueSQL = "\(owedSQL) AND i.due_date IS NOT NULL AND i.due_date < ?"

    /// The WHERE clause of the query over live invoices (the pane's `InvoiceQuery.matches`).
    static func filter(_ query: InvoiceListQuery) -> (String, [(any DatabaseValueConvertible)?]) {
        var parts = ["i.deleted_at IS NULL"]
        var args: [(any DatabaseValueConvertible)?] = []
        if let customer = query.customer {
            parts.append("src.name = ? AND i.customer_remote_id = ?")
            args += [customer.sourceName, customer.id]
        }
        if let range = query.issued {
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
        case .voided:
            parts.append("i.status IN ('\(InvoiceStatus.voided.apiValue)', '\(InvoiceStatus.canceled.apiValue)')")
        }
        return (parts.joined(separator: " AND "), args)
    }

    /// ORDER BY for an invoice sort: the keys and tie-breaks of the pane's `InvoiceRowOrder`.
    static func order(_ query: InvoiceListQuery) -> String {
        let far = "'9999-12-31'"
        var terms: [DashboardSQL.Term]
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
        return DashboardSQL.orderBy(terms, descending: query.descending)
    }

    /// The as-of date once per `?` the attention order holds (its group expression appears three times).
    static func orderArguments(_ query: InvoiceListQuery) -> [(any DatabaseValueConvertible)?] {
        query.sort == .attention ? Array(repeating: query.asOf.description, count: 3) : []
    }
}
