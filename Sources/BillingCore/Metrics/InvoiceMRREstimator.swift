/// MRR estimated from recurring invoice lines, each normalised by the service period it pays for.
///
/// Used only when a source maps customers and invoices but not subscriptions; every figure it makes is
/// labelled `MRRBasis.invoiceLineEstimate`. A line counts on the days its service period covers.
public enum InvoiceMRREstimator {
    /// Line kinds that are never MRR even if a source marks them recurring.
    static let nonRecurringKinds: Set<String> = [
        "usage", "metered", "one_time", "setup_fee", "tax", "adjustment", "refund", "credit",
    ]
    /// Line kinds that are recurring charges when a source gives no explicit flag.
    static let recurringKinds: Set<String> = ["baseline", "component", "recurring", "product", "subscription", "plan"]

    /// True when the line is a recurring charge (product or recurring component).
    public static func isRecurring(_ line: InvoiceLineItem) -> Bool {
        let kind = line.kind.lowercased()
        if nonRecurringKinds.contains(kind) { return false }
        return line.isRecurring || recurringKinds.contains(kind)
    }

    /// The line's monthly amount (net of its discount, without tax) and the days it covers, or nil.
    ///
    /// A period of whole months (end = start + k months, or that minus one day when the source writes an
    /// inclusive end) is divided by k exactly; any other period by its length in days x 12/365.
    public static func monthlyAmount(of line: InvoiceLineItem) -> (monthly: Money, covers: ClosedRange<LocalDate>)? {
        guard isRecurring(line), let start = line.periodStart, let end = line.periodEnd, start < end else { return nil }
        let net = line.subtotal - line.discount
        let monthsApart = (end.year * 12 + end.month) - (start.year * 12 + start.month)
        for k in [monthsApart, monthsApart + 1] where k > 0 {
            let exclusiveEnd = start.adding(months: k)
            guard end == exclusiveEnd || end == exclusiveEnd.adding(days: -1) else { continue }
            let monthly = Money(
                minorUnits: Rounding.divideHalfEven(net.minorUnits, by: Int64(k)), currency: net.currency)
            return (monthly, start...exclusiveEnd.adding(days: -1))
        }
        let days = Int64(start.days(until: end))
        let monthly = Rounding.multiplyDivideHalfEven(net.minorUnits, 365, by: 12 * days)
        return (Money(minorUnits: monthly, currency: net.currency), start...end.adding(days: -1))
    }

    /// Whether an invoice's lines can stand for recurring revenue (not drafts, voids, cancellations or refunds).
    public static func countsAsRevenue(_ invoice: Invoice) -> Bool {
        switch invoice.status {
        case .draft, .voided, .canceled, .refunded: return false
        default: return true
        }
    }

    /// Estimated MRR per customer and currency on `date`.
    public static func mrrByCustomer(_ invoices: some Sequence<Invoice>, on date: LocalDate) -> [String: MoneyTotals] {
        var result: [String: MoneyTotals] = [:]
        for invoice in invoices where countsAsRevenue(invoice) {
            for line in invoice.lineItems {
                guard let (monthly, covers) = monthlyAmount(of: line), covers.contains(date), !monthly.isZero else {
                    continue
                }
                result[invoice.customerID, default: MoneyTotals()].add(monthly)
            }
        }
        return result
    }

    /// Estimated company MRR per currency on `date`.
    public static func companyMRR(_ invoices: some Sequence<Invoice>, on date: LocalDate) -> MoneyTotals {
        var totals = MoneyTotals()
        for customer in mrrByCustomer(invoices, on: date).values { totals.add(customer) }
        return totals
    }
}
