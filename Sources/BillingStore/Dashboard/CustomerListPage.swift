/// One window of the customers pane: the rows from `offset`, how many the list holds (`total`, at most the
/// cap when `isCapped`), and the count that the next window of the same text may reuse.
public struct CustomerListPage: Sendable {
    public var offset: Int
    public var rows: [CustomerListRow]
    public var total: Int
    /// More customers match than the cap: the first `total` are listed, in order.
    public var isCapped: Bool
    public var matches: CustomerMatches
}
