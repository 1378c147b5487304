/// The sort keys every list of customers and invoices orders by, wherever it is sorted: in memory
/// (BilltopApp's `RowOrder`) and in the store's read model (`dash_customer_row`, kept by BillingStore), so
/// both order rows alike.
///
/// Amounts in different currencies are compared by face value in major units (1 USD ~ 1 EUR ~ 1 JPY): no
/// conversion is invented.
public enum RowSortKeys {
    /// An amount as thousandths of its major unit, comparable across exponents 0, 2 and 3.
    public static func faceValue(_ money: Money) -> Int64 {
        money.minorUnits.multipliedReportingOverflow(by: 1000 / money.currency.minorPerMajor).partialValue
    }

    /// The largest face value among non-zero totals (0 when empty).
    public static func faceValue(_ totals: MoneyTotals) -> Int64 {
        totals.nonZeroAmounts.map(faceValue).max() ?? 0
    }

    /// Rank used when sorting by subscription state: trouble first.
    public static func stateRank(_ state: SubscriptionState?) -> Int {
        guard let state else { return 9 }
        switch state {
        case .unpaid: return 0
        case .pastDue: return 1
        case .softFailure: return 2
        case .active: return 3
        case .trialing: return 4
        case .onHold, .paused, .suspended: return 5
        default: return state.isEnded ? 7 : 6
        }
    }

    /// The state a customer's row shows among its subscriptions': a problem state says more than an active
    /// one; an active one more than an ended one.
    public static func tellingState(_ states: [SubscriptionState]) -> SubscriptionState? {
        func rank(_ s: SubscriptionState) -> Int {
            switch s {
            case .unpaid: 0
            case .pastDue: 1
            case .softFailure: 2
            case .active: 3
            case .trialing: 4
            default: s.isEnded ? 6 : 5
            }
        }
        return states.min { rank($0) < rank($1) }
    }
}
