import BillingCore

/// Orders invoice rows for each sortable column.
public enum InvoiceRowOrder {
    /// The comparator for a column; `attention` puts overdue (oldest first) then open (soonest due) first.
    public static func comparator(_ sort: InvoiceQuery.Sort, descending: Bool) -> @Sendable (InvoiceRow, InvoiceRow) -> Bool {
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
        case .number: base = { a, b in a.number != b.number ? a.number < b.number : a.id < b.id }
        case .customer:
            base = { a, b in
                let x = a.customerName.lowercased(), y = b.customerName.lowercased()
                return x != y ? x < y : a.id < b.id
            }
        case .due:
            base = { a, b in
                let x = RowOrder.faceValue(a.due), y = RowOrder.faceValue(b.due)
                return x != y ? x > y : a.id < b.id
            }
        case .total:
            base = { a, b in
                let x = RowOrder.faceValue(a.total), y = RowOrder.faceValue(b.total)
                return x != y ? x > y : a.id < b.id
            }
        case .dueDate:
            base = { a, b in
                let x = a.dueDate ?? far, y = b.dueDate ?? far
                return x != y ? x > y : a.id < b.id
            }
        case .issueDate:
            base = { a, b in
                let x = a.issueDate ?? far, y = b.issueDate ?? far
                return x != y ? x > y : a.id < b.id
            }
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
