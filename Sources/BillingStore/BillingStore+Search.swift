import BillingCore
import GRDB

/// The type-ahead search's FTS lookups without merging doclists: a prefix word longer than the 3-character
/// prefix index makes FTS5 merge the doclists of every term it begins before returning the first row (about
/// 5 ms for "cust" over 100k customers); the same query cut to 3 characters streams, and `PrefixMatcher`
/// keeps the rows the full query matches.
extension BillingStore {
    /// Rows a verification may read (per wanted row) before giving up and asking FTS5 the full query: a long
    /// word that is rare under its 3-character prefix merges few doclists, so the full query is cheap then.
    static let searchVerifyRowsPerHit = 4

    /// The first `limit` rowids (ascending, as FTS5 returns them) of `table` matching `fts`, read through the
    /// query cut to 3-character words and checked on the indexed texts themselves (`columns`); nil when no
    /// word is longer than 3 characters, a word is not ASCII, or the budget ran out: then ask FTS5 directly.
    static func firstMatches(
        _ db: Database, table: String, columns: String, text: String, fts: String, limit: Int
    ) throws -> [Int64]? {
        guard let matcher = PrefixMatcher(query: text), let short = matcher.indexPrefixQuery else { return nil }
        let rows = try Row.fetchCursor(
            db, sql: "SELECT rowid, \(columns) FROM \(table) WHERE \(table) MATCH ?", arguments: [short])
        var ids: [Int64] = []
        var cost = 0
        while ids.count < limit, let row = try rows.next() {
            cost += 1
            let id: Int64 = row[0]
            let hit: Bool
            if let decided = try matcher.matches(row, columns: 1..<row.count) {
                hit = decided
            } else {
                // Non-ASCII text: only the index knows (a probe merges the long word's doclists: costly).
                cost += 400
                hit =
                    try Int.fetchOne(
                        db, sql: "SELECT 1 FROM \(table) WHERE \(table) MATCH ? AND rowid = ?", arguments: [fts, id])
                    != nil
            }
            if hit { ids.append(id) }
            if cost > max(200, searchVerifyRowsPerHit * limit) { return nil }
        }
        return ids
    }

    /// `IN (...)` of a list of ids (SQLite accepts an empty list).
    static func idList(_ ids: [Int64]) -> String { "(" + ids.map(String.init).joined(separator: ",") + ")" }
}
