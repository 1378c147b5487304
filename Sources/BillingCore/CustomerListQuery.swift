/// What the customers pane asks the store for: a type-ahead text (name, email, organisation, reference, or
/// exactly a customer's id) and a sort, in the order of `RowSortKeys`. The pane's own `CustomerQuery` is this
/// type, so a query crosses the boundary unchanged.
public struct CustomerListQuery: Sendable, Equatable {
    /// The sorts `dash_customer_row` has an index for (the raw value is the pane's label).
    public enum Sort: String, Sendable, CaseIterable {
        case name, mrr, state, overdue
    }

    public var text: String
    public var sort: Sort
    public var descending: Bool

    public init(text: String = "", sort: Sort = .name, descending: Bool = false) {
        self.text = text
        self.sort = sort
        self.descending = descending
    }
}
