/// Customer and company MRR per currency from subscriptions: sums of rounded lines, never across currencies.
public enum MRRRollup {
    /// One customer's MRR per currency on `date` (a customer may pay in several currencies).
    public static func customerMRR(
        _ subscriptions: some Sequence<Subscription>, on date: LocalDate, settings: MetricsSettings = .standard
    ) -> MoneyTotals {
        var totals = MoneyTotals()
        for subscription in subscriptions {
            let amount = SubscriptionMRR.mrr(of: subscription, on: date, settings: settings)
            if !amount.isZero { totals.add(amount) }
        }
        return totals
    }

    /// MRR per customer id and currency on `date`, for every customer with any MRR.
    public static func mrrByCustomer(
        _ subscriptions: some Sequence<Subscription>, on date: LocalDate, settings: MetricsSettings = .standard
    ) -> [String: MoneyTotals] {
        var result: [String: MoneyTotals] = [:]
        for subscription in subscriptions {
            let amount = SubscriptionMRR.mrr(of: subscription, on: date, settings: settings)
            if !amount.isZero { result[subscription.customerID, default: MoneyTotals()].add(amount) }
        }
        return result
    }

    /// Company MRR on `date`: per-currency totals, customers with MRR, usage run-rate and scheduled churn.
    public static func companyMRR(
        _ subscriptions: some Sequence<Subscription>, on date: LocalDate, settings: MetricsSettings = .standard
    ) -> CompanyMRR {
        var company = CompanyMRR()
        var perCustomer: [String: MoneyTotals] = [:]
        for subscription in subscriptions {
            let lines = SubscriptionMRR.lines(of: subscription, on: date, settings: settings)
            for line in lines {
                if line.isMRR {
                    company.mrr.add(line.monthly)
                    perCustomer[subscription.customerID, default: MoneyTotals()].add(line.monthly)
                } else {
                    company.usageRunRate.add(line.monthly)
                }
            }
            if SubscriptionMRR.scheduledEnd(of: subscription) != nil {
                let amount = lines.filter(\.isMRR).reduce(Money.zero(subscription.currency)) { $0 + $1.monthly }
                if amount.isPositive { company.scheduledChurn.add(amount) }
            }
        }
        for totals in perCustomer.values {
            for amount in totals.amounts where amount.isPositive {
                company.payingCustomers[amount.currency, default: 0] += 1
            }
        }
        return company
    }
}

/// Company-wide MRR on one day, per currency, with what is shown beside it.
public struct CompanyMRR: Hashable, Sendable, Codable {
    /// MRR per currency: the primary figure.
    public var mrr = MoneyTotals()
    /// Customers with MRR > 0 in each currency (the ARPA denominator).
    public var payingCustomers: [Currency: Int] = [:]
    /// Metered and prepaid usage as a monthly run-rate, kept out of MRR.
    public var usageRunRate = MoneyTotals()
    /// MRR of subscriptions that are live but scheduled to cancel.
    public var scheduledChurn = MoneyTotals()

    public init() {}

    /// ARR = 12 x MRR, per currency.
    public func arr(_ currency: Currency) -> Money { MRRRatios.arr(mrr[currency]) }

    /// Average revenue per paying account, per currency (nil with no paying customers).
    public func arpa(_ currency: Currency) -> Money? {
        MRRRatios.arpa(mrr[currency], customers: payingCustomers[currency] ?? 0)
    }
}
