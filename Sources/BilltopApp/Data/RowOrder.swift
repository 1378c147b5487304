import BillingCore

/// Sort keys shared by every `DashboardData` implementation, so fixtures and the store order rows alike (the
/// rules themselves are BillingCore's `RowSortKeys`, which the store's read model uses too).
///
/// Amounts in different currencies are compared by face value in major units (1 USD ~ 1 EUR ~ 1 JPY): no
/// conversion is invented; ties fall back to a stable id.
public enum RowOrder {
    /// An amount as thousandths of its major unit, comparable across exponents 0, 2 and 3.
    public static func faceValue(_ money: Money) -> Int64 { RowSortKeys.faceValue(money) }

    /// The largest face value among non-zero totals (0 when empty).
    public static func faceValue(_ totals: MoneyTotals) -> Int64 { RowSortKeys.faceValue(totals) }

    /// A comparator by one key (smallest first, or largest first), ties broken by a stable id.
    public static func by<Row, Key: Comparable & SendableMetatype, ID: Comparable & SendableMetatype>(
        _ key: @escaping @Sendable (Row) -> Key, largestFirst: Bool = false, tie: @escaping @Sendable (Row) -> ID
    ) -> @Sendable (Row, Row) -> Bool {
        { a, b in
            let x = key(a), y = key(b)
            if x != y { return largestFirst ? x > y : x < y }
            return tie(a) < tie(b)
        }
    }

    /// Rank used when sorting by subscription state: trouble first.
    public static func stateRank(_ state: SubscriptionState?) -> Int { RowSortKeys.stateRank(state) }
}
