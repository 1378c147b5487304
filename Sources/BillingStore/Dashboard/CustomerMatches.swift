/// How many live customers a customers-pane text matches (at least `cap + 1` when more match) and, when
/// every match was seen while counting, their ids (in no order). A caller keeps it for the next window of
/// the same text while the store has not changed, so scrolling does not count again, and for the next
/// keystroke, which narrows these ids when its text extends this one.
public struct CustomerMatches: Sendable {
    /// The trimmed text matched ("" for every customer).
    let text: String
    public let count: Int
    /// Customer row ids (`customer.id`) of every match, when known.
    let ids: [Int64]?
    /// Rows having a token that begins with each 3-character prefix counted so far (at most the limit plus one):
    /// carried from keystroke to keystroke with the matches, so typing on in a word counts its prefix once.
    var prefixRows: [String: Int] = [:]

    init(text: String, count: Int, ids: [Int64]?) {
        self.text = text
        self.count = count
        self.ids = ids
    }
}
