import BillingCore
import BillingStore

/// The customer's MRR movements in the timeline (issue 21): each new, expansion, contraction, churn or
/// reactivation on its day, with the MRR before and after and the month's basis, so an estimate is never
/// read as a fact.
extension TimelineEntry {
    public static func movements(_ history: CustomerMRRHistory) -> [TimelineEntry] {
        history.movements.map { movement in
            let points = history.points.filter { $0.mrr.currency == movement.amount.currency }
            let after = points.last { $0.day <= movement.date }?.mrr
            let before = points.last { $0.day < movement.date }?.mrr
            let zero = Money(minorUnits: 0, currency: movement.amount.currency)
            var text = "MRR \(movement.kind.rawValue): \(MoneyFormatter.format(before ?? zero))"
            text += " → \(MoneyFormatter.format(after ?? zero))"
            if let month = LocalDate(year: movement.date.year, month: movement.date.month, day: 1),
                let basis = history.bases[month], basis != .observed
            {
                text += " (\(basis.label))"
            }
            return TimelineEntry(
                at: Timestamp(secondsSinceEpoch: Int64(movement.date.daysSinceEpoch) * 86_400), kind: .mrr,
                text: text, amount: movement.signedAmount)
        }
    }
}
