import BillingCore
import GRDB

/// A broad window by name walked through `dash_customer_initial` (see `CustomerInitialTables`): only the
/// customers listed under one word's initial, and those whose initials are not decided (`CustomerInitials.unsure`),
/// merged in the name order. Every match is in them, so the window is the whole walk's, found by testing fewer
/// rows: at 100k customers "7" (20,893 matches, most late in the order) is the list's first rows.
extension CustomerSearch {
    /// The window, or nil when the walk would exceed the budget (as `walk`), or the query has no matcher.
    func initialWalk(_ db: Database, offset: Int, limit: Int) throws -> [Int64]? {
        guard let matcher, let initial = try rarestInitial(db, matcher.words) else { return nil }
        // Each arm is read in its primary key's order, so SQLite merges the two without sorting (MERGE (UNION ALL)).
        func arm(_ initial: String) -> String {
            """
            SELECT p.customer_id, p.remote_id, \(Self.textColumns),
                p.sort_name AS k1, p.source_name AS k2, p.remote_id AS k3, p.customer_id AS k4
            FROM dash_customer_initial p JOIN dash_customer_row r ON r.customer_id = p.customer_id
            JOIN customer c ON c.id = p.customer_id WHERE p.initial = \(initial)
            """
        }
        let direction = query.descending ? " DESC" : ""
        let order = ["k1", "k2", "k3", "k4"].map { $0 + direction }.joined(separator: ", ")
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "\(arm("?")) UNION ALL \(arm("'\(CustomerInitials.unsure)'")) ORDER BY \(order)"),
            arguments: [initial])
        return try keep(db, rows, budgeted: true, offset: offset, limit: limit)
    }

    /// The initial of the query's words listed under the fewest customers (`dash_customer_initial_count`); a
    /// one-word query's own. nil when a word has no initial (then there is no matcher either).
    func rarestInitial(_ db: Database, _ words: [[UInt8]]) throws -> String? {
        var initials: [String] = []
        for word in words {
            guard let initial = CustomerInitials.of(word: word) else { return nil }
            if !initials.contains(initial) { initials.append(initial) }
        }
        guard initials.count > 1 else { return initials.first }
        let marks = Array(repeating: "?", count: initials.count).joined(separator: ",")
        var rows: [String: Int] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT initial, rows FROM dash_customer_initial_count WHERE initial IN (\(marks))",
            arguments: StatementArguments(initials))
        {
            rows[row[0]] = row[1]
        }
        // An initial no customer has: its list is empty, and the walk ends at once.
        return initials.min { rows[$0] ?? 0 < rows[$1] ?? 0 }
    }
}
