import BillingCore

/// Orders dunning alerts by money at risk.
public enum DunningAlertOrder {
    /// Largest face value due first, then most days overdue, then customer key.
    @Sendable public static func byMoneyAtRisk(_ a: DunningAlertRow, _ b: DunningAlertRow) -> Bool {
        let x = RowOrder.faceValue(a.totalDue), y = RowOrder.faceValue(b.totalDue)
        if x != y { return x > y }
        if a.daysOverdue != b.daysOverdue { return a.daysOverdue > b.daysOverdue }
        return a.customer < b.customer
    }
}
