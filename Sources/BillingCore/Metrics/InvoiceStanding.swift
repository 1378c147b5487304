/// What was owed on an invoice on a given day, rebuilt from its payments so aging can move back in time.
public enum InvoiceStanding {
    /// The amount still due at the end of `date`: nothing before issue, nothing for drafts, voids and
    /// cancellations; otherwise today's due plus payments made after `date`, capped at total - credit.
    ///
    /// A void or cancellation carries no date, so a voided invoice is treated as never owed (documented).
    /// When payments carry no times, `paidDate` after `date` means the whole amount was still owed.
    public static func outstanding(_ invoice: Invoice, on date: LocalDate) -> Money {
        let zero = Money.zero(invoice.currency)
        switch invoice.status {
        case .draft, .voided, .canceled: return zero
        default: break
        }
        if let issued = invoice.issueDate, issued > date { return zero }
        if let created = invoice.createdAt?.utcDate, invoice.issueDate == nil, created > date { return zero }
        // An unreadable total or credit caps nothing (its zero would read as "nothing owed").
        let capped = invoice.unreadable.isDisjoint(with: [.total, .credit])
        let cap = invoice.total.minorUnits - invoice.credit.minorUnits
        var owed = max(0, invoice.due.minorUnits)
        var timedPayments = false
        for payment in invoice.payments where payment.appliedAmount.currency == invoice.currency {
            guard let time = payment.transactionTime else { continue }
            timedPayments = true
            // Held at Int64's bound: a hostile invoice can list any number of (each bounded) payments.
            if time.utcDate > date { owed = MoneyTotals.saturating(owed, payment.appliedAmount.minorUnits) }
        }
        if !timedPayments, capped, let paid = invoice.paidDate, paid > date { owed = cap }
        return Money(minorUnits: max(0, capped ? min(owed, cap) : owed), currency: invoice.currency)
    }

    /// Whether the invoice may be owed on `date` but its due amount could not be read (`Invoice.unreadable`):
    /// `outstanding` is zero for it, yet it must stay overdue and in dunning, with its marker.
    public static func dueIsUnreadable(_ invoice: Invoice, on date: LocalDate) -> Bool {
        guard invoice.isOpen, invoice.unreadable.contains(.due) else { return false }
        if let issued = invoice.issueDate, issued > date { return false }
        return true
    }

    /// Overdue at the end of `date`: money outstanding (or an unreadable due) and a due date before that day.
    public static func isOverdue(_ invoice: Invoice, on date: LocalDate) -> Bool {
        guard let due = invoice.dueDate, due < date else { return false }
        return dueIsUnreadable(invoice, on: date) || outstanding(invoice, on: date).isPositive
    }

    /// Whole days past due on `date` (0 when not past due).
    public static func daysOverdue(_ invoice: Invoice, on date: LocalDate) -> Int {
        guard let due = invoice.dueDate, due < date else { return 0 }
        return due.days(until: date)
    }

    /// The aging bucket on `date`, or nil when nothing is outstanding (or there is no due date).
    public static func bucket(_ invoice: Invoice, on date: LocalDate) -> AgingBucket? {
        guard invoice.dueDate != nil, outstanding(invoice, on: date).isPositive else { return nil }
        return AgingBucket(daysPastDue: daysOverdue(invoice, on: date))
    }
}
