import BillingCore
import GRDB

/// Migration `v13-sort-name-folded`: names sort by `NameSortKey` (lower case, Latin accents left out), where
/// they sorted by the plain lower-case name, which put "Ángel" and "Émilie" after "Zoë". A customer stored
/// before gets its folded key here; the `dash_customer_row_update` trigger carries it to the customers pane's
/// name order. The writer's upsert leaves an unchanged customer alone, so a sync would never refold it.
///
/// Only a key holding a non-ASCII character can change (its byte length exceeds its character length), so
/// the step reads those alone: at 1M customers one pass over `customer` and a write per accented name. The
/// aggregates stay current.
enum SortNameFold {
    static let name = "v13-sort-name-folded"

    static func apply(_ db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT id, sort_name FROM customer WHERE length(sort_name) <> length(CAST(sort_name AS BLOB))")
        let update = try db.makeStatement(sql: "UPDATE customer SET sort_name = ? WHERE id = ?")
        for row in rows {
            let id: Int64 = row[0]
            let stored: String = row[1]
            let folded = NameSortKey.of(stored)
            if folded != stored { try update.execute(arguments: [folded, id]) }
        }
        // The aggregates do not read names.
        try MetricsStillCurrent.carry(db, through: name)
    }
}
