import BillingCore

/// What the invoices pane asks the store for: a status filter, an optional customer and issue-date range,
/// and a sort, in the order of the pane's `InvoiceRowOrder`.
public struct InvoiceListQuery: Sendable, Equatable {
    /// Which invoices pass; `open` is money still collectible, `overdue` that past its due date on `asOf`.
    public enum Status: Sendable, Equatable {
        case all, open, overdue, paid, draft, voided
    }

    /// The sorts; `attention` is overdue (oldest first), then open by due date, then the rest newest first.
    public enum Sort: Sendable, Equatable {
        case attention, number, customer, due, total, dueDate, issueDate
    }

    /// One customer of one source.
    public struct Customer: Sendable, Equatable {
        public var sourceName: String
        public var id: String

        public init(sourceName: String, id: String) {
            self.sourceName = sourceName
            self.id = id
        }
    }

    public var status: Status
    /// Inclusive issue-date bounds; nil for any date (an invoice without an issue date passes only then).
    public var issued: ClosedRange<LocalDate>?
    public var customer: Customer?
    public var sort: Sort
    public var descending: Bool
    /// "Today" for overdue.
    public var asOf: LocalDate

    public init(
        status: Status = .all, issued: ClosedRange<LocalDate>? = nil, customer: Customer? = nil,
        sort: Sort = .attention, descending: Bool = false, asOf: LocalDate
    ) {
        self.status = status
        self.issued = issued
        self.customer = customer
        self.sort = sort
        self.descending = descending
        self.asOf = asOf
    }
}
