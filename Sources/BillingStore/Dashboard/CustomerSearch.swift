import BillingCore
import Foundation
import GRDB

/// One type-ahead search of the customers pane over `dash_customer_row`: how many match (exact up to `cap`,
/// then "cap+") and a window of them in the pane's order, by the cheapest plan that gives the reference
/// plan's answer (`CustomerRows.matchCount` / `windowIDs`, which materialise every FTS match).
///
/// Two costs decide. An FTS5 prefix word longer than the prefix index (3 characters) makes SQLite merge the
/// doclists of every term it begins (about 5 ms for a word 100k customers share); a word of up to 3
/// characters streams. And testing one row with the index costs tens of microseconds, where
/// `PrefixMatcher` on the row's texts costs about one. So, for an ASCII query:
/// - counting streams the query cut to 3-character words (a superset) and keeps the rows the matcher
///   accepts, up to a budget; when it saw every match (a narrow search, or a broad one of a few thousand)
///   it keeps the ids, and a window is one sort of them;
/// - a broad search walks the sort index (by name, only the customers listed under one word's initial:
///   `initialWalk`) and keeps matching rows until the window is full, giving up early
///   when the matches seen so far say the budget will not do; then, when the FTS candidates are few
///   (`CustomerSearchLimits`), it sorts them all; else it walks the index again restricted to the
///   (materialised) FTS matches, as the reference plan does;
/// - a text that extends the previous keystroke's, whose matches were all kept, tests only those
///   (`narrowed(_:from:)`).
/// Anything else (a non-ASCII word, a budget spent) takes the reference plan.
struct CustomerSearch {
    // A counting pass's budget, in rows tested with the matcher (about a microsecond each), is
    // `limits.countBudget`; a walk's is `limits.walkBudget` (`rowBudget` unless a test lowers it).
    /// What one FTS probe (a row the matcher cannot decide: non-ASCII text) costs against the budget.
    static let probeCost = 40
    /// ... and when the query has a word longer than the prefix index (each probe merges doclists).
    static let mergingProbeCost = 400

    let query: CustomerListQuery
    /// The trimmed text (a customer whose id is exactly this matches too).
    let text: String
    /// Its UTF-8 bytes, compared with a walked row's id.
    let textBytes: Data
    /// The FTS5 query: every word a quoted prefix.
    let fts: String
    /// The FTS5 query with words cut to the prefix index's 3 characters; nil when no word is longer.
    let short: String?
    /// The superset a counting pass streams and a broad window sorts or walks within: `short`, with each long
    /// word whose 3-character prefix few rows have kept whole (`wholeSparseWords`); nil when no word is longer.
    private(set) var superset: String?
    /// The prefix counts `wholeSparseWords` used (given and made), for the next keystroke.
    private(set) var prefixRows: [String: Int] = [:]
    /// nil: the reference plan only (a non-ASCII word, or asked for).
    let matcher: PrefixMatcher?
    let cap: Int
    let limits: CustomerSearchLimits

    init(
        _ query: CustomerListQuery, text: String, fts: String, cap: Int, reference: Bool,
        limits: CustomerSearchLimits = .standard
    ) {
        self.query = query
        self.text = text
        textBytes = Data(text.utf8)
        self.fts = fts
        self.cap = cap
        self.limits = limits
        let matcher = reference ? nil : PrefixMatcher(query: text)
        self.matcher = matcher
        short = matcher?.indexPrefixQuery
        superset = short
    }

    /// Keeps whole, in `superset`, each word longer than the prefix index whose first 3 characters at most
    /// `limits.wholeWordUpTo` rows have: its doclists merge in about as long as counting those rows takes, and
    /// the superset then holds only its rows instead of every row sharing the prefix ("c918": 1,111 rows
    /// where "c91" has 11,111 at 1M customers). A word whose prefix many rows share stays cut, since merging
    /// it could cost as much as the whole column ("examp"*: every customer's "example"). `counted` holds the
    /// counts the last keystrokes made at the same store generation; a prefix is counted only once.
    mutating func wholeSparseWords(_ db: Database, counted: [String: Int]) throws {
        // Distinct prefixes typed between two store changes are few; a pasted flood of words starts afresh.
        prefixRows = counted.count > 256 ? [:] : counted
        guard let words = matcher?.words, short != nil, limits.wholeWordUpTo > 0 else { return }
        var parts: [String] = []
        for word in words {
            let prefix = String(decoding: word.prefix(3), as: UTF8.self)
            guard word.count > 3 else {
                parts.append("\"\(prefix)\"*")
                continue
            }
            let rows: Int
            if let known = prefixRows[prefix] {
                rows = known
            } else {
                rows =
                    try Self.ftsRows(db, "\"\(prefix)\"*", upTo: limits.wholeWordUpTo)
                prefixRows[prefix] = rows
            }
            parts.append(
                rows <= limits.wholeWordUpTo ? "\"\(String(decoding: word, as: UTF8.self))\"*" : "\"\(prefix)\"*")
        }
        superset = parts.joined(separator: " ")
    }

