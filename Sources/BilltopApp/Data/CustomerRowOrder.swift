import BillingCore

/// Orders customer rows for each sortable column.
public enum CustomerRowOrder {
    /// The comparator for a column; numeric columns put the largest first unless `descending` flips it.
    public static func comparator(_ sort: CustomerQuery.Sort, descending: Bool) -> @Sendable (CustomerRow, CustomerRow) -> Bool {
        let base: @Sendable (CustomerRow, CustomerRow) -> Bool
        switch sort {
        case .name:
            base = { a, b in
                let x = a.name.lowercased(), y = b.name.lowercased()
                return x != y ? x < y : a.key < b.key
            }
        case .mrr:
            base = { a, b in
                let x = RowOrder.faceValue(a.mrr), y = RowOrder.faceValue(b.mrr)
                return x != y ? x > y : a.key < b.key
            }
        case .overdue:
            base = { a, b in
                let x = RowOrder.faceValue(a.overdue), y = RowOrder.faceValue(b.overdue)
                return x != y ? x > y : a.key < b.key
            }
        case .state:
            base = { a, b in
                let x = RowOrder.stateRank(a.state), y = RowOrder.stateRank(b.state)
                return x != y ? x < y : a.key < b.key
            }
        }
        if descending { return { a, b in base(b, a) } }
        return base
    }
}
