/// One window of the invoices pane: the rows from `offset`, and the count and sums of every invoice the
/// filter passes (`sums.count` is the list's length), which the next window of the same filter may reuse.
public struct InvoiceListPage: Sendable {
    public var offset: Int
    public var rows: [InvoiceListRow]
    public var sums: InvoiceSums
}