    var probeCost: Int { short == nil ? Self.probeCost : Self.mergingProbeCost }

    /// Whether a customer row (its id, remote id and texts) matches: its id is the text, or its words do.
    func matches(_ db: Database, _ row: Row, cost: inout Int) throws -> Bool {
        // The id's bytes as the row holds them, as the texts below: no string per walked row.
        if try row.withUnsafeData(atIndex: 1, { $0 == textBytes }) { return true }
        return try wordsMatch(db, row, cost: &cost)
    }

    func wordsMatch(_ db: Database, _ row: Row, cost: inout Int) throws -> Bool {
        // Columns by position (`r.customer_id, r.remote_id` then `textColumns`): a lookup by name lowercases it.
        cost += 1
        if let decided = try matcher?.matches(row, columns: 2..<7) { return decided }
        cost += probeCost
        return try Bool.fetchOne(
            db, sql: "SELECT 1 FROM customer_fts WHERE customer_fts MATCH ? AND rowid = ?",
            arguments: [fts, row[0] as Int64]) ?? false
    }

    static let textColumns = "c.first_name, c.last_name, c.email, c.organization, c.reference"

    /// Rows of the FTS query `match`, counted no further than `limit` + 1 (more than `limit`: "over"). Words of
    /// up to 3 characters stream from the prefix index at about 0.1 µs a row, so the bound is the cost.
    static func ftsRows(_ db: Database, _ match: String, upTo limit: Int) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM (SELECT 1 FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?)",
            arguments: [match, limit + 1]) ?? 0
    }

    /// Counts the matches (see the type's comment); the reference count when the fast one cannot decide.
    func count(_ db: Database) throws -> CustomerMatches {
        guard matcher != nil, let superset else {
            // Words of at most 3 characters stream from the index: the reference count is already cheap.
            return CustomerMatches(
                text: text, count: try CustomerRows.matchCount(db, match: fts, text: text, cap: cap), ids: nil)
        }
        var cost = 0
        let budget = limits.countBudget(rows: try CustomerRows.rowCount(db))
        let byID = try idOnlyMatches(db, cost: &cost)
        // Whether the short words' rows (a superset, streamed: about 0.1 µs each) fit half the budget: then
        // reading on past the cap sees every match, and the windows are one sort of them.
        let keepAll =
            try Self.ftsRows(db, superset, upTo: budget / 2) <= budget / 2
        var ids: [Int64] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT r.customer_id, r.remote_id, \(Self.textColumns) FROM customer_fts f
                JOIN dash_customer_row r ON r.customer_id = f.rowid JOIN customer c ON c.id = f.rowid
                WHERE customer_fts MATCH ?
                """, arguments: [superset])
        while let row = try rows.next() {
            if try wordsMatch(db, row, cost: &cost) { ids.append(row[0]) }
            if ids.count > cap && !keepAll {
                return CustomerMatches(text: text, count: ids.count + byID.count, ids: nil)
            }
            if cost >= budget {
                return CustomerMatches(
                    text: text, count: try CustomerRows.matchCount(db, match: fts, text: text, cap: cap), ids: nil)
            }
        }
        return CustomerMatches(text: text, count: ids.count + byID.count, ids: ids + byID)
    }

    /// Customers whose id is the text and whose words do not match (the reference counts them separately).
    func idOnlyMatches(_ db: Database, cost: inout Int) throws -> [Int64] {
        var byID: [Int64] = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT r.customer_id, r.remote_id, \(Self.textColumns) FROM customer c
                JOIN dash_customer_row r ON r.customer_id = c.id
                WHERE c.source_id IN (SELECT id FROM source) AND c.remote_id = ?
                """, arguments: [text])
        where try !wordsMatch(db, row, cost: &cost) {
            byID.append(row[0])
        }
        return byID
    }

    /// Customer ids of one window in the query's order, given the count (`count > cap`: broad).
    func windowIDs(_ db: Database, found: CustomerMatches, offset: Int, limit: Int) throws -> [Int64] {
        guard limit > 0 else { return [] }
        let broad = found.count > cap
        if let ids = found.ids {
            // Every match is known: order them (a few thousand at most, through the table's primary key).
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            return try Int64.fetchAll(
                db,
                sql: """
                    SELECT r.customer_id FROM dash_customer_row r WHERE r.customer_id IN (\(marks))
                    ORDER BY \(CustomerRows.orderBy(query)) LIMIT ? OFFSET ?
                    """, arguments: StatementArguments(ids + [Int64(limit), Int64(offset)]))
        }
        let match = (fts: fts, text: text)
        guard broad, matcher != nil else {
            return try CustomerRows.windowIDs(db, query, match: match, broad: broad, offset: offset, limit: limit)
        }
        // Walk the customers who can match in the order (those listed under a word's initial, or all of them),
        // while the matches come often enough.
        let walked =
            limits.walksInitials && query.sort == .name
            ? try initialWalk(db, offset: offset, limit: limit)
            : try walk(db, within: nil, offset: offset, limit: limit)
        if let walked { return walked }
        // The matches are rare early in this order. A walk restricted to them still reads every index row before
        // the first ("c9" at 100k: 88,889 rows), so when they are few (counted by the streaming query: a
        // superset) sort them all. More of them than `sortUpTo` leave fewer rows to precede them (at most 80,000
        // at 100k customers, ~15 ms; a walk that found none in its first rows already gave up above).
        let within = superset ?? fts
        let sortLimit = limits.sortLimit(rows: try CustomerRows.rowCount(db))
        // A word every customer has makes both the count below and the sort merge its whole doclist: walk.
        if sortLimit > 0, try !hasCommonWord(db, limit: sortLimit) {
            let candidates =
                try Self.ftsRows(db, within, upTo: sortLimit)
            if candidates <= sortLimit { return try sorted(db, offset: offset, limit: limit) }
        }
        // Walk only the FTS matches (the reference plan's set), with the short words when they stream, the rows
        // tested by the matcher.
        return try walk(db, within: within, offset: offset, limit: limit)
            ?? CustomerRows.windowIDs(db, query, match: match, broad: true, offset: offset, limit: limit)
    }

    /// Whether one word of a query of several matches more than `limit` customers on its own (its 3-character
    /// prefix, a superset that streams). Sorting every match then merges that word's whole doclist: at 100k,
    /// "org 5" sorted its 11,111 matches in 28.7 ms where the walk through them took 12.6 (`billtop-bench tui`
    /// with and without `--walk-only-search`), while "c9", one word, sorts in 19 ms against a 38 ms walk.
    func hasCommonWord(_ db: Database, limit: Int) throws -> Bool {
        guard let words = matcher?.words, words.count > 1 else { return false }
        for word in words {
            let prefix = "\"\(String(decoding: word.prefix(3), as: UTF8.self))\"*"
            let rows =
                try Self.ftsRows(db, prefix, upTo: limit)
            if rows > limit { return true }
        }
        return false
    }

    /// One window of every match sorted: the full query's FTS rows (and the id match) drive the join, so the
    /// cost follows their number, not their place in the order. The id match joins with UNION ALL, leaving out
    /// a customer the words already matched (one FTS probe), since UNION's de-duplicating B-tree over every FTS
    /// row cost more than the sort: "9" at 100k (20,628 matches) 14.7-15.1 ms against 9.0-9.2 (`sqlite3`, warm).
    func sorted(_ db: Database, offset: Int, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT r.customer_id FROM (
                    SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH ?1
                    UNION ALL SELECT c.id FROM customer c
                    WHERE c.source_id IN (SELECT id FROM source) AND c.remote_id = ?2
                        AND NOT EXISTS (SELECT 1 FROM customer_fts WHERE customer_fts MATCH ?1 AND rowid = c.id)) m
                CROSS JOIN dash_customer_row r ON r.customer_id = m.id
                ORDER BY \(CustomerRows.orderBy(query)) LIMIT ?3 OFFSET ?4
                """, arguments: [fts, text, limit, offset])
    }

    /// Walks the sort index (all rows, or those `within` an FTS query plus the id match) keeping matches until
    /// the window is full; nil when an unrestricted walk would exceed the budget.
    func walk(_ db: Database, within: String?, offset: Int, limit: Int) throws -> [Int64]? {
        var sql = """
            SELECT r.customer_id, r.remote_id, \(Self.textColumns)
            FROM dash_customer_row r INDEXED BY \(CustomerRows.index(query.sort)) JOIN customer c ON c.id = r.customer_id
            """
        var args: [(any DatabaseValueConvertible)?] = []
        if let within {
            sql += " WHERE r.customer_id IN (\(CustomerRows.matchSQL))"
            args += [within, text]
        }
        sql += " ORDER BY \(CustomerRows.orderBy(query))"
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
        return try keep(db, rows, budgeted: within == nil, offset: offset, limit: limit)
    }

    /// Keeps the matching rows of a walk (`r.customer_id, r.remote_id, textColumns`, in the window's order) until
    /// the window is full; with a budget, nil as soon as the density seen says the rest would not fit it.
    func keep(_ db: Database, _ rows: RowCursor, budgeted: Bool, offset: Int, limit: Int) throws -> [Int64]? {
        let need = offset + limit
        var ids: [Int64] = []
        var seen = 0, walked = 0, cost = 0
        while let row = try rows.next() {
            walked += 1
            if try matches(db, row, cost: &cost) {
                seen += 1
                if seen > offset { ids.append(row[0]) }
                if seen == need { break }
            }
            guard budgeted else { continue }
            if cost >= limits.walkBudget { return nil }
            if walked >= 64 && cost + (need - seen) * max(1, cost / max(seen, 1)) > limits.walkBudget { return nil }
        }
        return ids
    }
}
