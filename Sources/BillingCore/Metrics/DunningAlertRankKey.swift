/// What orders a dunning alert, apart from the rest of it: the store keeps these few columns beside each alert
/// and reads the order from indexes over them (BillingStore's `AlertOrder`), which must give `ordered(_:rates:)`.
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
    /// the older overdue invoice, then the customer id in UTF-8 byte order (as SQLite compares text; `<` on
    /// String would make canonically equal spellings equal), so the order is total and an index can hold it.
    public static func ordered(_ keys: [DunningAlertRankKey], rates: ConversionRateTable? = nil) -> [Int] {
        let tieBreak: (DunningAlertRankKey, DunningAlertRankKey) -> Bool = { a, b in
            a.daysOverdue != b.daysOverdue
                ? a.daysOverdue > b.daysOverdue : a.customerID.utf8.lexicographicallyPrecedes(b.customerID.utf8)
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
