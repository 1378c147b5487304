/// How many live customers a customers-pane text matches (at least `cap + 1` when more match) and, when
/// every match was seen while counting, their ids (in no order). A caller keeps it for the next window of
/// the same text while the store has not changed, so scrolling does not count again.
public struct CustomerMatches: Sendable {
    public let count: Int
    /// Customer row ids (`customer.id`) of every match, when known.
    let ids: [Int64]?

    init(count: Int, ids: [Int64]?) {
        self.count = count
        self.ids = ids
    }
}
