import BillingCore

/// Orders customer rows for each sortable column.
public enum CustomerRowOrder {
    /// The comparator for a column; numeric columns put the largest first unless `descending` flips it.
    public static func comparator(_ sort: CustomerQuery.Sort, descending: Bool)
        -> @Sendable (CustomerRow, CustomerRow) -> Bool
    {
        let base: @Sendable (CustomerRow, CustomerRow) -> Bool
        switch sort {
        case .name: base = RowOrder.by({ NameSortKey.of($0.name) }, tie: \.key)
        case .mrr: base = RowOrder.by({ RowOrder.faceValue($0.mrr) }, largestFirst: true, tie: \.key)
        case .overdue: base = RowOrder.by({ RowOrder.faceValue($0.overdue) }, largestFirst: true, tie: \.key)
        case .state: base = RowOrder.by({ RowOrder.stateRank($0.state) }, tie: \.key)
        }
        if descending { return { a, b in base(b, a) } }
        return base
    }
}
