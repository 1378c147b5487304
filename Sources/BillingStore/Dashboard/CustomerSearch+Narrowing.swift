import GRDB

/// Type-ahead narrowing: a text that extends the previous keystroke's ("cust" to "custo", "ava" to "ava s")
/// matches a subset of what that one matched, since every old word is then a prefix of the new word in its
/// place. When the previous search kept every match's id, the new matches are those rows tested again with
/// the matcher: no FTS read, and a window is one sort of them.
extension CustomerSearch {
    /// The matches of this text found among `previous`'s; nil when this text does not extend `previous.text`,
    /// not every previous match is known, this text has no matcher (non-ASCII, or the reference plan), or
    /// probes of non-ASCII rows spend the budget (then count afresh).
    func narrowed(_ db: Database, from previous: CustomerMatches) throws -> CustomerMatches? {
        guard limits.narrows, matcher != nil, let known = previous.ids, !previous.text.isEmpty, text != previous.text,
            text.hasPrefix(previous.text)
        else { return nil }
        var cost = 0
        let budget = limits.countBudget(rows: try CustomerRows.rowCount(db))
        // A customer matched only by its id matched the old text only if its words did not: re-decided below.
        let byID = try idOnlyMatches(db, cost: &cost)
        var ids: [Int64] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT r.customer_id, r.remote_id, \(Self.textColumns) FROM dash_customer_row r
                JOIN customer c ON c.id = r.customer_id WHERE r.customer_id IN \(BillingStore.idList(known))
                """)
        while let row = try rows.next() {
            if try wordsMatch(db, row, cost: &cost) { ids.append(row[0]) }
            if cost >= budget { return nil }
        }
        return CustomerMatches(text: text, count: ids.count + byID.count, ids: ids + byID)
    }
}
