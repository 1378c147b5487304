/// Which records of a page need a `sync_seen` row. The seen set exists so a complete listing can tombstone
/// the stored rows it did not return; a row inserted by the listing itself (its id above the listing's
/// `seenFloor`, the table's largest id when the listing began) cannot be one of those, so it needs no row.
/// A first listing of a stream therefore writes none, a listing resumed after a crash counts what its earlier
/// part inserted as seen, and `--full` over a populated store still records every row that existed before.
struct SeenRule {
    /// The page belongs to a complete listing.
    let recording: Bool
    /// The table the page's stream lists (the floor applies to its rows only).
    let table: Tombstone.Table?
    let floor: Int64?

    init(_ page: PageWrite) {
        recording = page.recordSeen
        table = Self.table(ofStream: page.stream)
        floor = page.seenFloor
    }

    /// The table a stream's complete listing reconciles ("customers" -> customer), nil for others (events).
    static func table(ofStream stream: String) -> Tombstone.Table? {
        switch stream {
        case "customers": .customer
        case "subscriptions": .subscription
        case "invoices": .invoice
        default: nil
        }
    }

    /// True when the record written as row `id` (nil: unchanged, so not new) must be recorded as seen.
    func needsRow(_ table: Tombstone.Table, id: Int64?) -> Bool {
        guard recording else { return false }
        guard let floor, table == self.table, let id else { return true }
        return id <= floor
    }
}
