import BillingCore

/// What the invoices pane asks for: a status filter, an optional customer and date range, and a sort.
public struct InvoiceQuery: Sendable, Equatable {
    /// The status filter, cycled with `f`.
    public enum StatusFilter: String, Sendable, CaseIterable {
        case all, open, overdue, paid, draft, voided
    }

    /// Preset issue-date ranges, cycled with `d` (relative to the as-of date).
    public enum DateRange: String, Sendable, CaseIterable {
        case any, last30Days, last90Days, thisMonth, thisYear

        /// The inclusive issue-date bounds on `asOf`, nil for `any`.
        public func bounds(asOf: LocalDate) -> ClosedRange<LocalDate>? {
            switch self {
            case .any: nil
            case .last30Days: asOf.adding(days: -29)...asOf
            case .last90Days: asOf.adding(days: -89)...asOf
            case .thisMonth: asOf.startOfMonth...asOf.endOfMonth
            case .thisYear:
                LocalDate(year: asOf.year, month: 1, day: 1)!...LocalDate(year: asOf.year, month: 12, day: 31)!
            }
        }

        public var label: String {
            switch self {
            case .any: "any date"
            case .last30Days: "last 30 days"
            case .last90Days: "last 90 days"
            case .thisMonth: "this month"
            case .thisYear: "this year"
            }
        }
    }

    /// Columns the invoices pane sorts by; `attention` is overdue (oldest first), then open by due date, then the rest.
    public enum Sort: String, Sendable, CaseIterable {
        case attention, number, customer, due, total, dueDate, issueDate
    }

    public var status: StatusFilter
    public var dateRange: DateRange
    public var customer: CustomerKey?
    /// The display name of `customer`, for the pane title.
    public var customerName: String?
    public var sort: Sort
    public var descending: Bool
    /// "Today" for overdue and date ranges.
    public var asOf: LocalDate

    public init(
        status: StatusFilter = .all, dateRange: DateRange = .any, customer: CustomerKey? = nil,
        customerName: String? = nil, sort: Sort = .attention, descending: Bool = false, asOf: LocalDate
    ) {
        self.status = status
        self.dateRange = dateRange
        self.customer = customer
        self.customerName = customerName
        self.sort = sort
        self.descending = descending
        self.asOf = asOf
    }

    /// Whether an invoice passes the filters (used by in-memory implementations and tests).
    public func matches(_ invoice: Invoice, customer key: CustomerKey) -> Bool {
        if let customer, customer != key { return false }
        if let range = dateRange.bounds(asOf: asOf) {
            guard let issued = invoice.issueDate, range.contains(issued) else { return false }
        }
        switch status {
        case .all: return true
        case .open: return invoice.status.isCollectible && invoice.due.isPositive
        case .overdue: return invoice.isOverdue(on: asOf)
        case .paid: return invoice.status == .paid
        case .draft: return invoice.status == .draft
        case .voided: return invoice.status == .voided || invoice.status == .canceled
        }
    }
}
