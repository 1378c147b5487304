/// What orders a dunning alert, apart from the rest of it: the refresh re-ranks every stored alert after an
/// incremental change from these few columns instead of decoding each alert's JSON (25k at 100k customers), and
/// both paths order through `ordered(_:rates:)`, so the incremental ranks are the full recompute's ranks.
public struct DunningAlertRankKey: Hashable, Sendable {
    public var customerID: String
    public var moneyAtRisk: Money
    /// Days the oldest overdue invoice is overdue, -1 when nothing is overdue.
    public var daysOverdue: Int

    public init(customerID: String, moneyAtRisk: Money, daysOverdue: Int) {
        self.customerID = customerID
        self.moneyAtRisk = moneyAtRisk
        self.daysOverdue = daysOverdue
    }

    public init(_ alert: DunningAlert) {
        self.init(
            customerID: alert.customerID, moneyAtRisk: alert.moneyAtRisk,
            daysOverdue: alert.oldestOverdue?.daysOverdue ?? -1)
    }

    public var riskCurrency: Currency { moneyAtRisk.currency }

    /// The positions of `keys` in display order (see `DunningAlerts.ordered`).
    ///
    /// Amounts in different currencies are never compared as raw numbers. With a rate table covering every
    /// key's currency, keys are ranked by the converted amount. Without one, keys are grouped by currency - the
    /// currency with the most alerts first, ties by code - and ranked by amount inside each group. Ties go to
    /// the older overdue invoice, then the customer id, so the order is stable.
    public static func ordered(_ keys: [DunningAlertRankKey], rates: ConversionRateTable? = nil) -> [Int] {
        let tieBreak: (DunningAlertRankKey, DunningAlertRankKey) -> Bool = { a, b in
            a.daysOverdue != b.daysOverdue ? a.daysOverdue > b.daysOverdue : a.customerID < b.customerID
        }
        if let rates, keys.allSatisfy({ rates.rate(for: $0.riskCurrency) != nil }) {
            let converted = keys.map { rates.convert($0.moneyAtRisk)!.minorUnits }
            return keys.indices.sorted { a, b in
                converted[a] != converted[b] ? converted[a] > converted[b] : tieBreak(keys[a], keys[b])
            }
        }
        var counts: [Currency: Int] = [:]
        for key in keys { counts[key.riskCurrency, default: 0] += 1 }
        return keys.indices.sorted { i, j in
            let (a, b) = (keys[i], keys[j])
            if a.riskCurrency != b.riskCurrency {
                let (ca, cb) = (counts[a.riskCurrency]!, counts[b.riskCurrency]!)
                return ca != cb ? ca > cb : a.riskCurrency < b.riskCurrency
            }
            if a.moneyAtRisk != b.moneyAtRisk { return a.moneyAtRisk.minorUnits > b.moneyAtRisk.minorUnits }
            return tieBreak(a, b)
        }
    }
}
