import BillingCore

/// The rows `e` writes for a view: everything the view's filters and sort show, not only the visible window.
public struct ExportTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// At most this many rows are exported (a view of the whole store still finishes quickly).
    public static let rowLimit = 1_000_000

    /// Builds the table for a request from the data source.
    public static func make(_ request: ExportRequest, from data: any DashboardData) throws -> ExportTable {
        switch request {
        case .customers(let query):
            let page = try data.customers(query, offset: 0, limit: rowLimit)
            return ExportTable(
                header: ["source", "id", "name", "email", "organization", "reference", "mrr", "state", "overdue"],
                rows: page.rows.map { r in
                    [
                        r.key.source, r.key.id, r.name, r.email, r.organization, r.reference, amounts(r.mrr),
                        r.state?.apiValue ?? "", amounts(r.overdue),
                    ]
                })
        case .invoices(let query):
            let page = try data.invoices(query, offset: 0, limit: rowLimit)
            return ExportTable(
                header: [
                    "number", "id", "customer_id", "customer", "status", "issue_date", "due_date", "currency", "total",
                    "due", "days_overdue",
                ],
                rows: page.page.rows.map { r in
                    [
                        r.number, r.id, r.customer.id, r.customerName, r.status.apiValue,
                        r.issueDate?.description ?? "",
                        r.dueDate?.description ?? "", r.total.currency.code, amount(r.total, .total, r.unreadable),
                        amount(r.due, .due, r.unreadable), String(r.daysOverdue),
                    ]
                })
        case .dunning(let asOf):
            let d = try data.dunning(asOf: asOf, limit: rowLimit)
            return ExportTable(
                header: [
                    "customer_id", "customer", "currency", "total_due", "oldest_invoice", "days_overdue", "state",
                    "dunning_stage", "retries", "last_failure", "card_expires", "scheduled_cancellation",
                    "customer_mrr",
                ],
                rows: d.alerts.map { a in
                    [
                        a.customer.id, a.customerName, a.totalDue.currency.code,
                        ([a.totalDue.decimalString] + a.unreadableDue.map { "#\($0) \(InvoiceAmounts.marker)" }).joined(
                            separator: "; "),
                        a.oldestInvoiceNumber,
                        String(a.daysOverdue), a.subscriptionState?.apiValue ?? "", a.dunningStage ?? "",
                        a.retries.map(String.init) ?? "",
                        a.lastFailureReason ?? "", a.cardExpiring?.description ?? "",
                        a.scheduledCancellation?.description ?? "",
                        amounts(a.customerMRR),
                    ]
                })
        case .mrr(let asOf):
            let m = try data.mrr(asOf: asOf)
            return ExportTable(
                header: [
                    "currency", "mrr", "arr", "arpa", "paying_customers", "new", "expansion", "contraction", "churn",
                    "reactivation", "estimate",
                ],
                rows: m.currencies.map { c in
                    [
                        c.currency.code, c.mrr.decimalString, c.arr.decimalString, c.arpa?.decimalString ?? "",
                        String(c.payingCustomers),
                        c.new.decimalString, c.expansion.decimalString, c.contraction.decimalString,
                        c.churn.decimalString,
                        c.reactivation.decimalString, c.isEstimate ? (c.basis ?? "estimate") : "",
                    ]
                })
        case .customer(let key, let asOf):
            guard let d = try data.customer(key, asOf: asOf) else { return ExportTable(header: [], rows: []) }
            return ExportTable(
                header: [
                    "number", "id", "status", "issue_date", "due_date", "currency", "total", "paid", "due", "payments",
                ],
                rows: d.invoices.map { i in
                    [
                        i.number, i.id, i.status.apiValue, i.issueDate?.description ?? "", i.dueDate?.description ?? "",
                        i.currency.code, amount(i.total, .total, i.unreadable), amount(i.paid, .paid, i.unreadable),
                        amount(i.due, .due, i.unreadable),
                        i.payments.map {
                            "\($0.transactionTime?.utcDate.description ?? "?") \($0.appliedAmount.decimalString)"
                        }.joined(separator: "; "),
                    ]
                })
        }
    }

    /// An invoice amount's decimal string, or the unreadable marker (never 0.00 for what could not be read).
    static func amount(_ money: Money, _ which: InvoiceAmounts, _ unreadable: InvoiceAmounts) -> String {
        unreadable.contains(which) ? InvoiceAmounts.marker : money.decimalString
    }

    /// "120.00 USD; 5000 JPY" (decimal strings, never formatted with symbols).
    static func amounts(_ totals: MoneyTotals) -> String {
        totals.nonZeroAmounts.map { "\($0.decimalString) \($0.currency.code)" }.joined(separator: "; ")
    }
}
