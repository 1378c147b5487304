import BillingCore

/// MRR figures of one currency (never summed across currencies).
public struct CurrencyMRR: Sendable, Equatable {
    public var currency: Currency
    public var mrr: Money
    /// Customers with MRR > 0 in this currency.
    public var payingCustomers: Int
    /// This month's movements.
    public var new: Money
    public var expansion: Money
    public var contraction: Money
    public var churn: Money
    public var reactivation: Money
    /// MRR at the end of each of the last 12 months, oldest first, in minor units.
    public var series: [Int64]
    /// True when the figures are estimated from invoice lines (no subscription data).
    public var isEstimate: Bool
    /// What an estimate was made from, shown next to it.
    public var basis: String?

    public init(
        currency: Currency, mrr: Money, payingCustomers: Int, new: Money? = nil, expansion: Money? = nil,
        contraction: Money? = nil, churn: Money? = nil, reactivation: Money? = nil, series: [Int64] = [],
        isEstimate: Bool = false, basis: String? = nil
    ) {
        let zero = Money.zero(currency)
        self.currency = currency
        self.mrr = mrr
        self.payingCustomers = payingCustomers
        self.new = new ?? zero
        self.expansion = expansion ?? zero
        self.contraction = contraction ?? zero
        self.churn = churn ?? zero
        self.reactivation = reactivation ?? zero
        self.series = series
        self.isEstimate = isEstimate
        self.basis = basis
    }

    /// ARR = 12 x MRR.
    public var arr: Money { Money(minorUnits: mrr.minorUnits * 12, currency: currency) }

    /// ARPA = MRR / paying customers, rounded half-even; nil without paying customers.
    public var arpa: Money? {
        guard payingCustomers > 0 else { return nil }
        return Money(
            minorUnits: Rounding.divideHalfEven(mrr.minorUnits, by: Int64(payingCustomers)), currency: currency)
    }

    /// Net movement this month.
    public var netMovement: Money { new + expansion + reactivation - contraction - churn }
}
