/// What the customers pane asks for: a type-ahead text (name, email, organisation, reference, id) and a sort.
public struct CustomerQuery: Sendable, Equatable {
    /// Columns the customers pane sorts by.
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
