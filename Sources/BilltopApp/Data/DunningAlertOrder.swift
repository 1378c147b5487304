import BillingCore

/// Orders dunning alerts by money at risk, the same way `billtop dunning` (BillingCore's `DunningAlerts`) does.
public enum DunningAlertOrder {
    /// Amounts of different currencies are never compared as numbers: alerts are grouped by currency (the
    /// currency with the most alerts first, ties by code) and ranked within a group by money at risk (amount
    /// due plus the customer's MRR in that currency), then the oldest overdue invoice, then the customer.
    public static func ordered(_ rows: [DunningAlertRow]) -> [DunningAlertRow] {
        var counts: [Currency: Int] = [:]
        for row in rows { counts[row.totalDue.currency, default: 0] += 1 }
        return ordered(rows, currencyCounts: counts)
    }

    /// The same order for a part of the alerts, grouped by the alert counts per currency of all of them.
    public static func ordered(_ rows: [DunningAlertRow], currencyCounts counts: [Currency: Int]) -> [DunningAlertRow] {
        rows.sorted { a, b in
            let (ca, cb) = (a.totalDue.currency, b.totalDue.currency)
            if ca != cb {
                let (na, nb) = (counts[ca] ?? 0, counts[cb] ?? 0)
                return na != nb ? na > nb : ca < cb
            }
            let (ra, rb) = (moneyAtRisk(a), moneyAtRisk(b))
            if ra != rb { return ra > rb }
            if a.daysOverdue != b.daysOverdue { return a.daysOverdue > b.daysOverdue }
            return a.customer < b.customer
        }
    }

    static func moneyAtRisk(_ row: DunningAlertRow) -> Int64 {
        row.totalDue.minorUnits + row.customerMRR[row.totalDue.currency].minorUnits
    }
}
