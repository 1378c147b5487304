import BillingCore

/// Orders invoice rows for each sortable column.
public enum InvoiceRowOrder {
    /// The comparator for a column; `attention` puts overdue (oldest first) then open (soonest due) first.
    public static func comparator(_ sort: InvoiceQuery.Sort, descending: Bool)
        -> @Sendable (InvoiceRow, InvoiceRow) -> Bool
    {
        let far = LocalDate(year: 9999, month: 12, day: 31)!
        let base: @Sendable (InvoiceRow, InvoiceRow) -> Bool
        switch sort {
        case .attention:
            base = { a, b in
                let ga = group(a), gb = group(b)
                if ga != gb { return ga < gb }
                if ga < 2 {
                    let x = a.dueDate ?? far, y = b.dueDate ?? far
                    if x != y { return x < y }
                } else {
                    let x = a.issueDate ?? far, y = b.issueDate ?? far
                    if x != y { return x > y }
                }
                return a.id < b.id
            }
        case .number: base = RowOrder.by({ $0.number }, tie: \.id)
        case .customer: base = RowOrder.by({ NameSortKey.of($0.customerName) }, tie: \.id)
        case .due: base = RowOrder.by({ RowOrder.faceValue($0.due) }, largestFirst: true, tie: \.id)
        case .total: base = RowOrder.by({ RowOrder.faceValue($0.total) }, largestFirst: true, tie: \.id)
        case .dueDate: base = RowOrder.by({ $0.dueDate ?? far }, largestFirst: true, tie: \.id)
        case .issueDate: base = RowOrder.by({ $0.issueDate ?? far }, largestFirst: true, tie: \.id)
        }
        if descending { return { a, b in base(b, a) } }
        return base
    }

    /// 0 overdue, 1 open (still due), 2 everything else.
    public static func group(_ row: InvoiceRow) -> Int {
        if row.isOverdue { return 0 }
        if row.status.isCollectible && row.due.isPositive { return 1 }
        return 2
    }
}
