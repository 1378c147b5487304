import GRDB

/// Tells the rows a page's upserts inserted from the ones they updated, by rowid: an `INTEGER PRIMARY KEY`
/// table gives a new row `max(id) + 1`, so an id above the table's maximum before the page is new in this
/// transaction. New rows have no child rows yet, so there is nothing of theirs to delete.
struct FreshRows {
    /// `max(id)` of the table before the page (0 when empty).
    let floor: Int64
    private var written: Set<Int64> = []

    init(floor: Int64) { self.floor = floor }

    /// Reads the table's current maximum id.
    static func before(_ table: String, in db: GRDB.Database) throws -> FreshRows {
        FreshRows(floor: try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(table)") ?? 0)
    }

    /// True when the row has child rows to replace: it existed before the page, or this page already wrote
    /// it once (the same record listed twice in one page).
    mutating func hasChildren(_ id: Int64) -> Bool {
        let again = !written.insert(id).inserted
        return id <= floor || again
    }
}
